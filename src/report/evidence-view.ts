// Turns a finding's evidence references into what the report shows inline: a request summary,
// a thumbnail, a UI element, a timeline event or a setting, each with a link to its full entry
// elsewhere on the page (#entry-…, #screen-…, #event-…, #setting-…) so evidence is one click away.
import path from 'node:path';
import type { NetworkEntrySummary, Observations, Result } from '../scoring/result-schema.ts';
import { pathOf, settingValueWords, shorten, utc } from './format.ts';
import { pngSize } from './png-size.ts';
import { anchorId, bundleFileHref } from './safe-href.ts';
import { encodingWords, identifierKindWords, yesNoUnknown } from './words.ts';

type EvidenceRef = Result['checks'][number]['findings'][number]['evidence'][number];

export interface ScreenshotView {
  file: string;
  href?: string;
  anchor: string;
  caption?: string;
  width: number;
  height: number;
  /** Set when this file is byte-identical to an earlier screenshot: the image is shown once, there. */
  sameAs?: { file: string; anchor: string; caption?: string };
}

export interface EntryView {
  index: number;
  anchor: string;
  method: string;
  host: string;
  path: string;
  status: number;
  phase: string;
  party: string;
  organisation?: string;
  category?: string;
  /** `inside`: the encodings undone to see it, e.g. "base64 → gzip of x-firebase-client". */
  identifiers: { kind: string; encoding: string; where: string; field?: string; inside?: string }[];
  adSignals?: { childDirected: string; personalisedAds: string; params: { name: string; value: string }[] };
  location?: string;
  tlsFailure: boolean;
  /** Why the request's content could not be read, when it could not for a reason other than a refused certificate. */
  unreadable?: string;
  /** requests.html#entry-N, for rows whose request that page holds. */
  fullRequestHref?: string;
}

export type EvidenceView =
  | { isEntry: true; entry?: EntryView; index: number }
  | { isScreenshot: true; screenshot: ScreenshotView }
  | { isUiNode: true; label: string; locator?: string; screenshot?: ScreenshotView; outline?: OutlineView; notOutlined?: string; whereNotRecorded?: true }
  | { isEvent: true; id: string; anchor: string; type?: string; message?: string; at?: string; found: boolean }
  | { isFile: true; path: string; href?: string }
  | { isSetting: true; label: string; anchor: string; value?: string; found: boolean };

const thumbnailWidth = 120;
/** Wide enough to read a dialog's text on screen and in print. */
const outlinedWidth = 360;

/** A screenshot drawn at a readable size with the element's recorded box drawn over it (inline SVG). */
export interface OutlineView {
  href: string;
  /** The SVG's coordinate space: the bounds' own pixels (CSS pixels on the web, device pixels on a phone). */
  viewWidth: number;
  viewHeight: number;
  displayWidth: number;
  displayHeight: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Lookups built once per report so 5,000 entries cost a map access each, not a scan. */
export class EvidenceIndex {
  readonly entries = new Map<number, NetworkEntrySummary>();
  readonly events = new Map<string, Observations['events'][number]>();
  readonly captions = new Map<string, string>();
  private readonly screenshotCache = new Map<string, ScreenshotView>();

  constructor(
    readonly result: Result,
    readonly bundleDir: string,
  ) {
    for (const entry of result.network.entries) this.entries.set(entry.index, entry);
    for (const event of result.observations?.events ?? []) this.events.set(event.id, event);
    for (const shot of result.observations?.screenshots ?? []) this.captions.set(shot.file, shot.caption);
    // A headless browser draws no location prompt: the picture taken when a page asked is of the page alone.
    if (result.platform === 'web') {
      for (const prompt of result.observations?.permissionPrompts ?? []) {
        if (prompt.group === 'location' && prompt.screenshot) this.captions.set(prompt.screenshot, 'Screen when the page requested location (no prompt is drawn in a headless capture)');
      }
    }
    // Byte-identical screenshots (same SHA-256 in the manifest) are one picture, whatever their captions.
    const hashes = new Map(result.bundle.files.map((file) => [file.path, file.sha256]));
    const firstWithHash = new Map<string, string>();
    for (const shot of result.observations?.screenshots ?? []) {
      const hash = hashes.get(shot.file);
      if (!hash) continue;
      const first = firstWithHash.get(hash);
      if (first === undefined) firstWithHash.set(hash, shot.file);
      else if (first !== shot.file) this.duplicateOf.set(shot.file, first);
    }
  }

  /** Screenshot files that repeat an earlier one byte for byte, mapped to that earlier file. */
  readonly duplicateOf = new Map<string, string>();

  screenshot(file: string): ScreenshotView {
    const cached = this.screenshotCache.get(file);
    if (cached) return cached;
    const href = bundleFileHref(file);
    const size = href ? pngSize(path.join(this.bundleDir, file)) : undefined;
    const width = Math.min(thumbnailWidth, size?.width ?? thumbnailWidth);
    const height = size ? Math.round((size.height / size.width) * width) : Math.round(width * 16 / 9);
    const caption = this.captions.get(file);
    const original = this.duplicateOf.get(file);
    const originalCaption = original ? this.captions.get(original) : undefined;
    const view: ScreenshotView = {
      file,
      anchor: anchorId('screen', file),
      width,
      height,
      ...(href && size ? { href } : {}),
      ...(caption ? { caption } : {}),
      ...(original ? { sameAs: { file: original, anchor: anchorId('screen', original), ...(originalCaption ? { caption: originalCaption } : {}) } } : {}),
    };
    this.screenshotCache.set(file, view);
    return view;
  }

  /**
   * The element's box over its screenshot. Web bounds are CSS pixels of the viewport, and the
   * screenshot is the viewport at the device's pixel ratio, so the SVG works in CSS pixels; an
   * Android page source's bounds are the screenshot's own pixels on a real device. Not drawn, and
   * said why, on iOS (its page source gives points, and how they map onto the screenshot was never
   * checked on a device) and where the box does not fit the picture (the simulated device draws its
   * screenshot smaller than the screen its page source measures): a box in the wrong place would
   * point at the wrong thing.
   */
  outline(file: string, bounds: { x: number; y: number; width: number; height: number }): { outline?: OutlineView; notOutlined?: string } {
    if (this.result.platform === 'ios') return { notOutlined: 'Not outlined: an iOS capture records where an element is in points, and how points map onto the screenshot was not checked.' };
    const href = bundleFileHref(file);
    const size = href ? pngSize(path.join(this.bundleDir, file)) : undefined;
    if (!href || !size) return {};
    const cssWidth = this.result.platform === 'web' ? this.result.device.viewport?.width : undefined;
    const viewWidth = cssWidth ?? size.width;
    const viewHeight = Math.round((size.height / size.width) * viewWidth);
    if (bounds.x < 0 || bounds.y < 0 || bounds.x + bounds.width > viewWidth || bounds.y + bounds.height > viewHeight) {
      return { notOutlined: `Not outlined: the recorded box (${bounds.width} × ${bounds.height} at ${bounds.x}, ${bounds.y}) does not fit this ${viewWidth} × ${viewHeight} screenshot, so it was measured on another scale.` };
    }
    const displayWidth = Math.min(outlinedWidth, size.width);
    return { outline: { href, viewWidth, viewHeight, displayWidth, displayHeight: Math.round((size.height / size.width) * displayWidth), ...bounds } };
  }

  setting(label: string, name?: string): { anchor: string; value?: string; found: boolean } {
    const controls = this.result.observations?.settings.controls ?? [];
    const control = controls.find((candidate) => (name && candidate.name === name) || candidate.label === label);
    return { anchor: settingAnchor(control?.name ?? name, control?.label ?? label), found: Boolean(control), ...(control ? { value: settingValueWords(control.value) } : {}) };
  }
}

export function settingAnchor(name: string | undefined, label: string): string {
  return anchorId('setting', name ?? label);
}

export function entryView(entry: NetworkEntrySummary): EntryView {
  const signals = entry.childDirected !== undefined || entry.personalisedAds !== undefined || entry.adParams;
  return {
    index: entry.index,
    anchor: `entry-${entry.index}`,
    method: entry.method,
    host: entry.host,
    path: shorten(pathOf(entry.url), 90),
    status: entry.status,
    phase: entry.phase ?? 'unknown',
    party: entry.party === 'first' ? 'First party' : 'Third party',
    ...(entry.organization ? { organisation: entry.organization } : {}),
    ...(entry.category ? { category: entry.category } : {}),
    identifiers: entry.identifiers.map((hit) => ({
      kind: identifierKindWords(hit.kind),
      encoding: encodingWords[hit.encoding] ?? hit.encoding,
      where: hit.where,
      ...(hit.field ? { field: hit.field } : {}),
      ...(hit.inside ? { inside: `${hit.inside.layers.join(' → ')}${hit.inside.field ? ` of ${hit.inside.field}` : ''}` } : {}),
    })),
    ...(signals
      ? {
          adSignals: {
            childDirected: yesNoUnknown(entry.childDirected),
            personalisedAds: yesNoUnknown(entry.personalisedAds),
            params: Object.entries(entry.adParams ?? {}).map(([name, value]) => ({ name, value })),
          },
        }
      : {}),
    ...(entry.location ? { location: `${entry.location.precisionDecimals} decimals (about ${entry.location.metres} m) in ${entry.location.where}${entry.location.field ? ` ${entry.location.field}` : ''}` } : {}),
    tlsFailure: entry.tlsFailure === true || entry.readability?.state === 'tls-failed',
    ...(entry.readability && entry.readability.state !== 'tls-failed' ? { unreadable: `Contents not fully read: ${entry.readability.reason}` } : {}),
  };
}

export function evidenceView(ref: EvidenceRef, index: EvidenceIndex): EvidenceView {
  switch (ref.kind) {
    case 'har-entry': {
      const entry = index.entries.get(ref.index);
      return { isEntry: true, index: ref.index, ...(entry ? { entry: entryView(entry) } : {}) };
    }
    case 'screenshot':
      return { isScreenshot: true, screenshot: index.screenshot(ref.file) };
    case 'ui-node': {
      const { outline, notOutlined } = ref.screenshot && ref.bounds ? index.outline(ref.screenshot, ref.bounds) : {};
      return {
        isUiNode: true,
        label: ref.label,
        ...(ref.locator ? { locator: ref.locator } : {}),
        ...(ref.screenshot ? { screenshot: index.screenshot(ref.screenshot) } : {}),
        ...(outline ? { outline } : {}),
        ...(notOutlined ? { notOutlined } : {}),
        // Say so rather than show a picture with nothing marked on it.
        ...(ref.screenshot && !ref.bounds ? { whereNotRecorded: true as const } : {}),
      };
    }
    case 'event': {
      const event = index.events.get(ref.id);
      return {
        isEvent: true,
        id: ref.id,
        anchor: anchorId('event', ref.id),
        found: Boolean(event),
        ...(event ? { type: event.type, at: utc(event.at), ...(event.message ? { message: event.message } : {}) } : {}),
      };
    }
    case 'file': {
      const href = bundleFileHref(ref.path);
      return { isFile: true, path: ref.path, ...(href ? { href } : {}) };
    }
    case 'setting':
      return { isSetting: true, label: ref.label, ...index.setting(ref.label, ref.name) };
  }
}
