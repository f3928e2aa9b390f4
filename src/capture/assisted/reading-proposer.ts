// What the tool proposes to the investigator on a screen of the settings phase: each control it
// could read, with its value, for the investigator to confirm, correct or reject. Proposers sit
// behind one small interface so a screenshot reader (OCR, issue 19's screen model) plugs in
// beside the page-source reader without the session changing.
import type { Bounds, SettingControl } from '../../evidence/schema.ts';
import type { Plan } from '../../plan/schema.ts';
import { classifyControl } from '../../check-kit/privacy-control-classifier.ts';
import { collectControls } from '../appium/ui-controls.ts';
import { allNodes, parsePageSource, type UiNode } from '../appium/page-source.ts';

export interface ScreenToRead {
  /** The screenshot, when there is a screenshot source. */
  png?: Uint8Array;
  /** The page source (xml) or DOM (html) taken with it, when there is an Appium session. */
  uiTree?: { text: string; extension: 'html' | 'xml' };
}

export interface Proposal {
  label: string;
  kind: SettingControl['kind'];
  value: boolean | string;
  /** The plan's name for the control, when its locator matches one of the plan's settings controls. */
  name?: string;
  bounds?: Bounds;
  locator?: string;
  /** Screen width the bounds are measured in (page sources give it), to cut the control out of a screenshot of another size. */
  screenWidth?: number;
  source: 'page-source' | 'ocr';
  /** What the privacy-control classifier makes of it, shown to help the investigator. */
  about?: string;
}

export interface ReadingProposer {
  proposeReadings(screen: ScreenToRead): Promise<Proposal[]>;
}

function recipeNameOf(plan: Plan, node: UiNode | undefined): string | undefined {
  const resourceId = node?.attributes['resource-id'];
  const accessibilityId = node?.attributes['content-desc'];
  return plan.settings?.controls.find(
    (wanted) => (resourceId && wanted.target.resourceId === resourceId) || (accessibilityId && wanted.target.accessibilityId === accessibilityId),
  )?.name;
}

/** Reads the controls of an Appium page source, outside what `exclude` rejects (a system dialog). */
export function pageSourceProposer(plan: Plan, exclude: (node: UiNode) => boolean = () => false): ReadingProposer {
  return {
    async proposeReadings(screen) {
      if (screen.uiTree?.extension !== 'xml') return [];
      const root = parsePageSource(screen.uiTree.text);
      const screenWidth = Number(root.children[0]?.attributes.width) || undefined;
      const nodes = allNodes(root);
      return collectControls(root, exclude).map((control) => {
        const node = nodes.find((candidate) => control.locator === `//*[@resource-id="${candidate.attributes['resource-id']}"]`);
        const name = recipeNameOf(plan, node);
        const { category, judgement } = classifyControl({ label: control.label, name, value: control.value });
        return {
          label: control.label,
          kind: control.kind,
          value: control.value,
          ...(name ? { name } : {}),
          ...(control.bounds ? { bounds: control.bounds } : {}),
          ...(control.locator ? { locator: control.locator } : {}),
          ...(screenWidth ? { screenWidth } : {}),
          source: 'page-source' as const,
          ...(category ? { about: `${category}, ${judgement} privacy as found` } : {}),
        };
      });
    },
  };
}

/** Every proposer's readings, the first proposer's kept where two read the same label. */
export function combinedProposer(proposers: readonly ReadingProposer[]): ReadingProposer {
  return {
    async proposeReadings(screen) {
      const all: Proposal[] = [];
      for (const proposer of proposers) {
        for (const proposal of await proposer.proposeReadings(screen)) {
          if (!all.some((known) => known.label.toLowerCase() === proposal.label.toLowerCase())) all.push(proposal);
        }
      }
      return all;
    },
  };
}
