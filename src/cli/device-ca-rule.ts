// A real device whose apps do not trust our CA gives only refused TLS handshakes: every
// encrypted request unreadable, and checks that could pass on what they could not read. So a run
// on a real device needs the device CA folder (--ca-dir, installed once with `gameaudit device
// prepare`), or an explicit --allow-unreadable-https, which the report then states at the top.
import { UserError } from '../errors.ts';
import type { LoadedProgramme } from '../plan/load.ts';
import { planPlatforms } from './programme-runner.ts';

export interface DeviceCaSelection {
  programme: LoadedProgramme;
  only?: string[];
  platform?: string;
  caDir?: string;
  allowUnreadableHttps?: boolean;
}

/** The real (not simulated) mobile devices the selected audits can run on. */
export function realDevicesInUse(selection: DeviceCaSelection): string[] {
  const plans = selection.programme.plans.filter(({ plan }) => !selection.only || selection.only.includes(plan.id));
  const platforms = new Set(plans.flatMap(({ plan }) => planPlatforms(plan)).filter((platform) => !selection.platform || platform === selection.platform));
  return selection.programme.devices
    .filter((device) => device.platform !== 'web' && !device.simulated && platforms.has(device.platform))
    .map((device) => device.id);
}

/** Throws (exit 2) when a real device would run without a CA it was prepared to trust. */
export function requireTrustedDeviceCa(selection: DeviceCaSelection): void {
  if (selection.caDir || selection.allowUnreadableHttps) return;
  const devices = realDevicesInUse(selection);
  if (devices.length === 0) return;
  throw new UserError(
    `device ${devices.join(', ')} is a real device and no device CA was given, so its apps would refuse the proxy's certificate and their HTTPS would be unreadable: run with --ca-dir <dir> after installing <dir>/ca.pem with \`gameaudit device prepare --ca\` (docs/real-devices.md), or with --allow-unreadable-https to audit anyway`,
  );
}
