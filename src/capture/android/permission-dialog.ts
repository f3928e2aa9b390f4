// Recognises Android's runtime permission dialog in a page source. The dialog belongs to the
// system's permission controller (AOSP or Google's build of it), never to the game, so it is
// found by package; its resource ids keep the AOSP prefix on both builds.
import type { Button } from '../../evidence/schema.ts';
import type { PermissionGroup } from '../../evidence/schema.ts';
import { allNodes, nodeBounds, nodeText, type UiNode } from '../appium/page-source.ts';
import { groupFromDialogText } from '../appium/permission-groups.ts';

export const permissionControllerPackages = ['com.android.permissioncontroller', 'com.google.android.permissioncontroller', 'com.android.packageinstaller'];

export interface PermissionDialog {
  text: string;
  group: PermissionGroup;
  buttons: Button[];
  /** XPath of the button that refuses; undefined when the dialog offers none. */
  denyXpath: string | undefined;
}

function buttonRole(resourceId: string, text: string): Button['role'] {
  const lower = `${resourceId} ${text}`.toLowerCase();
  if (/deny|don.t allow|do not allow|refuse/.test(lower)) return 'decline';
  if (/allow|while using|only this time|one_time/.test(lower)) return 'accept';
  return 'other';
}

export function isPermissionControllerNode(node: UiNode): boolean {
  return permissionControllerPackages.includes(node.attributes.package ?? '');
}

export function findPermissionDialog(root: UiNode): PermissionDialog | undefined {
  const nodes = allNodes(root).filter(isPermissionControllerNode);
  if (nodes.length === 0) return undefined;
  const message = nodes.find((node) => /:id\/permission_message$/.test(node.attributes['resource-id'] ?? ''));
  const text = (message ? nodeText(message) : nodes.map(nodeText).find((candidate) => candidate.length > 20)) ?? '';
  const buttons: Button[] = [];
  let denyXpath: string | undefined;
  for (const node of nodes) {
    const resourceId = node.attributes['resource-id'] ?? '';
    // The Precise / Approximate choice is made of RadioButtons: options of the dialog, not answers to it.
    const isButton = (/Button$/.test(node.tag) && !/(Radio|Toggle)Button$/.test(node.tag)) || (node.attributes.clickable === 'true' && /_button$/.test(resourceId));
    if (!isButton) continue;
    const label = nodeText(node);
    if (!label) continue;
    const role = buttonRole(resourceId, label);
    const locator = resourceId ? `//*[@resource-id="${resourceId}"]` : `//*[@text="${label.replace(/"/g, '')}"]`;
    buttons.push({ text: label, role, bounds: nodeBounds(node), visible: node.attributes.displayed !== 'false', locator });
    // "Don't allow and don't ask again" is also a refusal, but the plain one leaves the player's choice open.
    if (role === 'decline' && (!denyXpath || /permission_deny_button$/.test(resourceId))) denyXpath = locator;
  }
  return { text, group: groupFromDialogText(text), buttons, denyXpath };
}
