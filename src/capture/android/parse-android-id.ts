// Parses `settings get secure android_id`: 16 hex digits (per app signing key since Android 8),
// or "null" when the setting is absent.
export function parseAndroidId(output: string): string | undefined {
  const value = output.replace(/\r/g, '').trim().toLowerCase();
  return /^[0-9a-f]{1,16}$/.test(value) ? value : undefined;
}
