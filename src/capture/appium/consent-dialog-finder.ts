// Finds the first privacy/consent dialog in a native page source: by the plan's locators, or by
// its words (privacy, consent, personal data, ads) around at least two buttons. Also classifies
// its buttons so the capture knows which one declines and how many steps that takes.
import type { Button } from '../../evidence/schema.ts';
import type { Plan } from '../../plan/schema.ts';
import { allNodes, nodeBounds, nodeText, textUnder, type UiNode } from './page-source.ts';
import { controlKind, controlValue, locatorOf, nearestLabel } from './ui-controls.ts';
import { matchesLocator, type MobilePlatform } from './locator-xpath.ts';

export interface FoundConsentDialog {
  container: UiNode;
  text: string;
  detectedBy: 'plan' | 'discovery';
  buttons: Button[];
  checkboxes: { label: string; checked: boolean }[];
}

const consentWords = /privacy|consent|personal data|personali[sz]ed|cookies|your data|data protection|gdpr|partners|advertis/i;

export function buttonRoleFromText(text: string): Button['role'] {
  const lower = text.toLowerCase();
  if (/reject|decline|refuse|disagree|do not consent|don.t consent|no,? thanks|deny|only (necessary|essential)|continue without/.test(lower)) return 'decline';
  if (/manage|options|settings|customi[sz]e|preferences|more choices|purposes/.test(lower)) return 'manage';
  if (/privacy policy|learn more|read more|terms|vendors|partners list/.test(lower)) return 'link';
  if (/^(x|×|close|dismiss)$/.test(lower.trim())) return 'close';
  if (/accept|agree|allow|^ok$|okay|got it|continue|yes|i understand|consent/.test(lower)) return 'accept';
  return 'other';
}

function isButton(node: UiNode): boolean {
  // Radio buttons and toggle buttons are choices inside a dialog, not answers to it.
  if (controlKind(node)) return false;
  return /Button$/.test(node.tag) || /Button$/.test(node.attributes.class ?? '') || (node.attributes.clickable === 'true' && Boolean(nodeText(node)));
}

export function dialogButtons(container: UiNode, exclude: (node: UiNode) => boolean = () => false): Button[] {
  return allNodes(container)
    .filter((node) => !exclude(node) && isButton(node) && nodeText(node))
    .map((node) => ({ text: nodeText(node), role: buttonRoleFromText(nodeText(node)), bounds: nodeBounds(node), visible: node.attributes.displayed !== 'false', locator: locatorOf(node) ?? `//*[@text="${nodeText(node).replace(/"/g, '')}"]` }));
}

function describe(container: UiNode, root: UiNode, detectedBy: FoundConsentDialog['detectedBy']): FoundConsentDialog {
  const checkboxes = allNodes(container)
    .filter((node) => controlKind(node) === 'checkbox' || controlKind(node) === 'switch')
    .map((node) => ({ label: nearestLabel(node, root), checked: controlValue(node, controlKind(node)!) === true }));
  return { container, text: textUnder(container), detectedBy, buttons: dialogButtons(container), checkboxes };
}

export function findConsentDialog(
  root: UiNode,
  platform: MobilePlatform,
  recipe: Plan['consent'],
  exclude: (node: UiNode) => boolean = () => false,
): FoundConsentDialog | undefined {
  const nodes = allNodes(root).filter((node) => !exclude(node));
  if (recipe?.dialog) {
    const container = nodes.find((node) => matchesLocator(node.attributes, recipe.dialog!, platform));
    if (container) return describe(container, root, 'plan');
  }
  // The smallest element whose words speak of privacy and that holds two or more buttons.
  const candidates = nodes.filter((node) => {
    if (node.children.length === 0 || node.attributes.displayed === 'false') return false;
    const buttons = allNodes(node).filter(isButton);
    return buttons.length >= 2 && consentWords.test(textUnder(node));
  });
  const smallest = candidates.find((candidate) => !candidates.some((other) => other !== candidate && isInside(other, candidate)));
  return smallest ? describe(smallest, root, recipe?.dialog ? 'plan' : 'discovery') : undefined;
}

function isInside(node: UiNode, ancestor: UiNode): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}
