// Run folders: runs/<run-id>/ with an id a person can sort and read, and run.json recording what
// was asked for, so `--resume <run-dir>` can carry on without the command line being repeated.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../evidence/atomic-write.ts';
import { makeFolders } from '../evidence/make-folders.ts';
import { InputFileError, UserError } from '../errors.ts';
import { PlatformSchema } from '../plan/schema.ts';

/** A run id: UTC minute plus a label, e.g. 2026-11-23T1130Z-demo. */
export function newRunId(label: string, now: Date = new Date()): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z-${label}`;
}

/**
 * A fresh run directory under `outDir`; a second run in the same minute gets a suffix. Each
 * candidate is created exclusively, so two processes started together never share a folder.
 */
export function createRunDir(outDir: string, label: string): string {
  const parent = path.resolve(outDir);
  try {
    makeFolders(parent);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new UserError(`--out ${outDir}: cannot be used as the folder for runs (${code === 'ENOTDIR' ? message : (code ?? message)}); give a folder you can write to`);
  }
  const base = path.join(parent, newRunId(label));
  for (let attempt = 1; ; attempt++) {
    const candidate = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      mkdirSync(candidate);
      return candidate;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new UserError(`--out ${outDir}: a run folder cannot be made there (${code ?? (error as Error).message}); give a folder you can write to`);
    }
  }
}

export const RunRecordSchema = z.strictObject({
  source: z.strictObject({ kind: z.enum(['programme', 'plan']), file: z.string() }),
  only: z.array(z.string()).optional(),
  platform: PlatformSchema.optional(),
  startedAt: z.string(),
  // How the games were played: a resumed run plays the rest the same way (absent in older run.json: automated).
  assisted: z.boolean().optional(),
  withoutAppium: z.boolean().optional(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

export const runRecordFile = 'run.json';

export function writeRunRecord(runDir: string, record: RunRecord): void {
  writeJsonAtomic(path.join(runDir, runRecordFile), record);
}

export function readRunRecord(runDir: string): RunRecord {
  const file = path.join(runDir, runRecordFile);
  if (!existsSync(runDir)) throw new UserError(`--resume: ${runDir} does not exist; give a run folder such as runs/2026-11-23T1130Z-programme`);
  if (!existsSync(file)) throw new InputFileError(file, 'not found; this folder was not made by `gameaudit run` (or predates run.json) — give --programme or --plan as well');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = RunRecordSchema.safeParse(json);
  if (!parsed.success) throw new InputFileError(file, `not a run record: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
