// What an investigator wants on the first page, per game: when and on what it was captured, how
// far the capture can be trusted, which standards do not conform and why in one line, which
// companies received the advertising ID or a location, and the consent dialog as first shown.
import type { Result } from '../scoring/result-schema.ts';
import { gameVersionWords } from './capture-facts.ts';
import { captureKind } from './capture-kind.ts';
import { deviceLine } from './device-agreement.ts';
import { utc } from './format.ts';
import { bundleFileHref } from './safe-href.ts';
import { investigatorOutcomeLabel, outcomeLabels, statusLabels } from './words.ts';

export interface KeyFindings {
  capturedAt: string;
  device: string;
  gameVersion: string;
  flags: string[];
  /** One line per standard that does not conform or has concerns: its status and the tests behind it. */
  standards: { number: number; name: string; statusWords: string; reasons: string[] }[];
  advertisingIdTo: string[];
  locationTo: string[];
  /** Bundle-relative path of the consent dialog's screenshot, when one was taken. */
  consentScreenshot?: string;
}

/** Names of the third-party companies whose requests matched, from our tracker catalogue only. */
function recipients(result: Result, matches: (entry: Result['network']['entries'][number]) => boolean): string[] {
  const names = new Set<string>();
  for (const entry of result.network.entries) if (entry.party === 'third' && matches(entry)) names.add(entry.organization ?? `an unlisted company (${entry.host})`);
  return [...names].sort();
}

export function keyFindings(result: Result): KeyFindings {
  const overruled = (check: Result['checks'][number]): string | undefined => (check.overruledBy !== undefined ? result.investigatorFindings[check.overruledBy]?.outcome : undefined);
  const effective = (check: Result['checks'][number]): string => overruled(check) ?? check.outcome;
  // A title states what a pass or a failure would mean; an inconclusive test is described by what it saw.
  const reason = (check: Result['checks'][number]): string => {
    if (overruled(check)) return `${outcomeLabels[check.outcome].words} by the automatic test, set to ${investigatorOutcomeLabel(overruled(check)!).words} by an investigator: ${check.title}`;
    return check.outcome === 'inconclusive' ? `${outcomeLabels.inconclusive.words}: ${check.summary}` : check.title;
  };
  const consent = result.observations?.consentDialogs.find((dialog) => dialog.screenshot !== undefined)?.screenshot;
  return {
    capturedAt: utc(result.bundle.startedAt),
    device: deviceLine(result),
    gameVersion: gameVersionWords(result),
    flags: captureKind(result).flags,
    standards: result.standards
      .filter((standard) => standard.status === 'does-not-conform' || standard.status === 'concerns')
      .map((standard) => ({
        number: standard.number,
        name: standard.name,
        statusWords: statusLabels[standard.status].words,
        reasons: [
          ...result.checks.filter((check) => check.standard === standard.number && ['fail', 'warn', 'inconclusive'].includes(effective(check))).map(reason),
          ...(standard.investigatorFinding !== undefined ? ['Status set by an investigator'] : []),
        ],
      })),
    advertisingIdTo: recipients(result, (entry) => entry.identifiers.some((hit) => hit.kind === 'advertisingId')),
    locationTo: recipients(result, (entry) => entry.location !== undefined),
    ...(consent && bundleFileHref(consent) ? { consentScreenshot: consent } : {}),
  };
}
