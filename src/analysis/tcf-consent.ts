// IAB TCF v2 consent strings, decoded with @iabtcf/core. A string that does not decode is
// recorded as undecodable (with the reason), never allowed to stop the analysis.
import { TCString } from '@iabtcf/core';

export type DecodedConsent = { purposesConsented: number[]; vendorsConsented: number; cmpId?: number } | { error: string };

const cache = new Map<string, DecodedConsent>();

export function decodeTcString(tcString: string): DecodedConsent {
  const cached = cache.get(tcString);
  if (cached) return cached;
  let decoded: DecodedConsent;
  try {
    const model = TCString.decode(tcString);
    if (model.version !== 2) throw new Error(`version ${String(model.version)}, expected 2`);
    const purposesConsented: number[] = [];
    model.purposeConsents.forEach((consented, purpose) => {
      if (consented) purposesConsented.push(purpose);
    });
    let vendorsConsented = 0;
    model.vendorConsents.forEach((consented) => {
      if (consented) vendorsConsented++;
    });
    decoded = { purposesConsented, vendorsConsented, ...(model.cmpId ? { cmpId: Number(model.cmpId) } : {}) };
  } catch (error) {
    decoded = { error: `not a decodable TCF v2 string: ${(error as Error).message}` };
  }
  cache.set(tcString, decoded);
  return decoded;
}
