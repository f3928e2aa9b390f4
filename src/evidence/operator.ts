// Who ran the tool: named in every manifest, and the name a signing key is made for by default.
import os from 'node:os';

export function operatorName(): string {
  const fromEnvironment = process.env.GAMEAUDIT_OPERATOR?.trim();
  if (fromEnvironment) return fromEnvironment;
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
