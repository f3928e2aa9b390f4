// One clock for every time the report prints about an event: the event's own time in
// events.ndjson. Records copied into evidence.json (a location call as the page reported it, a
// dialog's first sighting) may carry another moment; the timeline's is the one a reader can check.
import type { Result } from '../scoring/result-schema.ts';

export function eventTimes(result: Pick<Result, 'observations'>): Map<string, string> {
  return new Map((result.observations?.events ?? []).map((event) => [event.id, event.at]));
}
