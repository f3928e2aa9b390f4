// What an investigator wants at the top of a run's index (issue 21, item 15): the programme's name
// rather than the run id, when the games were captured, by whom, with which tool version, and how
// many games there are (a game captured as three personas is one game).
import { operatorWords } from './capture-facts.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Result } from '../scoring/result-schema.ts';

export interface RunFacts {
  /** The programme.yaml's name; absent for a run of single plans or when the file is gone. */
  programmeName?: string;
  captureDates: string[];
  operators: string[];
  toolVersions: string[];
  /** Distinct games, not bundles. */
  gameCount: number;
  /** "3 personas" per game id, only for games captured as more than one persona. */
  personasByGame: Record<string, number>;
}

/** The programme name recorded through run.json's source file; nothing when it cannot be read (the run stays readable). */
function programmeName(runDir: string): string | undefined {
  try {
    const run = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { source?: { kind?: string; file?: string } };
    if (run.source?.kind !== 'programme' || !run.source.file) return undefined;
    const programme = parse(readFileSync(run.source.file, 'utf8')) as { name?: unknown };
    return typeof programme?.name === 'string' && programme.name.trim() ? programme.name.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function runFacts(runDir: string, results: readonly Pick<Result, 'game' | 'bundle'>[]): RunFacts {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  const bundlesByGame = new Map<string, number>();
  for (const result of results) bundlesByGame.set(result.game.id, (bundlesByGame.get(result.game.id) ?? 0) + 1);
  const name = programmeName(runDir);
  return {
    ...(name ? { programmeName: name } : {}),
    captureDates: sorted(results.map((result) => result.bundle.startedAt.slice(0, 10))),
    operators: sorted(results.map((result) => operatorWords(result.bundle))),
    toolVersions: sorted(results.map((result) => result.bundle.toolVersion)),
    gameCount: bundlesByGame.size,
    personasByGame: Object.fromEntries([...bundlesByGame].filter(([, count]) => count > 1)),
  };
}
