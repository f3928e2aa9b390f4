// The plan's JSON Schema, generated from the zod schema so the two can never disagree.
import { z } from 'zod';
import { PlanSchema } from './schema.ts';

export function planJsonSchemaText(): string {
  const schema = z.toJSONSchema(PlanSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'gameaudit audit plan' }, null, 2)}\n`;
}
