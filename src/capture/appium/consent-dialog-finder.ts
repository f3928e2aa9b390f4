// Finds the first privacy/consent dialog in a native page source: by the plan's locators, or by
// its words (privacy, consent, personal data, ads) around at least two buttons, one of which
// answers the question. Also classifies its buttons (with the classifier the web shares) so the
// capture knows which one declines and how many steps that takes.
import type { Button } from '../../evidence/schema.ts';
import type { Plan } from '../../plan/schema.ts';
import { buttonRole, type ButtonContext } from '../button-role.ts';
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

/**
 * Google Play services draws its own sheets over a game (account sign-in, "Continue as …"), which
 * speak of privacy policies but are Google's, not the game's consent question (review M8).
 */
const googlePlayServices = /^com\.google\.android\.gms(\.|$)/;

export function isGooglePlayServicesNode(node: UiNode): boolean {
  for (let current: UiNode | undefined = node; current; current = current.parent) {
    if (googlePlayServices.test(current.attributes.package ?? '')) return true;
  }
  return false;
}

function isButton(node: UiNode): boolean {
  // Radio buttons and toggle buttons are choices inside a dialog, not answers to it.
  if (controlKind(node)) return false;
  return /Button$/.test(node.tag) || /Button$/.test(node.attributes.class ?? '') || (node.attributes.clickable === 'true' && Boolean(nodeText(node)));
}

export function dialogButtons(container: UiNode, exclude: (node: UiNode) => boolean = () => false, screen: ButtonContext['screen'] = 'first', boxesTicked = false): Button[] {
  return allNodes(container)
    .filter((node) => !exclude(node) && isButton(node) && nodeText(node))
    .map((node) => ({ text: nodeText(node), role: buttonRole(nodeText(node), { screen, boxesTicked }), layer: screen ?? 'first', bounds: nodeBounds(node), visible: node.attributes.displayed !== 'false', locator: locatorOf(node) ?? `//*[@text="${nodeText(node).replace(/"/g, '')}"]` }));
}

function describe(container: UiNode, root: UiNode, detectedBy: FoundConsentDialog['detectedBy'], screen: ButtonContext['screen']): FoundConsentDialog {
  const checkboxes = allNodes(container)
    .filter((node) => controlKind(node) === 'checkbox' || controlKind(node) === 'switch')
    .map((node) => ({ label: nearestLabel(node, root), checked: controlValue(node, controlKind(node)!) === true }));
  return { container, text: textUnder(container), detectedBy, buttons: dialogButtons(container, () => false, screen, checkboxes.some((box) => box.checked)), checkboxes };
}

export function findConsentDialog(
  root: UiNode,
  platform: MobilePlatform,
  recipe: Plan['consent'],
  exclude: (node: UiNode) => boolean = () => false,
  /** 'manage' once a "manage options" button has been tapped: its save-my-choices button declines. */
  screen: ButtonContext['screen'] = 'first',
): FoundConsentDialog | undefined {
  const nodes = allNodes(root).filter((node) => !exclude(node) && !isGooglePlayServicesNode(node));
  if (recipe?.dialog) {
    const container = nodes.find((node) => node.attributes.displayed !== 'false' && matchesLocator(node.attributes, recipe.dialog!, platform));
    if (container) return describe(container, root, 'plan', screen);
  }
  // The smallest element that speaks of privacy in its own words (not only on a button: a menu's
  // "Privacy" button is not a question) and holds two or more buttons, one of which answers it.
  const candidates = nodes.filter((node) => {
    if (node.children.length === 0 || node.attributes.displayed === 'false') return false;
    const buttons = allNodes(node).filter((inner) => isButton(inner) && !exclude(inner) && !isGooglePlayServicesNode(inner));
    if (buttons.length < 2 || !consentWords.test(textOutsideButtons(node, exclude))) return false;
    return buttons.some((button) => isAnswer(buttonRole(nodeText(button), { screen })));
  });
  const smallest = candidates.find((candidate) => !candidates.some((other) => other !== candidate && isInside(other, candidate)));
  return smallest ? describe(smallest, root, recipe?.dialog ? 'plan' : 'discovery', screen) : undefined;
}

const isAnswer = (role: Button['role']): boolean => role === 'accept' || role === 'decline' || role === 'manage';

/** The words under a node that are not on one of its buttons: what the dialog itself says. */
function textOutsideButtons(node: UiNode, exclude: (node: UiNode) => boolean): string {
  const parts: string[] = [];
  const visit = (current: UiNode): void => {
    if (isButton(current) || exclude(current) || isGooglePlayServicesNode(current)) return;
    const own = nodeText(current);
    if (own) parts.push(own);
    for (const child of current.children) visit(child);
  };
  visit(node);
  return parts.join(' ');
}

function isInside(node: UiNode, ancestor: UiNode): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}
