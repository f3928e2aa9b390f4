// Reads a file an investigator hands to `gameaudit import`, refusing with one line what cannot be
// one: a path that does not exist, a folder, a file that is not UTF-8 text, an empty file. Every
// format (HAR, App Privacy Report, TrackerControl CSV) is text, so they share this one reader.
import { readFileSync, statSync } from 'node:fs';
import { InputFileError } from '../../errors.ts';

export interface InputFile {
  /** The bytes as given, kept and hashed in the bundle. */
  bytes: Buffer;
  /** The same bytes as text, without a byte-order mark. */
  text: string;
}

export function readInputFile(file: string): InputFile {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new InputFileError(file, 'file not found; check the path');
  }
  if (!isFile) throw new InputFileError(file, 'this is a folder (or a device), not a file; give the exported file itself, e.g. capture.har inside it');
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputFileError(file, 'not UTF-8 text (HAR, App Privacy Report and TrackerControl exports are UTF-8); re-export it from the tool, or convert it with iconv -t UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputFileError(file, 'the file is empty; export it again');
  return { bytes, text };
}
