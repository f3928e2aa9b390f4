// Test-account credentials come only from environment variables the plan names as ${VAR}; the
// values live in memory for the capture and are masked out of everything written to disk.
import { UserError } from '../errors.ts';
import type { Plan } from './schema.ts';

export interface Credential {
  name: string;
  variable: string;
  value: string;
}

export function resolveCredentials(plan: Plan, planFile: string, environment: NodeJS.ProcessEnv = process.env): Credential[] {
  return Object.entries(plan.credentials ?? {}).map(([name, reference]) => {
    const variable = reference.slice(2, -1);
    const value = environment[variable];
    if (!value) {
      throw new UserError(`${planFile}: credentials.${name} refers to \${${variable}}, which is not set; export ${variable}=… before the run`);
    }
    return { name, variable, value };
  });
}
