import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { planJsonSchemaText } from '../../src/plan/json-schema.ts';
import { projectRoot } from '../helpers/run-cli.ts';

it('the committed audits/plan.schema.json is up to date with the zod schema (run `npm run schema`)', () => {
  const committed = readFileSync(path.join(projectRoot, 'audits/plan.schema.json'), 'utf8');
  expect(committed).toBe(planJsonSchemaText());
});
