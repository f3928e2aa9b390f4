// Turns a plan locator into one XPath over the page source. One strategy for every locator
// keeps the walk the same on UiAutomator2, XCUITest and the simulated device, whose "id" and
// "accessibility id" strategies differ; UiAutomator2 answers attribute XPaths directly from its
// accessibility dump.
import type { Locator } from '../../plan/schema.ts';

export type MobilePlatform = 'android' | 'ios';

/** XPath string literal for any text, quotes included. */
export function xpathLiteral(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `concat(${text.split('"').map((part) => `"${part}"`).join(`, '"', `)})`;
}

export function locatorToXpath(locator: Locator, platform: MobilePlatform): string {
  if (locator.xpath) return locator.xpath;
  if (locator.resourceId) {
    if (platform === 'ios') return `//*[@name=${xpathLiteral(locator.resourceId)}]`;
    return `//*[@resource-id=${xpathLiteral(locator.resourceId)}]`;
  }
  if (locator.accessibilityId) {
    return platform === 'ios' ? `//*[@name=${xpathLiteral(locator.accessibilityId)}]` : `//*[@content-desc=${xpathLiteral(locator.accessibilityId)}]`;
  }
  if (locator.text) {
    return platform === 'ios' ? `//*[@label=${xpathLiteral(locator.text)} or @value=${xpathLiteral(locator.text)}]` : `//*[@text=${xpathLiteral(locator.text)}]`;
  }
  if (locator.screenText !== undefined || locator.image !== undefined) {
    throw new Error(`The locator ${JSON.stringify(locator)} is found on the screenshot, and the screenshot could not be read`);
  }
  throw new Error(`The locator ${JSON.stringify(locator)} has no mobile strategy (css works only on the web)`);
}

/** The same locator evaluated on an already-read page source (tests and discovery need no device). */
export function matchesLocator(attributes: Record<string, string>, locator: Locator, platform: MobilePlatform): boolean {
  if (locator.resourceId) return (platform === 'ios' ? attributes.name : attributes['resource-id']) === locator.resourceId;
  if (locator.accessibilityId) return (platform === 'ios' ? attributes.name : attributes['content-desc']) === locator.accessibilityId;
  if (locator.text) return platform === 'ios' ? attributes.label === locator.text || attributes.value === locator.text : attributes.text === locator.text;
  return false;
}
