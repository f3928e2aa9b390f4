// An iOS system permission alert as evidence: its words, its buttons (from XCUITest's
// `mobile: alert` getButtons) and which of them refuses. Pure, so it is tested without a phone.
import type { Button, PermissionGroup } from '../../evidence/schema.ts';
import { groupFromDialogText } from '../appium/permission-groups.ts';

export interface IosPermissionAlert {
  text: string;
  group: PermissionGroup;
  buttons: Button[];
  /** The label to pass to `mobile: alert` to refuse; undefined when none refuses. */
  declineLabel: string | undefined;
}

// Whole words only: "Allowance" is no "Allow", "Book" no "OK", "Cancellation policy" no "Cancel".
const declineWords = /\b(don['’]?t allow|do not allow|not to track|deny|cancel|not now)\b/i;
const acceptWords = /\b(allow|ok|okay|continue)\b/i;

export function iosAlertButtonRole(label: string): Button['role'] {
  if (declineWords.test(label)) return 'decline';
  if (acceptWords.test(label)) return 'accept';
  return 'other';
}

/** The iOS usage key that triggers each kind of alert, as the permission's name. */
const usageKeyByGroup: Partial<Record<PermissionGroup, string>> = {
  location: 'NSLocationWhenInUseUsageDescription',
  tracking: 'NSUserTrackingUsageDescription',
  camera: 'NSCameraUsageDescription',
  microphone: 'NSMicrophoneUsageDescription',
  contacts: 'NSContactsUsageDescription',
  storage: 'NSPhotoLibraryUsageDescription',
  'nearby-devices': 'NSBluetoothAlwaysUsageDescription',
  calendar: 'NSCalendarsUsageDescription',
  'activity-recognition': 'NSMotionUsageDescription',
  notifications: 'UNUserNotificationCenter',
};

export function iosPermissionName(group: PermissionGroup): string {
  return usageKeyByGroup[group] ?? 'unknown';
}

export function describeIosAlert(text: string, buttonLabels: string[]): IosPermissionAlert {
  const buttons = buttonLabels.map((label) => ({ text: label, role: iosAlertButtonRole(label), visible: true }));
  return { text, group: groupFromDialogText(text), buttons, declineLabel: buttons.find((button) => button.role === 'decline')?.text };
}
