// How a declared permission is marked in the inventory: its player-facing group, whether it is
// a runtime ("dangerous") permission, which kind of location it gives, and whether it is the
// advertising-id permission. The group table is the one the device capture uses.
import { isRuntimePermission, permissionGroup } from '../capture/appium/permission-groups.ts';
import type { DeclaredPermission } from './package-inspection-schema.ts';

/** Google Play services' permission an app needs (targeting Android 13+) to read the advertising id. */
export const advertisingIdPermissions = new Set(['com.google.android.gms.permission.AD_ID', 'android.permission.ACCESS_ADSERVICES_AD_ID']);

const locationKinds: Record<string, DeclaredPermission['location']> = {
  'android.permission.ACCESS_FINE_LOCATION': 'fine',
  'android.permission.ACCESS_COARSE_LOCATION': 'coarse',
  'android.permission.ACCESS_BACKGROUND_LOCATION': 'background',
};

export function describePermission(name: string): Omit<DeclaredPermission, 'name' | 'maxSdkVersion'> {
  const location = locationKinds[name];
  return {
    group: permissionGroup(name),
    dangerous: isRuntimePermission(name),
    ...(location ? { location } : {}),
    ...(advertisingIdPermissions.has(name) ? { advertisingId: true } : {}),
  };
}
