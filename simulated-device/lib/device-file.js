// Loads a simulated game file (`*.device.yaml`): the whole state the simulated device can be in,
// read once when a session starts. Each screen is a UiAutomator2 page source (XML file) with a
// screenshot; taps on an element and the back key move between screens; `mobile: shell` is
// answered from a table of recorded outputs. Paths in the file are relative to the file.
// Every mistake in the file is reported as one sentence naming the file, the field and the fix.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseYaml } from 'yaml';

export class DeviceFileError extends Error {
  constructor(file, field, problem) {
    super(`${file}: ${field}: ${problem}`);
    this.name = 'DeviceFileError';
  }
}

function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(file, field, value) {
  if (typeof value !== 'string' || value.trim() === '') throw new DeviceFileError(file, field, 'must be a non-empty string');
  return value;
}

function readRelative(file, field, relative, encoding) {
  const resolved = path.resolve(path.dirname(file), requireString(file, field, relative));
  if (!existsSync(resolved)) throw new DeviceFileError(file, field, `${relative} does not exist (paths are relative to the device file)`);
  return readFileSync(resolved, encoding);
}

/** The page source must parse as XML with a <hierarchy> root, as UiAutomator2 returns it. */
function parsePageSourceXml(file, field, xml) {
  const errors = [];
  let document;
  try {
    document = new DOMParser({ onError: (level, message) => level !== 'warning' && errors.push(message) }).parseFromString(xml, 'text/xml');
  } catch (error) {
    // xmldom throws on fatal errors (no root element) after reporting them.
    errors.push(error.message);
  }
  if (errors.length > 0) throw new DeviceFileError(file, field, `is not well-formed XML (${String(errors[0]).split('\n')[0]})`);
  if (document.documentElement?.nodeName !== 'hierarchy') throw new DeviceFileError(file, field, 'must be a UiAutomator2 page source whose root element is <hierarchy>');
  return document;
}

function loadTaps(file, screenId, taps, screenIds) {
  if (taps === undefined) return [];
  if (!Array.isArray(taps)) throw new DeviceFileError(file, `screens.${screenId}.taps`, 'must be a list of { element, to } entries');
  return taps.map((tap, index) => {
    const field = `screens.${screenId}.taps[${index}]`;
    if (!isRecord(tap)) throw new DeviceFileError(file, field, 'must be { element: <resource-id, content-desc or text>, to: <screen id> }');
    const to = requireString(file, `${field}.to`, tap.to);
    if (!screenIds.includes(to)) throw new DeviceFileError(file, `${field}.to`, `names no screen "${to}"; the screens are ${screenIds.join(', ')}`);
    const grants = tap.grants ?? [];
    if (!Array.isArray(grants) || grants.some((name) => typeof name !== 'string')) throw new DeviceFileError(file, `${field}.grants`, 'must be a list of permission names');
    // An engine surface is one node: where on it the finger lands decides the tap (`region: [x, y, width, height]`, device pixels).
    const region = tap.region;
    if (region !== undefined && (!Array.isArray(region) || region.length !== 4 || region.some((value) => typeof value !== 'number' || value < 0))) {
      throw new DeviceFileError(file, `${field}.region`, 'must be [x, y, width, height] in device pixels');
    }
    return { element: requireString(file, `${field}.element`, tap.element), to, grants, ...(region ? { region: { x: region[0], y: region[1], width: region[2], height: region[3] } } : {}) };
  });
}

function loadShell(file, shell, screenIds) {
  if (shell === undefined) return [];
  if (!Array.isArray(shell)) throw new DeviceFileError(file, 'shell', 'must be a list of { command, output } entries');
  return shell.map((entry, index) => {
    const field = `shell[${index}]`;
    if (!isRecord(entry)) throw new DeviceFileError(file, field, 'must be { command: "<program> <args…>", output: <file> }');
    const command = requireString(file, `${field}.command`, entry.command).trim().replace(/\s+/g, ' ');
    const output = readRelative(file, `${field}.output`, entry.output, 'utf8');
    const later = (entry.afterVisiting ?? []).map((step, stepIndex) => {
      const stepField = `${field}.afterVisiting[${stepIndex}]`;
      if (!isRecord(step)) throw new DeviceFileError(file, stepField, 'must be { screen: <screen id>, output: <file> }');
      const screen = requireString(file, `${stepField}.screen`, step.screen);
      if (!screenIds.includes(screen)) throw new DeviceFileError(file, `${stepField}.screen`, `names no screen "${screen}"; the screens are ${screenIds.join(', ')}`);
      return { screen, output: readRelative(file, `${stepField}.output`, step.output, 'utf8') };
    });
    return { command, output, afterVisiting: later };
  });
}

/**
 * @returns {{ file: string, packageName: string, model: string, platformVersion: string, start: string,
 *   screens: Map<string, { id: string, xml: string, document: Document, screenshot: Buffer, taps: object[], back: string | undefined }>,
 *   permissions: { requested: string[], granted: string[] }, shell: object[], traffic: Record<string, string> }}
 */
export function loadDeviceFile(file) {
  if (!existsSync(file)) throw new DeviceFileError(file, 'appium:app', 'the simulated game file does not exist; name a *.device.yaml file');
  let raw;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeviceFileError(file, '(file)', `is not valid YAML (${error.message.split('\n')[0]})`);
  }
  if (!isRecord(raw)) throw new DeviceFileError(file, '(file)', 'must be a YAML mapping with package, device, start and screens');
  const packageName = requireString(file, 'package', raw.package);
  if (!isRecord(raw.device)) throw new DeviceFileError(file, 'device', 'must be { model, platformVersion }');
  if (!isRecord(raw.screens) || Object.keys(raw.screens).length === 0) throw new DeviceFileError(file, 'screens', 'must map screen ids to { source, screenshot, taps, back }');
  const screenIds = Object.keys(raw.screens);
  const start = requireString(file, 'start', raw.start);
  if (!screenIds.includes(start)) throw new DeviceFileError(file, 'start', `names no screen "${start}"; the screens are ${screenIds.join(', ')}`);

  const screens = new Map();
  for (const id of screenIds) {
    const screen = raw.screens[id];
    if (!isRecord(screen)) throw new DeviceFileError(file, `screens.${id}`, 'must be { source, screenshot, taps, back }');
    const xml = readRelative(file, `screens.${id}.source`, screen.source, 'utf8');
    const document = parsePageSourceXml(file, `screens.${id}.source`, xml);
    const screenshot = readRelative(file, `screens.${id}.screenshot`, screen.screenshot);
    if (screenshot.subarray(1, 4).toString('latin1') !== 'PNG') throw new DeviceFileError(file, `screens.${id}.screenshot`, 'must be a PNG file (run simulated-device/scripts/render-screenshots.js)');
    const back = screen.back === undefined ? undefined : requireString(file, `screens.${id}.back`, screen.back);
    if (back !== undefined && !screenIds.includes(back)) throw new DeviceFileError(file, `screens.${id}.back`, `names no screen "${back}"; the screens are ${screenIds.join(', ')}`);
    screens.set(id, { id, xml, document, screenshot, taps: loadTaps(file, id, screen.taps, screenIds), back });
  }

  const permissions = isRecord(raw.permissions) ? raw.permissions : {};
  const traffic = isRecord(raw.traffic) ? raw.traffic : {};
  return {
    file,
    packageName,
    model: requireString(file, 'device.model', raw.device.model),
    platformVersion: String(raw.device.platformVersion ?? ''),
    start,
    screens,
    permissions: { requested: [...(permissions.requested ?? [])], granted: [...(permissions.granted ?? [])] },
    shell: loadShell(file, raw.shell, screenIds),
    traffic: Object.fromEntries(Object.entries(traffic).map(([phase, relative]) => [phase, path.resolve(path.dirname(file), requireString(file, `traffic.${phase}`, relative))])),
  };
}
