// Typed access to the DOM readers in page-scripts/page-probes.js (installed in every frame by an
// init script). Evaluated as text so that no transpiler helper ever leaks into the page.
import { readFileSync } from 'node:fs';
import type { Bounds } from '../../evidence/schema.ts';
import type { Frame, Page } from 'playwright-core';

const scriptsDir = new URL('./page-scripts/', import.meta.url);
export const pageProbesScript = readFileSync(new URL('page-probes.js', scriptsDir), 'utf8');
export const geolocationHookScript = readFileSync(new URL('geolocation-hook.js', scriptsDir), 'utf8');

export interface InventoryButton {
  text: string;
  bounds: Bounds;
  visible: boolean;
  tag: string;
  href?: string;
  locator: string;
  ref: string;
}

export interface DialogInventory {
  text: string;
  bounds: Bounds;
  visible: boolean;
  buttons: InventoryButton[];
  checkboxes: Array<{ label: string; checked: boolean; bounds?: Bounds }>;
  privacyLinks: Array<{ text: string; href: string }>;
}

export interface AgeGateProbe {
  question: string;
  inputKind: 'birthdate' | 'age' | 'year' | 'self-declaration' | 'other';
  input: { ref: string; tag: string; type: string; options: string[] } | null;
  buttons: Array<{ text: string; ref: string }>;
}

export interface ControlReading {
  label: string;
  value: boolean | string;
  options?: string[];
  bounds: Bounds;
  groupLabel?: string;
}

export interface SettingsExtras {
  privacyLinks: Array<{ text: string; href: string }>;
  parentalControls: Array<{ label: string; monitoringSignalled: boolean }>;
}

interface Probes {
  isVisible: [selector: string, result: boolean];
  inventory: [selector: string, result: DialogInventory | null];
  dialogCandidates: [none: undefined, result: Array<{ ref: string; text: string }>];
  ageGate: [none: undefined, result: AgeGateProbe | null];
  readControl: [args: [selector: string, kind: string], result: ControlReading | null];
  visibleControls: [none: undefined, result: Array<{ ref: string; kind: 'switch' | 'checkbox' | 'select' | 'radio'; locator: string }>];
  settingsExtras: [none: undefined, result: SettingsExtras];
  playArea: [none: undefined, result: Bounds | null];
  blockingOverlay: [none: undefined, result: boolean];
}

/** Calls one probe in the page; arguments travel as JSON. */
export async function probe<Name extends keyof Probes>(target: Page | Frame, name: Name, argument?: Probes[Name][0]): Promise<Probes[Name][1]> {
  const args = argument === undefined ? [] : Array.isArray(argument) ? argument : [argument];
  const call = `window.__gameauditProbe.${name}(...${JSON.stringify(args)})`;
  return (await target.evaluate(call)) as Probes[Name][1];
}
