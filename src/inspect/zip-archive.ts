// Reads an archive (APK, split set, IPA) entry by entry with yauzl, from its central directory:
// only the entries asked for are inflated, one at a time, so memory follows the largest entry
// read (a DEX file, a plist), never the size of the archive. A 2 GB game is not held in memory.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

export interface ZipEntryInfo {
  name: string;
  uncompressedSize: number;
}

/** What to do with one entry: skip it, read it into memory, or write it to a file (nested archives). */
export type EntryAction = { kind: 'skip' } | { kind: 'buffer'; use(content: Buffer): void | Promise<void> } | { kind: 'file'; path: string; use(): void | Promise<void> };

/** Entries above this are not read into memory: no single manifest, plist or DEX of a real game comes near it. */
export const maxBufferedEntryBytes = 512 * 1024 * 1024;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, decodeStrings: true, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

async function readAll(stream: NodeJS.ReadableStream, size: number): Promise<Buffer> {
  const content = Buffer.allocUnsafe(size);
  let at = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunk.copy(content, at);
    at += chunk.length;
  }
  return content.subarray(0, at);
}

/** Visits every entry in central-directory order; `choose` decides what is read. */
export async function walkZip(file: string, choose: (entry: ZipEntryInfo) => EntryAction): Promise<void> {
  const zip = await openZip(file);
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const info: ZipEntryInfo = { name: entry.fileName, uncompressedSize: entry.uncompressedSize };
      const action = entry.fileName.endsWith('/') ? ({ kind: 'skip' } as const) : choose(info);
      const next = async (): Promise<void> => {
        if (action.kind === 'buffer') {
          if (entry.uncompressedSize > maxBufferedEntryBytes) throw new Error(`${entry.fileName} is ${entry.uncompressedSize} bytes, more than gameaudit reads into memory`);
          await action.use(await readAll(await openEntry(zip, entry), entry.uncompressedSize));
        } else if (action.kind === 'file') {
          await pipeline(await openEntry(zip, entry), createWriteStream(action.path));
          await action.use();
        }
      };
      next().then(() => zip.readEntry(), (error: unknown) => {
        zip.close();
        reject(error as Error);
      });
    });
    zip.readEntry();
  });
}
