import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.ts';
import { standardName, statusFromOutcomes } from '../../src/scoring/standards.ts';

const checksDirectory = path.resolve('checks');

describe('the check catalogue', () => {
  it('lists every file in checks/ exactly once, each named by its id', () => {
    const files = readdirSync(checksDirectory)
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(allChecks.map((check) => check.id).sort()).toEqual(files);
  });

  it('gives every check a rationale naming its standard by number and name', () => {
    for (const check of allChecks) {
      expect(check.rationale, check.id).toContain(`Standard ${check.standard}`);
      expect(check.rationale, check.id).toContain(standardName(check.standard));
      expect(check.failureTitle, check.id).not.toBe(check.title);
    }
  });

  it('keeps checks pure: no clock, randomness, file system or network in their source', () => {
    for (const file of readdirSync(checksDirectory).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(path.join(checksDirectory, file), 'utf8');
      expect(source, file).not.toMatch(/Date\.now|new Date\(\)|Math\.random|performance\.now|from 'node:|fetch\(|process\.env/);
    }
  });
});

describe('standard status from check outcomes', () => {
  it('lets the worst outcome decide, never counts inconclusive as conforming, and shows errors', () => {
    expect(statusFromOutcomes(['pass', 'fail', 'inconclusive'])).toBe('does-not-conform');
    expect(statusFromOutcomes(['pass', 'error'])).toBe('error');
    expect(statusFromOutcomes(['pass', 'inconclusive'])).toBe('concerns');
    expect(statusFromOutcomes(['pass', 'warn'])).toBe('concerns');
    expect(statusFromOutcomes(['pass', 'not-applicable'])).toBe('conforms');
    expect(statusFromOutcomes(['not-applicable'])).toBe('not-assessed');
    expect(statusFromOutcomes([])).toBe('not-assessed');
  });
});
