// Who ran the tool: named in every manifest, and the name a signing key is made for by default.
// Where the name came from is kept too: a computer account ("root") is not a person, and a report
// must not present it as one.
import os from 'node:os';

export type OperatorSource = 'GAMEAUDIT_OPERATOR' | 'computer account';

export function operatorIdentity(): { name: string; source: OperatorSource } {
  const fromEnvironment = process.env.GAMEAUDIT_OPERATOR?.trim();
  if (fromEnvironment) return { name: fromEnvironment, source: 'GAMEAUDIT_OPERATOR' };
  try {
    return { name: os.userInfo().username, source: 'computer account' };
  } catch {
    return { name: 'unknown', source: 'computer account' };
  }
}

export function operatorName(): string {
  return operatorIdentity().name;
}
