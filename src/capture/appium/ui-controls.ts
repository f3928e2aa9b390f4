// Reads the player's controls out of a native page source: which widgets are switches,
// checkboxes, radio buttons or drop-downs, what state they are in, and which words on screen
// name them. Works on UiAutomator2 (android.widget.*) and XCUITest (XCUIElementType*) trees.
import type { SettingControl } from '../../evidence/schema.ts';
import { allNodes, nodeBounds, nodeText, type Rect, type UiNode } from './page-source.ts';
import { iosDrawnByEngine, isXcuitestSource } from '../ios/engine-source.ts';

type ControlKind = SettingControl['kind'];

const kindByTag: [RegExp, ControlKind][] = [
  [/(^|\.)(Switch|SwitchCompat|SwitchMaterial|MaterialSwitch|ToggleButton)$|XCUIElementTypeSwitch$|XCUIElementTypeToggle$/, 'switch'],
  [/(^|\.)(CheckBox|MaterialCheckBox|AppCompatCheckBox|CheckedTextView)$/, 'checkbox'],
  [/(^|\.)(RadioButton|MaterialRadioButton|AppCompatRadioButton)$/, 'radio'],
  [/(^|\.)(Spinner|AppCompatSpinner)$|XCUIElementTypePicker$|XCUIElementTypePopUpButton$/, 'select'],
];

export function controlKind(node: UiNode): ControlKind | undefined {
  const tag = node.attributes.class ?? node.attributes.type ?? node.tag;
  return kindByTag.find(([pattern]) => pattern.test(tag) || pattern.test(node.tag))?.[1];
}

/** The state as the player sees it: checked for on/off widgets, the shown choice for a drop-down. */
export function controlValue(node: UiNode, kind: ControlKind): boolean | string {
  if (kind === 'select') {
    // A radio group read as one choice: the checked option's words.
    const chosen = allNodes(node).find((child) => child.attributes.checkable === 'true' && child.attributes.checked === 'true');
    if (chosen) return nodeText(chosen);
    const shown = allNodes(node).map(nodeText).find(Boolean);
    return shown ?? nodeText(node);
  }
  const { checked, value } = node.attributes;
  if (checked !== undefined) return checked === 'true';
  // XCUITest switches report value "1" / "0"
  if (value !== undefined) return value === '1' || value.toLowerCase() === 'true' || value.toLowerCase() === 'on';
  return node.attributes.selected === 'true';
}

/** ToggleButtons and many switches print their state ("ON", "OFF") as their text, which is no label. */
function isStateWord(text: string): boolean {
  return /^(on|off|an|aus|oui|non|yes|no|true|false|[01])$/i.test(text.trim());
}

function isLabelNode(node: UiNode): boolean {
  const text = nodeText(node);
  return Boolean(text) && !controlKind(node) && !isStateWord(text) && !/Button$/.test(node.tag);
}

function centreDistance(a: Rect, b: Rect): number {
  const verticalGap = Math.abs(a.y + a.height / 2 - (b.y + b.height / 2));
  // A label sits left of or above its control; the same row counts far more than the same column.
  const horizontalGap = b.x <= a.x ? a.x - (b.x + b.width) : b.x - (a.x + a.width);
  return verticalGap * 4 + Math.max(0, horizontalGap);
}

/** The words that name a control: its own text, a text in the same row (parent), else the closest text on screen. */
export function nearestLabel(control: UiNode, root: UiNode): string {
  const own = nodeText(control);
  if (own && !isStateWord(own)) return own;
  for (let ancestor = control.parent, depth = 0; ancestor && depth < 3; ancestor = ancestor.parent, depth++) {
    const candidates = allNodes(ancestor).filter((node) => node !== control && isLabelNode(node) && !controlKind(node));
    // Same row first: a label inside the row beats a heading further up.
    if (candidates.length > 0 && candidates.length <= 3) return nodeText(candidates[0]!);
  }
  const bounds = nodeBounds(control);
  const labels = allNodes(root).filter(isLabelNode);
  if (bounds) {
    const placed = labels.map((node) => ({ node, rect: nodeBounds(node) })).filter((entry): entry is { node: UiNode; rect: Rect } => Boolean(entry.rect));
    placed.sort((a, b) => centreDistance(bounds, a.rect) - centreDistance(bounds, b.rect));
    if (placed[0]) return nodeText(placed[0].node);
  }
  const before = labels.filter((node) => node.order < control.order).pop();
  return before ? nodeText(before) : '(unlabelled)';
}

export function locatorOf(node: UiNode): string | undefined {
  const resourceId = node.attributes['resource-id'];
  if (resourceId) return `//*[@resource-id="${resourceId}"]`;
  const description = node.attributes['content-desc'] ?? node.attributes.name;
  if (description) return `//*[@${node.attributes['content-desc'] ? 'content-desc' : 'name'}="${description}"]`;
  return undefined;
}

/** Every control on the screen, outside the nodes `exclude` rejects (a system dialog, a consent dialog). */
export function collectControls(root: UiNode, exclude: (node: UiNode) => boolean = () => false): SettingControl[] {
  const controls: SettingControl[] = [];
  for (const node of allNodes(root)) {
    // UiAutomator2 lists hidden nodes only when asked to; a control the player cannot see is not a setting they have.
    if (exclude(node) || node.attributes.displayed === 'false') continue;
    const kind = controlKind(node);
    if (!kind) continue;
    controls.push({ label: nearestLabel(node, root), kind, value: controlValue(node, kind), bounds: nodeBounds(node), locator: locatorOf(node) });
  }
  return controls;
}

const settingsEntryPattern = /\b(settings|options|gear|privacy|preferences|cog)\b/i;

/** The button that opens the game's settings: by its words, its description or its resource id. */
export function findSettingsEntry(root: UiNode, exclude: (node: UiNode) => boolean = () => false): UiNode | undefined {
  const candidates = allNodes(root).filter((node) => {
    if (exclude(node) || controlKind(node) || node.attributes.displayed === 'false') return false;
    const words = [nodeText(node), node.attributes['content-desc'] ?? '', (node.attributes['resource-id'] ?? '').split('/').pop()?.replace(/_/g, ' ') ?? ''].join(' ');
    return settingsEntryPattern.test(words) && (node.attributes.clickable === 'true' || /Button|XCUIElementTypeButton/.test(node.tag));
  });
  // "Settings" itself beats "Privacy options" which beats a generic options button.
  const score = (node: UiNode): number => (/settings/i.test(`${nodeText(node)} ${node.attributes['content-desc'] ?? ''}`) ? 0 : /privacy/i.test(nodeText(node)) ? 1 : 2);
  return candidates.sort((a, b) => score(a) - score(b))[0];
}

/**
 * Games drawn on one GL/Vulkan surface (Unity, Unreal, Godot) expose no widgets at all: the
 * whole screen is one view. Then the settings cannot be read from the tree.
 */
export function looksCanvasOnly(root: UiNode): boolean {
  // An iOS engine shows nested empty containers, not a named surface view (src/capture/ios/engine-source.ts).
  if (isXcuitestSource(root)) return iosDrawnByEngine(root);
  const nodes = allNodes(root);
  const texts = nodes.filter((node) => nodeText(node)).length;
  const widgets = nodes.filter((node) => controlKind(node) || /Button$/.test(node.tag)).length;
  const surface = nodes.some((node) => /SurfaceView|TextureView|UnityPlayer|GameActivity/.test(`${node.tag} ${node.attributes.class ?? ''} ${node.attributes['resource-id'] ?? ''}`));
  return widgets === 0 && texts <= 1 && surface;
}
