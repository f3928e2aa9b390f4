// Which player-facing group each permission belongs to, as the system's own permission dialogs
// group them (so a report can say "location" rather than ACCESS_COARSE_LOCATION). Shared by the
// Appium backends: Android reads it by permission name, iOS by the alert's text.
import type { PermissionGroup } from '../../evidence/schema.ts';

const groupByPermission: Record<string, PermissionGroup> = {
  ACCESS_FINE_LOCATION: 'location',
  ACCESS_COARSE_LOCATION: 'location',
  ACCESS_BACKGROUND_LOCATION: 'location',
  ACCESS_MEDIA_LOCATION: 'location',
  READ_CONTACTS: 'contacts',
  WRITE_CONTACTS: 'contacts',
  GET_ACCOUNTS: 'contacts',
  CAMERA: 'camera',
  RECORD_AUDIO: 'microphone',
  READ_PHONE_STATE: 'phone',
  READ_PHONE_NUMBERS: 'phone',
  CALL_PHONE: 'phone',
  ANSWER_PHONE_CALLS: 'phone',
  READ_CALL_LOG: 'phone',
  WRITE_CALL_LOG: 'phone',
  ADD_VOICEMAIL: 'phone',
  USE_SIP: 'phone',
  PROCESS_OUTGOING_CALLS: 'phone',
  READ_EXTERNAL_STORAGE: 'storage',
  WRITE_EXTERNAL_STORAGE: 'storage',
  READ_MEDIA_IMAGES: 'storage',
  READ_MEDIA_VIDEO: 'storage',
  READ_MEDIA_AUDIO: 'storage',
  READ_MEDIA_VISUAL_USER_SELECTED: 'storage',
  BLUETOOTH_SCAN: 'nearby-devices',
  BLUETOOTH_CONNECT: 'nearby-devices',
  BLUETOOTH_ADVERTISE: 'nearby-devices',
  NEARBY_WIFI_DEVICES: 'nearby-devices',
  UWB_RANGING: 'nearby-devices',
  POST_NOTIFICATIONS: 'notifications',
  READ_CALENDAR: 'calendar',
  WRITE_CALENDAR: 'calendar',
  SEND_SMS: 'sms',
  RECEIVE_SMS: 'sms',
  READ_SMS: 'sms',
  RECEIVE_MMS: 'sms',
  RECEIVE_WAP_PUSH: 'sms',
  BODY_SENSORS: 'body-sensors',
  BODY_SENSORS_BACKGROUND: 'body-sensors',
  ACTIVITY_RECOGNITION: 'activity-recognition',
};

/** Runtime ("dangerous") permissions need the player's answer in a dialog; the rest are granted at install. */
const runtimePermissions = new Set(Object.keys(groupByPermission));

function shortName(permission: string): string {
  return permission.startsWith('android.permission.') ? permission.slice('android.permission.'.length) : permission;
}

export function permissionGroup(permission: string): PermissionGroup {
  if (permission === 'com.google.android.gms.permission.AD_ID' || permission === 'android.permission.ACCESS_ADSERVICES_AD_ID') return 'tracking';
  if (!permission.startsWith('android.permission.')) return 'other';
  return groupByPermission[shortName(permission)] ?? 'other';
}

export function isRuntimePermission(permission: string): boolean {
  return permission.startsWith('android.permission.') && runtimePermissions.has(shortName(permission));
}

/** Group from the words of a system permission dialog ("Allow X to access this device's location?"). */
export function groupFromDialogText(text: string): PermissionGroup {
  const lower = text.toLowerCase();
  const rules: [RegExp, PermissionGroup][] = [
    [/location/, 'location'],
    [/contacts/, 'contacts'],
    [/take pictures|record video|camera/, 'camera'],
    [/record audio|microphone/, 'microphone'],
    [/phone calls|call logs/, 'phone'],
    [/photos|videos|music|audio files|media|files/, 'storage'],
    [/nearby devices/, 'nearby-devices'],
    [/notifications/, 'notifications'],
    [/calendar/, 'calendar'],
    [/sms/, 'sms'],
    [/physical activity/, 'activity-recognition'],
    [/sensor data|vital signs/, 'body-sensors'],
    [/track your activity/, 'tracking'],
  ];
  return rules.find(([pattern]) => pattern.test(lower))?.[1] ?? 'other';
}
