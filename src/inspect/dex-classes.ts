// The classes a DEX file defines, read from its header, string ids, type ids and class defs
// (source.android.com/docs/core/runtime/dex-format). No maintained npm library reads DEX files
// (the AXML readers stop at the manifest), and class names need only these four tables.

export class DexFormatError extends Error {}

const noIndex = 0xffffffff;

function readUleb128(dex: Buffer, offset: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let at = offset;
  for (;;) {
    const byte = dex[at]!;
    at += 1;
    value |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0 || shift >= 28) break;
    shift += 7;
  }
  return { value: value >>> 0, next: at };
}

/**
 * The type descriptors of every class a DEX file defines (`Lcom/example/Foo;`), in class-def
 * order. Descriptors, not dotted names: turning 500,000 of them into new strings is most of the
 * cost of a big game, and prefixes can be turned into descriptors once instead (sdk-signatures.ts).
 */
export function dexClassDescriptors(dex: Buffer): string[] {
  if (dex.length < 0x70 || dex.toString('latin1', 0, 4) !== 'dex\n') throw new DexFormatError('not a DEX file (no "dex\\n" magic)');
  if (dex.readUInt32LE(40) !== 0x12345678) throw new DexFormatError('not a little-endian DEX file');
  const stringIdsSize = dex.readUInt32LE(56);
  const stringIdsOff = dex.readUInt32LE(60);
  const typeIdsSize = dex.readUInt32LE(64);
  const typeIdsOff = dex.readUInt32LE(68);
  const classDefsSize = dex.readUInt32LE(96);
  const classDefsOff = dex.readUInt32LE(100);
  if (classDefsOff + classDefsSize * 32 > dex.length || typeIdsOff + typeIdsSize * 4 > dex.length || stringIdsOff + stringIdsSize * 4 > dex.length) {
    throw new DexFormatError('a table runs past the end of the file (cut short?)');
  }
  const stringAt = (index: number): string => {
    if (index >= stringIdsSize) throw new DexFormatError(`string index ${index} out of range`);
    const dataOff = dex.readUInt32LE(stringIdsOff + index * 4);
    if (dataOff >= dex.length) throw new DexFormatError(`string ${index} starts past the end of the file`);
    const { next } = readUleb128(dex, dataOff);
    const end = dex.indexOf(0, next);
    if (end < 0) throw new DexFormatError('a string runs past the end of the file');
    // MUTF-8 differs from UTF-8 only for NUL and characters outside the BMP, neither of which a class name of an SDK uses.
    return dex.toString('utf8', next, end);
  };
  const descriptors: string[] = [];
  for (let index = 0; index < classDefsSize; index += 1) {
    const typeIndex = dex.readUInt32LE(classDefsOff + index * 32);
    if (typeIndex === noIndex || typeIndex >= typeIdsSize) throw new DexFormatError(`class def ${index} names type ${typeIndex}, out of range`);
    const descriptor = stringAt(dex.readUInt32LE(typeIdsOff + typeIndex * 4));
    if (descriptor.startsWith('L') && descriptor.endsWith(';')) descriptors.push(descriptor);
  }
  return descriptors;
}

/**
 * Which of `wanted` the DEX file's string table holds. The table is sorted by UTF-16 code unit
 * (the spec), as JavaScript compares strings, so each is a binary search. Constant strings such
 * as AIDL interface descriptors survive R8's renaming of classes.
 */
export function dexStringsPresent(dex: Buffer, wanted: readonly string[]): string[] {
  if (wanted.length === 0) return [];
  if (dex.length < 0x70 || dex.toString('latin1', 0, 4) !== 'dex\n') throw new DexFormatError('not a DEX file (no "dex\\n" magic)');
  const size = dex.readUInt32LE(56);
  const idsOff = dex.readUInt32LE(60);
  if (idsOff + size * 4 > dex.length) throw new DexFormatError('a table runs past the end of the file (cut short?)');
  const at = (index: number): string => {
    const dataOff = dex.readUInt32LE(idsOff + index * 4);
    const { next } = readUleb128(dex, dataOff);
    const end = dex.indexOf(0, next);
    return dex.toString('utf8', next, end < 0 ? dex.length : end);
  };
  return wanted.filter((text) => {
    let low = 0;
    let high = size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const found = at(middle);
      if (found === text) return true;
      if (found < text) low = middle + 1;
      else high = middle;
    }
    return false;
  });
}

/** `com.example.` → `Lcom/example/`: a dotted class-name prefix as the start of a descriptor. */
export function descriptorPrefix(dottedPrefix: string): string {
  return `L${dottedPrefix.replaceAll('.', '/')}`;
}
