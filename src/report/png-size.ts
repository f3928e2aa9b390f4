// Width and height from a PNG's header, so thumbnails keep their shape before the image loads.
import { closeSync, openSync, readSync } from 'node:fs';

export function pngSize(file: string): { width: number; height: number } | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const header = Buffer.alloc(24);
    if (readSync(descriptor, header, 0, 24, 0) < 24) return undefined;
    if (header.readUInt32BE(0) !== 0x89504e47 || header.toString('ascii', 12, 16) !== 'IHDR') return undefined;
    return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
