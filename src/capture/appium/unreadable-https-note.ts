// The evidence's record that a real device ran without a CA it trusts (src/cli/device-ca-rule.ts),
// written by the Android and iOS drivers alike; the report finds it by its opening words.
export const unreadableHttpsNote =
  'Run with --allow-unreadable-https and no device CA (--ca-dir): the device may not trust the capture proxy, so HTTPS traffic may be unreadable and checks may not have seen what was sent.';
