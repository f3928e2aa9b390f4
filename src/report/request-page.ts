// requests.html: the full record of every request a finding cites (or that carried a location),
// read from the bundle's own network.har, so one click from a finding shows what was sent: full
// URL and decoded query, headers, the decoded body with the matched field marked, the response
// status and the HAR entry it came from. report.html keeps short URLs; this page holds the rest.
// Captured text is only ever output escaped ({{…}}); the page runs no scripts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundleFiles } from '../evidence/bundle-writer.ts';
import { forEachHarEntry } from '../evidence/bundle-reader.ts';
import type { HarEntry } from '../evidence/har.ts';
import type { NetworkEntrySummary, Result } from '../scoring/result-schema.ts';
import { utc } from './format.ts';
import { markedJson, type MarkedText } from './marked-json.ts';

export const requestPageFileName = 'requests.html';

/** The link a finding or table row uses to reach a request's full record. */
export function requestPageHref(index: number): string {
  return `${requestPageFileName}#entry-${index}`;
}

export interface RequestView {
  index: number;
  anchor: string;
  harPosition: string;
  method: string;
  url: string;
  query: { name: string; value: string; marked: boolean }[];
  at: string;
  relativeToChoice: string;
  headers: { name: string; value: string }[];
  body?: { mimeType: string; text: MarkedText; note?: string };
  responseStatus: string;
  readability: string;
}

/** The requests requests.html holds: those findings cite, and those that carried a location. */
export function requestPageIndexes(result: Result): Set<number> {
  const indexes = new Set<number>();
  for (const check of result.checks) for (const finding of check.findings) for (const ref of finding.evidence) if (ref.kind === 'har-entry') indexes.add(ref.index);
  for (const entry of result.network.entries) if (entry.location) indexes.add(entry.index);
  return indexes;
}

/** The first privacy choice: the consent-dialog event the capture records once the dialog was answered. */
export function firstChoice(result: Result): { id: string; at: string } | undefined {
  const event = (result.observations?.events ?? []).find((candidate) => candidate.type === 'consent-dialog');
  return event ? { id: event.id, at: event.at } : undefined;
}

/** "4.2 s before the choice", "12.0 s after the choice"; one decimal, never rounded to "0 s" silently. */
export function relativeToChoiceWords(at: string, choice: { id: string; at: string } | undefined): string {
  if (!choice) return 'no privacy choice was recorded, so no time relative to it';
  const milliseconds = Date.parse(at) - Date.parse(choice.at);
  if (Number.isNaN(milliseconds)) return 'time could not be compared with the choice';
  const seconds = (Math.abs(milliseconds) / 1000).toFixed(1);
  if (milliseconds === 0) return `at the same moment as the privacy choice (event ${choice.id})`;
  return `${seconds} s ${milliseconds < 0 ? 'before' : 'after'} the privacy choice (event ${choice.id}, ${utc(choice.at)})`;
}

/** Field paths the analysis matched in this request, split by where they sat. */
function matchedFields(summary: NetworkEntrySummary | undefined): { body: string[]; query: string[] } {
  const body: string[] = [];
  const query: string[] = [];
  for (const hit of summary?.identifiers ?? []) if (hit.field) (hit.where === 'query' ? query : body).push(hit.field);
  if (summary?.location?.field) (summary.location.where === 'query' ? query : body).push(summary.location.field);
  // Ad signals are named by field (a body path) or by query parameter: marked wherever they sit.
  for (const name of Object.keys(summary?.adParams ?? {})) {
    body.push(name);
    query.push(name);
  }
  return { body, query };
}

function decodedQuery(url: string, marked: string[]): RequestView['query'] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value, marked: marked.includes(name) }));
  } catch {
    return [];
  }
}

function bodyView(entry: HarEntry, marked: string[]): RequestView['body'] {
  const postData = entry.request.postData;
  if (!postData?.text) return undefined;
  const mimeType = postData.mimeType || 'not stated';
  if (postData.encoding === 'base64') {
    return { mimeType, text: [{ text: postData.text, marked: false }], note: 'Binary body, shown as base64 as network.har holds it.' };
  }
  return { mimeType, text: markedJson(postData.text, marked) ?? [{ text: postData.text, marked: false }] };
}

function readabilityWords(summary: NetworkEntrySummary | undefined): string {
  if (!summary) return 'not in this result';
  if (summary.readability) return `Not fully read (${summary.readability.state}): ${summary.readability.reason}`;
  return 'Read in full';
}

export function requestView(entry: HarEntry, index: number, entryCount: number | undefined, summary: NetworkEntrySummary | undefined, choice: { id: string; at: string } | undefined): RequestView {
  const marked = matchedFields(summary);
  const body = bodyView(entry, marked.body);
  return {
    index,
    anchor: `entry-${index}`,
    harPosition: entryCount === undefined ? `entry ${index} of network.har` : `entry ${index} of network.har (${entryCount} entries, counted from 0)`,
    method: entry.request.method,
    url: entry.request.url,
    query: decodedQuery(entry.request.url, marked.query),
    at: utc(entry.startedDateTime),
    relativeToChoice: relativeToChoiceWords(entry.startedDateTime, choice),
    // The HAR's headers as written: the capture masked test-account credentials before writing it.
    headers: entry.request.headers.map(({ name, value }) => ({ name, value })),
    ...(body ? { body } : {}),
    responseStatus: entry.response.status === 0 ? 'No response (0)' : `${entry.response.status}${entry.response.statusText ? ` ${entry.response.statusText}` : ''}`,
    readability: readabilityWords(summary),
  };
}

/** Reads network.har once, keeping only the cited entries; an absent HAR gives no page. */
export function buildRequestPageView(bundleDir: string, result: Result): { requests: RequestView[]; choice?: string } | undefined {
  const wanted = requestPageIndexes(result);
  if (wanted.size === 0 || !existsSync(path.join(bundleDir, bundleFiles.har))) return undefined;
  const summaries = new Map(result.network.entries.map((entry) => [entry.index, entry]));
  const choice = firstChoice(result);
  const found: { entry: HarEntry; index: number }[] = [];
  let position = 0;
  forEachHarEntry(bundleDir, (entry) => {
    if (wanted.has(position)) found.push({ entry, index: position });
    position += 1;
  });
  return {
    requests: found.map(({ entry, index }) => requestView(entry, index, position, summaries.get(index), choice)),
    ...(choice ? { choice: `${utc(choice.at)} (event ${choice.id})` } : {}),
  };
}
