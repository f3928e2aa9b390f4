// The file name Android gives a system CA certificate: OpenSSL's "old" subject hash
// (`openssl x509 -subject_hash_old`), i.e. the first four bytes of the MD5 of the DER-encoded
// subject name, read little-endian, as 8 hex digits, plus ".0". Computed here so that
// `device prepare` needs no openssl on the operator's machine.
import { createHash, X509Certificate } from 'node:crypto';

interface DerElement {
  tag: number;
  /** Offset of the whole element (tag byte) and of its contents. */
  start: number;
  contentStart: number;
  end: number;
}

function readElement(der: Buffer, offset: number): DerElement {
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let index = 0; index < bytes; index++) length = length * 256 + der[offset + 2 + index]!;
    contentStart += bytes;
  }
  return { tag, start: offset, contentStart, end: contentStart + length };
}

function children(der: Buffer, parent: DerElement): DerElement[] {
  const result: DerElement[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const element = readElement(der, offset);
    result.push(element);
    offset = element.end;
  }
  return result;
}

/** DER bytes of the certificate's subject Name. */
export function subjectDer(pem: string): Buffer {
  const der = new X509Certificate(pem).raw;
  const certificate = readElement(der, 0);
  const tbs = children(der, certificate)[0]!;
  const fields = children(der, tbs);
  // TBSCertificate: [0] version (optional), serial, signature, issuer, validity, subject, …
  const first = fields[0]!.tag === 0xa0 ? 1 : 0;
  const subject = fields[first + 4];
  if (!subject) throw new Error('the certificate has no subject');
  return der.subarray(subject.start, subject.end);
}

export function androidCaFileName(pem: string): string {
  const digest = createHash('md5').update(subjectDer(pem)).digest();
  return `${digest.readUInt32LE(0).toString(16).padStart(8, '0')}.0`;
}
