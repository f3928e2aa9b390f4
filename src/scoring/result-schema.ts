// result.json: everything a report needs, derived from the bundle by scoring. Reports read only
// this (plus the evidence files it links to). It holds no clock value of its own, so scoring the
// same bundle twice gives the same bytes.
import { z } from 'zod';
import { readabilityStates } from '../analysis/readability.ts';
import { identifierEncodings, trackerCategories } from '../analysis/types.ts';
import { ImportedHarSchema } from '../evidence/imported-har-schema.ts';
import { DeviceInfoSchema, EvidenceSchema, IncompleteReasonSchema, TimelineEventSchema } from '../evidence/schema.ts';
import { PhaseSchema, PlatformSchema } from '../plan/schema.ts';
import { outcomes } from '../check-kit/contract.ts';
import { standardStatuses } from './standards.ts';

export const resultVersion = 1;

const EvidenceRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('har-entry'), index: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal('screenshot'), file: z.string() }),
  z.strictObject({
    kind: z.literal('ui-node'),
    label: z.string(),
    locator: z.string().optional(),
    screenshot: z.string().optional(),
    bounds: z.strictObject({ x: z.number(), y: z.number(), width: z.number().min(0), height: z.number().min(0) }).optional().describe('Where the element is on the screenshot (CSS pixels on the web, device pixels on Android)'),
  }),
  z.strictObject({ kind: z.literal('event'), id: z.string() }),
  z.strictObject({ kind: z.literal('file'), path: z.string() }),
  z.strictObject({ kind: z.literal('setting'), label: z.string(), name: z.string().optional() }),
]);

export const FindingSchema = z.strictObject({
  message: z.string(),
  evidence: z.array(EvidenceRefSchema),
  severity: z.enum(['fail', 'warn', 'info']),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

export const CheckResultSchema = z.strictObject({
  id: z.string(),
  standard: z.number().int().min(1).max(15),
  title: z.string().describe('The title that fits the outcome (failureTitle on fail/warn)'),
  outcome: z.enum(outcomes),
  summary: z.string(),
  rationale: z.string(),
  requires: z.array(z.string()),
  findings: z.array(FindingSchema),
  error: z.string().optional().describe('Set when the check threw'),
  downgradedBecause: z.string().optional().describe('Why a pass was turned into inconclusive'),
  overruledBy: z.number().int().optional().describe('Index into investigatorFindings'),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const InvestigatorFindingSchema = z.strictObject({
  standard: z.number().int().min(1).max(15).optional(),
  check: z.string().optional(),
  outcome: z.enum(['conforms', 'concerns', 'does-not-conform', 'not-assessed', ...outcomes]),
  note: z.string(),
  evidence: z.array(z.string()),
  by: z.string(),
  at: z.string(),
  /** The manifest hash of the bundle the reviewer looked at; absent when the findings file did not say. */
  reviewedBundle: z.string().optional(),
  citedFiles: z
    .array(
      z.union([
        z.strictObject({ cited: z.string(), found: z.literal(true), copy: z.string().describe('Its copy in the bundle (investigator-evidence/…)'), sha256: z.string(), bytes: z.number().int() }),
        z.strictObject({ cited: z.string(), found: z.literal(false) }),
      ]),
    )
    .optional()
    .describe('Cited files from outside the bundle, as copied when the findings were scored; absent when none was cited'),
});
export type InvestigatorFinding = z.infer<typeof InvestigatorFindingSchema>;

export const StandardResultSchema = z.strictObject({
  number: z.number().int().min(1).max(15),
  name: z.string(),
  status: z.enum(standardStatuses),
  automaticStatus: z.enum(standardStatuses).describe('What the checks alone say, kept visible beside an overrule'),
  checks: z.array(z.string()),
  investigatorFinding: z.number().int().optional().describe('Index into investigatorFindings'),
});
export type StandardResult = z.infer<typeof StandardResultSchema>;

export const NetworkEntrySummarySchema = z.strictObject({
  index: z.number().int(),
  method: z.string(),
  url: z.string(),
  host: z.string(),
  phase: PhaseSchema.nullable(),
  status: z.number(),
  party: z.enum(['first', 'third']),
  organization: z.string().optional(),
  category: z.enum(trackerCategories).optional(),
  familiesCertified: z.boolean().nullable().optional(),
  trackerSource: z.string().optional(),
  namedByTool: z.strictObject({ tool: z.string(), organization: z.string() }).optional().describe('The company the importing tool named for the host (TrackerControl, App Privacy Report): its word, not our attribution'),
  identifiers: z.array(
    z.strictObject({
      kind: z.string(),
      encoding: z.enum(identifierEncodings),
      where: z.string(),
      field: z.string().optional(),
      inside: z.strictObject({ layers: z.array(z.string()), field: z.string().optional() }).optional().describe('Found inside an encoded payload: the layers undone, outermost first, and the field it sat in'),
    }),
  ),
  location: z.strictObject({ precisionDecimals: z.number(), metres: z.number(), where: z.string(), field: z.string().optional() }).optional(),
  childDirected: z.union([z.boolean(), z.literal('unknown')]).optional(),
  personalisedAds: z.union([z.boolean(), z.literal('unknown')]).optional(),
  adParams: z.record(z.string(), z.string()).optional(),
  tlsFailure: z.boolean().optional(),
  /** A CORS preflight: the browser asked leave to send; it carried no data, so it is not counted as a request. */
  corsPreflight: z.boolean().optional(),
  /** Present only when the request could not be read (refused certificate, aborted, cut, opaque). */
  readability: z.strictObject({ state: z.enum(readabilityStates), reason: z.string() }).optional(),
  trackHar: z
    .strictObject({
      adapter: z.string(),
      transmissions: z.array(
        z.strictObject({
          property: z.string(),
          context: z.string(),
          path: z.string(),
          reasoning: z.string(),
          value: z.string().optional(),
          knownAs: z.string().optional(),
          advertisingIdForm: z.enum(['id', 'zeroed', 'other']).optional(),
        }),
      ),
      error: z.string().optional(),
    })
    .optional()
    .describe('What the TrackHAR adapter covering this endpoint decoded; absent when none covers it'),
  decodingDifferences: z
    .array(z.strictObject({ kind: z.string(), seenBy: z.enum(['identifier-search', 'trackhar']), detail: z.string() }))
    .optional()
    .describe('Where TrackHAR and our identifier search disagree about this request'),
});
export type NetworkEntrySummary = z.infer<typeof NetworkEntrySummarySchema>;

/**
 * What the capture observed besides traffic, copied from evidence.json (and the events findings
 * point at) so that reports can show the timeline, settings, permissions and consent dialog
 * while reading only result.json. Optional: results written before it existed still load.
 */
export const ObservationsSchema = EvidenceSchema.pick({
  phases: true,
  screenshots: true,
  mockLocation: true,
  geolocation: true,
  permissions: true,
  permissionPrompts: true,
  consentDialogs: true,
  settings: true,
  ageGate: true,
  persona: true,
  expectations: true,
  notes: true,
  assisted: true,
  packageInspection: true,
}).extend({
  events: z.array(TimelineEventSchema).describe('Events referenced by findings, plus the timeline (capped)'),
});
export type Observations = z.infer<typeof ObservationsSchema>;

/**
 * Written by `gameaudit check <id> --recapture`: the earlier bundle this one was captured to be
 * compared with, and what it showed. Outcomes are kept as they were, so a report compares them
 * with this result's current rows even after a re-score. Optional: most results have none.
 */
export const PreviousAuditSchema = z.strictObject({
  bundle: z.string().describe('The earlier bundle directory (absolute)'),
  manifestSha256: z.string().nullable(),
  startedAt: z.string().describe('When the earlier capture started'),
  recapturedFor: z.string().describe('The check the re-capture was made for'),
  phases: z.array(PhaseSchema).describe('The phases captured again; the comparison covers the checks they feed'),
  outcomes: z.array(z.strictObject({ check: z.string(), standard: z.number().int(), outcome: z.enum(outcomes) })).describe('Earlier outcomes of the checks compared'),
  organisationsAdded: z.array(z.string()).describe('Companies contacted by default now, not before'),
  organisationsRemoved: z.array(z.string()).describe('Companies contacted by default before, not now'),
  settingsChanged: z
    .array(z.strictObject({ control: z.string(), before: z.string().nullable(), after: z.string().nullable() }))
    .nullable()
    .describe('Privacy controls whose value changed; null when the settings were not captured again'),
  captureChanges: z
    .array(z.strictObject({ aspect: z.string(), before: z.string().nullable(), after: z.string().nullable() }))
    .optional()
    .describe('How the two captures were made differently (device, OS, browser build or version); absent in results written before this was recorded'),
});
export type PreviousAudit = z.infer<typeof PreviousAuditSchema>;

/** What scored the result (see scored-by.ts). Optional: results written before it was recorded still load. */
export const ScoredBySchema = z.strictObject({
  toolVersion: z.string().describe('gameaudit version that ran the checks (bundle.toolVersion is the capture\'s)'),
  toolCommit: z.string().describe('Its git commit; "-modified" when the working tree had changes'),
  trackerCatalogueSha256: z.string().describe('sha256 of data/trackers.yaml as used'),
  trackerDb: z.strictObject({
    used: z.boolean().describe('False when @ghostery/trackerdb is not installed or GAMEAUDIT_NO_TRACKERDB is set'),
    version: z.string().optional(),
  }),
});
export type ScoredBy = z.infer<typeof ScoredBySchema>;

export const ResultSchema = z.strictObject({
  resultVersion: z.literal(resultVersion),
  game: z.strictObject({ id: z.string(), title: z.string(), publisher: z.string() }),
  platform: PlatformSchema,
  target: z.string(),
  device: DeviceInfoSchema,
  bundle: z.strictObject({
    status: z.enum(['complete', 'incomplete']),
    incompleteReasons: z.array(IncompleteReasonSchema),
    verified: z.boolean(),
    verifyProblems: z.array(z.string()),
    forced: z.boolean().describe('Scored with --force although the evidence did not verify'),
    manifestSha256: z.string().nullable(),
    importedHar: ImportedHarSchema.optional().describe('Bundles made by import-har: who said which phase the requests were sent in'),
    toolVersion: z.string(),
    toolCommit: z.string(),
    operator: z.string(),
    operatorSource: z
      .enum(['GAMEAUDIT_OPERATOR', 'computer account'])
      .optional()
      .describe("Where the operator name came from (the manifest's operatorSource); absent when the manifest did not say"),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    files: z.array(z.strictObject({ path: z.string(), sha256: z.string(), bytes: z.number() })),
  }),
  checks: z.array(CheckResultSchema),
  standards: z.array(StandardResultSchema),
  counts: z.record(z.enum(outcomes), z.number()),
  investigatorFindings: z.array(InvestigatorFindingSchema),
  network: z.strictObject({
    entries: z.array(NetworkEntrySummarySchema),
    organisations: z.array(
      z.strictObject({
        organization: z.string(),
        category: z.string(),
        familiesCertified: z.boolean().nullable(),
        hosts: z.array(z.string()),
        requests: z.number(),
        defaultPhaseRequests: z.number(),
        /** Connections that carried no request (certificate refused); absent when none. */
        attempts: z.number().optional(),
        defaultPhaseAttempts: z.number().optional(),
        /** CORS preflights (no data); absent when none. */
        preflights: z.number().optional(),
        identifierKinds: z.array(z.string()),
        firstEntryIndex: z.number(),
        dataReceived: z
          .array(z.strictObject({ key: z.string(), label: z.string(), seenBy: z.array(z.enum(['identifier-search', 'trackhar'])), entryIndexes: z.array(z.number().int()) }))
          .optional()
          .describe('The kinds of data it received, as decoded, each with its requests; absent in results written before it was recorded'),
        namedBy: z.string().optional().describe("Set when the name is the importing tool's word, not our catalogue's"),
        toolDisagreements: z
          .array(z.strictObject({ host: z.string(), namedBy: z.string(), organization: z.string() }))
          .optional()
          .describe('Hosts for which the importing tool names another company than our attribution: both are kept'),
      }),
    ),
  }),
  observations: ObservationsSchema.optional(),
  previous: PreviousAuditSchema.optional(),
  scoredBy: ScoredBySchema.optional(),
});
export type Result = z.infer<typeof ResultSchema>;
