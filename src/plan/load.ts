// Loading YAML/JSON input files through their zod schema, with errors that name the file,
// the line (where YAML gives one), the field path and the fix.
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputFileError } from '../errors.ts';
import type { PersonaRecord } from '../evidence/schema.ts';
import {
  DevicesFileSchema,
  IdentifiersSchema,
  PlanSchema,
  ProgrammeSchema,
  type Device,
  type Identifiers,
  type Plan,
  type Programme,
} from './schema.ts';

/** Plans are small; anything larger is a mistake (or an attack on the parser). */
const maxInputBytes = 1024 * 1024;

interface ParsedYaml {
  value: unknown;
  lineOf(fieldPath: readonly PropertyKey[]): number | undefined;
}

/** What was read from a pipe or stdin: it cannot be read a second time (loadPlan hashes the same bytes). */
const readOnce = new Map<string, string>();

/** Reads at most limit+1 bytes from a descriptor, so a pipe cannot get past the size limit. */
function readBounded(descriptor: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(64 * 1024);
  for (let read = readSync(descriptor, buffer); read > 0 && total <= limit; read = readSync(descriptor, buffer)) {
    chunks.push(Buffer.from(buffer.subarray(0, read)));
    total += read;
  }
  return Buffer.concat(chunks);
}

/**
 * The text of an input file, `-` for stdin. A folder is refused by name; a pipe (`<(cat plan)`,
 * `/dev/stdin`) is read once, within the same size limit as a file.
 */
export function readInputText(file: string): string {
  const cached = readOnce.get(file);
  if (cached !== undefined) return cached;
  // /dev/stdin is read as the descriptor it is: opened again by name, a socket (as from a spawning program) refuses.
  const fromStdin = file === '-' || file === '/dev/stdin';
  const status = fromStdin ? fstatSync(0) : statSync(file, { throwIfNoEntry: false });
  if (!status) throw new InputFileError(file, 'file not found; check the path');
  if (status.isDirectory()) throw new InputFileError(file, 'is a folder, not a file; give the YAML file itself (for example audits/<game>.yaml)');
  if (status.isFile() && !fromStdin) {
    if (status.size > maxInputBytes) throw new InputFileError(file, `file is ${status.size} bytes; input files are limited to ${maxInputBytes} bytes`);
    return readFileSync(file, 'utf8');
  }
  let descriptor = 0;
  if (!fromStdin) {
    try {
      descriptor = openSync(file, 'r');
    } catch (error) {
      throw new InputFileError(file, `could not be opened (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a YAML file, or - to read stdin`);
    }
  }
  let bytes: Buffer;
  try {
    bytes = readBounded(descriptor, maxInputBytes);
  } finally {
    if (!fromStdin) closeSync(descriptor);
  }
  if (bytes.length > maxInputBytes) throw new InputFileError(file, `more than ${maxInputBytes} bytes; input files are limited to ${maxInputBytes} bytes`);
  const text = bytes.toString('utf8');
  readOnce.set(file, text);
  return text;
}

function readYaml(file: string): ParsedYaml {
  const text = readInputText(file);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const firstError = document.errors[0];
  if (firstError) {
    const line = lineCounter.linePos(firstError.pos[0]).line;
    const where = line ? ` (line ${line})` : '';
    const reason = /call stack/i.test(firstError.message) ? 'nested too deeply to be a plan' : (firstError.message.split('\n')[0] ?? firstError.code);
    throw new InputFileError(file, `not valid YAML${where}: ${reason}; fix the syntax at that line`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InputFileError(file, `YAML could not be read: ${(error as Error).message}`);
  }
  return {
    value,
    lineOf(fieldPath) {
      // Walk down as far as the path exists; report the line of the field's key (what the user
      // typed), so "unknown field" and "wrong type" both point at the right line.
      let node: unknown = document.contents;
      let offset: number | undefined = (node as { range?: number[] } | null)?.range?.[0];
      for (const segment of fieldPath) {
        if (isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
          if (!pair) break;
          offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          node = node.items[segment];
          offset = (node as { range?: number[] } | undefined)?.range?.[0] ?? offset;
        } else break;
      }
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

function describeValueType(value: unknown): string {
  if (value === null) return 'an empty value (null)';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

function formatPath(fieldPath: readonly PropertyKey[]): string {
  if (fieldPath.length === 0) return '(top level)';
  return fieldPath
    .map((key, position) => (typeof key === 'number' ? `[${key}]` : `${position === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Turns the first zod issue into one actionable sentence. */
export function describeIssue(issue: z.core.$ZodIssue, lineOf: (p: readonly PropertyKey[]) => number | undefined): string {
  let fieldPath: PropertyKey[] = [...issue.path];
  let fix: string;
  switch (issue.code) {
    case 'unrecognized_keys':
      fieldPath = [...issue.path, issue.keys[0] ?? ''];
      fix = `unknown field; remove it or check its spelling`;
      break;
    case 'invalid_type':
      fix =
        issue.input === undefined
          ? `required field is missing; add it (${issue.expected})`
          : // YAML's .inf and .nan are numbers to JavaScript too; "expected number, got number" helps no one.
            issue.expected === 'number' && typeof issue.input === 'number'
            ? `must be a finite number (${String(issue.input)} is not); write a plain number such as 10`
            : `expected ${issue.expected}, got ${describeValueType(issue.input)}`;
      break;
    default:
      fix = issue.message;
  }
  const line = lineOf(fieldPath);
  return `${formatPath(fieldPath)}${line ? ` (line ${line})` : ''}: ${fix}`;
}

export function parseWithSchema<Schema extends z.ZodType>(file: string, schema: Schema, value: unknown, lineOf: ParsedYaml['lineOf'] = () => undefined): z.output<Schema> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const extra = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
    // A misspelt field also shows up as a missing one: report the spelling first, it is the cause.
    const first = result.error.issues.find((issue) => issue.code === 'unrecognized_keys') ?? result.error.issues[0]!;
    throw new InputFileError(file, describeIssue(first, lineOf) + extra);
  }
  return result.data;
}

export function loadYamlFile<Schema extends z.ZodType>(file: string, schema: Schema): z.output<Schema> {
  const parsed = readYaml(file);
  return parseWithSchema(file, schema, parsed.value, parsed.lineOf);
}

export interface LoadedPlan {
  file: string;
  plan: Plan;
  identifiers: Identifiers;
  /** Bytes of the plan file, hashed into the manifest. */
  source: string;
  /** Set on the plan of one persona's capture (plan/persona-plan.ts): who the capture plays as. */
  persona?: PersonaRecord;
}

export function loadPlan(file: string): LoadedPlan {
  const plan = loadYamlFile(file, PlanSchema);
  // A plan read from a pipe has no folder of its own: the files it names are found from the current one.
  const planFolder = readOnce.has(file) ? process.cwd() : path.dirname(file);
  const identifiers = plan.identifiers ? loadIdentifiers(path.resolve(planFolder, plan.identifiers)) : {};
  // Every persona's identifiers file is read now, so a bad one is refused before any capture starts.
  for (const persona of plan.personas ?? []) if (persona.identifiers) loadIdentifiers(path.resolve(planFolder, persona.identifiers));
  return { file, plan, identifiers, source: readInputText(file) };
}

export function loadIdentifiers(file: string): Identifiers {
  return loadYamlFile(file, IdentifiersSchema);
}

export interface LoadedProgramme {
  file: string;
  programme: Programme;
  plans: LoadedPlan[];
  devices: Device[];
}

/** A device with where it is written, for error messages. */
interface ListedDevice {
  device: Device;
  file: string;
  field: string;
}

function listedIn(file: string, devices: readonly Device[]): ListedDevice[] {
  return devices.map((device, position) => ({ device, file, field: `devices[${position}]` }));
}

/**
 * Devices run their audits at the same time, each capture's proxy on the port its device was
 * prepared with (capability gameaudit:proxyPort): two devices on one port would collide.
 */
function requireOwnProxyPorts(listed: readonly ListedDevice[]): void {
  const byPort = new Map<unknown, Device>();
  for (const { device, file, field } of listed) {
    const port = device.capabilities?.['gameaudit:proxyPort'];
    if (port === undefined) continue;
    const other = byPort.get(port);
    if (other) {
      throw new InputFileError(
        file,
        `${field} (${device.id}): capabilities.gameaudit:proxyPort ${String(port)} is also the port of device "${other.id}"; devices capture at the same time, so give each its own port (and prepare the phone for it: gameaudit device prepare --proxy-port)`,
      );
    }
    byPort.set(port, device);
  }
}

export function loadProgramme(file: string): LoadedProgramme {
  const programme = loadYamlFile(file, ProgrammeSchema);
  const directory = path.dirname(file);
  const plans = programme.games.map((game, position) => {
    try {
      return loadPlan(path.resolve(directory, game));
    } catch (error) {
      // Say which line of the programme led to the bad plan, as well as what is wrong with it.
      if (error instanceof InputFileError) throw new InputFileError(file, `games[${position}] (${game}): ${error.message}`);
      throw error;
    }
  });
  const listed = listedIn(file, programme.devices);
  if (programme.devicesFile) {
    const devicesFile = path.resolve(directory, programme.devicesFile);
    listed.push(...listedIn(devicesFile, loadYamlFile(devicesFile, DevicesFileSchema).devices));
  }
  requireOwnProxyPorts(listed);
  const devices = listed.map(({ device }) => device);
  const seen = new Set<string>();
  for (const { plan, file: planFile } of plans) {
    if (seen.has(plan.id)) throw new InputFileError(planFile, `id: "${plan.id}" is used by another game of the programme; give each plan its own id`);
    seen.add(plan.id);
  }
  return { file, programme, plans: withProgrammePersonas(file, programme, plans), devices };
}

/** The programme's personas for a game replace the plan's own: the programme decides the ages it audits at. */
function withProgrammePersonas(file: string, programme: Programme, plans: LoadedPlan[]): LoadedPlan[] {
  const personas = programme.personas ?? {};
  const unknown = Object.keys(personas).filter((id) => !plans.some(({ plan }) => plan.id === id));
  if (unknown.length > 0) throw new InputFileError(file, `personas: "${unknown[0]}" is not the id of a game of this programme; use one of ${plans.map(({ plan }) => plan.id).join(', ')}`);
  return plans.map((loadedPlan) => {
    const forGame = personas[loadedPlan.plan.id];
    if (!forGame) return loadedPlan;
    for (const persona of forGame) if (persona.identifiers) loadIdentifiers(path.resolve(path.dirname(loadedPlan.file), persona.identifiers));
    return { ...loadedPlan, plan: { ...loadedPlan.plan, personas: forGame } };
  });
}

/** Detects which kind of file it is by its top-level fields, for `gameaudit validate`. */
export function validateFile(file: string): 'plan' | 'programme' | 'identifiers' | 'devices' {
  const { value } = readYaml(file);
  const keys = value && typeof value === 'object' ? Object.keys(value) : [];
  if (keys.includes('games')) {
    loadProgramme(file);
    return 'programme';
  }
  if (keys.includes('devices')) {
    requireOwnProxyPorts(listedIn(file, loadYamlFile(file, DevicesFileSchema).devices));
    return 'devices';
  }
  if (keys.includes('platforms') || keys.includes('id')) {
    loadPlan(file);
    return 'plan';
  }
  loadIdentifiers(file);
  return 'identifiers';
}
