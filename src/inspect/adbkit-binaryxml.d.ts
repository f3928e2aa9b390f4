// Types for the one part of @devicefarmer/adbkit-apkreader we use: its Android binary XML parser.
declare module '@devicefarmer/adbkit-apkreader/lib/apkreader/parser/binaryxml.js' {
  export interface BinaryXmlAttribute {
    name: string;
    value: string | null;
    typedValue: { value: unknown; type: string | null };
  }
  export interface BinaryXmlElement {
    nodeName: string;
    attributes: BinaryXmlAttribute[];
    childNodes: BinaryXmlElement[];
  }
  export default class BinaryXmlParser {
    constructor(buffer: Buffer, options?: { debug?: boolean });
    parse(): BinaryXmlElement;
  }
}
