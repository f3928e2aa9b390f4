// evidence.json: what a capture observed, apart from network traffic (network.har) and the
// raw timeline (events.ndjson). Every observation carries the phase it happened in and, where
// it came from the timeline, the id of its event so a finding can point at it.
import { z } from 'zod';
import { CoordinatesSchema, PhaseSchema, PlatformSchema } from '../plan/schema.ts';
import { ImportedHarSchema } from './imported-har-schema.ts';
import { PackageInspectionSchema } from '../inspect/package-inspection-schema.ts';

export const evidenceSchemaVersion = 1;

/** Parts of the evidence a check may need; a fault marks the parts it affected as missing. */
export const evidenceAreas = [
  'network',
  'identifiers',
  'settings',
  'consent',
  'geolocation',
  'permissions',
  'screenshots',
  'device',
  'age-gate',
  'package',
] as const;
export const EvidenceAreaSchema = z.enum(evidenceAreas);
export type EvidenceArea = z.infer<typeof EvidenceAreaSchema>;

export const BoundsSchema = z
  .strictObject({ x: z.number(), y: z.number(), width: z.number().min(0), height: z.number().min(0) })
  .describe('CSS pixels (web) or device pixels (Android), from the top-left corner');
export type Bounds = z.infer<typeof BoundsSchema>;

const EventRef = z.string().regex(/^ev-\d+$/).describe('Id of the event in events.ndjson');
const ScreenshotRef = z.string().regex(/^screens\/[\w.-]+\.png$/).describe('Path of a screenshot in the bundle');

export const DeviceInfoSchema = z.strictObject({
  kind: z.enum(['emulated-browser', 'simulated', 'emulator', 'physical']),
  name: z.string().describe('Playwright device name, or the device model'),
  osVersion: z.string().optional(),
  browserVersion: z.string().optional(),
  browserBuild: z.string().optional().describe('Web captures: the Chromium executable that ran the game, e.g. chromium-headless-shell'),
  userAgent: z.string().optional(),
  viewport: z.strictObject({ width: z.number(), height: z.number() }).optional(),
  serial: z.string().optional().describe('Identifies the test device: removed from published outputs'),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

export const PhaseRecordSchema = z.strictObject({
  name: PhaseSchema,
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().optional(),
  status: z.enum(['complete', 'failed', 'skipped']),
  note: z.string().optional().describe('Why it failed or was skipped'),
});

export const ScreenshotSchema = z.strictObject({
  file: ScreenshotRef,
  phase: PhaseSchema,
  takenAt: z.iso.datetime(),
  caption: z.string(),
  eventId: EventRef.optional(),
  uiTreeFile: z.string().optional().describe('DOM / page source captured with the screenshot'),
  ocrFile: z.string().optional().describe('What OCR and the pixel readers read on the screenshot (words, lines, boxes, confidence): screens/<name>.ocr.json'),
});

/** What was read from pixels about one element, and how sure the reading was. */
export const PixelReadingSchema = z.strictObject({
  confidence: z.number().min(0).max(1).describe('How sure the reading is (OCR confidence, or the agreement of a switch\'s knob and fill)'),
  crop: ScreenshotRef.describe('The part of the screenshot the reading came from'),
  shape: z.enum(['filled', 'outlined', 'none']).optional().describe('The shape drawn around the words: a button as drawn, or bare words'),
  prominence: z
    .strictObject({
      areaShare: z.number().describe('Share of the screenshot the choice covers, 0–1'),
      textContrast: z.number().describe('WCAG contrast of the text against what is behind it'),
      shapeContrast: z.number().describe('WCAG contrast of the shape against what is around it (1: no shape)'),
      colour: z.string().describe('Fill (or bare text) colour, #rrggbb'),
      saturation: z.number().describe('HSV saturation of that colour, 0–1'),
      textHeight: z.number().describe('Text height in screenshot pixels'),
    })
    .optional(),
  evidence: z.string().optional().describe('What in the pixels showed it, e.g. "knob on the right, track #2e9e44"'),
});
export type PixelReading = z.infer<typeof PixelReadingSchema>;

export const IncompleteReasonSchema = z.strictObject({
  phase: PhaseSchema.optional(),
  message: z.string(),
  affects: z.array(EvidenceAreaSchema).describe('Evidence areas this fault left missing or partial'),
});
export type IncompleteReason = z.infer<typeof IncompleteReasonSchema>;

export const GeolocationCallSchema = z.strictObject({
  eventId: EventRef,
  phase: PhaseSchema,
  at: z.iso.datetime(),
  api: z.enum(['getCurrentPosition', 'watchPosition', 'permissions.query', 'android-location-request', 'ios-location-request']),
  frameUrl: z.string().optional(),
  detail: z.string().optional(),
});

export const permissionGroups = [
  'location',
  'contacts',
  'camera',
  'microphone',
  'phone',
  'storage',
  'nearby-devices',
  'notifications',
  'calendar',
  'sms',
  'body-sensors',
  'activity-recognition',
  'tracking',
  'other',
] as const;
export const PermissionGroupSchema = z.enum(permissionGroups);
export type PermissionGroup = z.infer<typeof PermissionGroupSchema>;

export const PermissionSchema = z.strictObject({
  name: z.string().describe('android.permission.X, a web permission name, or an iOS usage key'),
  group: PermissionGroupSchema,
  requested: z.boolean().describe('Declared by the app or asked for by the page'),
  runtime: z.boolean().describe('Needs the player to grant it at run time'),
  granted: z.boolean().nullable().describe('State at the end of the capture; null when unknown'),
  source: z.string().describe('Where this came from: dumpsys package, permissions API, …'),
});
export type Permission = z.infer<typeof PermissionSchema>;

export const ButtonSchema = z.strictObject({
  text: z.string(),
  role: z.enum(['accept', 'decline', 'manage', 'close', 'link', 'other']),
  bounds: BoundsSchema.optional(),
  visible: z.boolean().default(true),
  layer: z.enum(['first', 'manage']).optional().describe('The screen of the dialog the button is on: as first shown, or after its "manage options" button; absent in evidence recorded before it was'),
  locator: z.string().optional().describe('CSS selector, resource id or xpath of the element'),
  pixels: PixelReadingSchema.optional().describe('Set when the button was read from the screenshot (a game drawn on a canvas or by an engine)'),
});
export type Button = z.infer<typeof ButtonSchema>;

export const PermissionPromptSchema = z.strictObject({
  eventId: EventRef,
  phase: PhaseSchema,
  at: z.iso.datetime(),
  permission: z.string(),
  group: PermissionGroupSchema,
  text: z.string(),
  buttons: z.array(ButtonSchema),
  answer: z.enum(['unanswered', 'denied', 'dismissed']).describe('We never grant'),
  screenshot: ScreenshotRef.optional(),
  precededByExplanation: z
    .strictObject({ text: z.string(), screenshot: ScreenshotRef.optional() })
    .optional()
    .describe("The game's own explanation shown before the system prompt"),
});
export type PermissionPrompt = z.infer<typeof PermissionPromptSchema>;

/** A link to privacy information: an href, or (drawn words have none) where a tap on it led. */
export const PrivacyLinkSchema = z.strictObject({
  text: z.string(),
  href: z.string(),
  openedByTap: z
    .strictObject({
      how: z.string().describe('What the tap opened: a new window, the same page, an activity'),
      title: z.string().optional(),
      screenshot: ScreenshotRef.optional().describe('The opened page as shown'),
      crop: ScreenshotRef.optional().describe('The tapped words as read on the screenshot'),
    })
    .optional()
    .describe('Set for drawn link words: the address is where the tap led, not an href'),
});

/**
 * The same screenshot read a second way: the screen-model finders (src/screen/finders.ts) run on
 * what the screen shows, beside what the DOM or page-source finder found. Recorded, never used
 * for the verdict; where the two differ the differences are listed.
 */
export const ScreenCrossReadingSchema = z.strictObject({
  screenshot: ScreenshotRef.describe('The screenshot both readings are of'),
  comparedWith: z.enum(['dom', 'page-source']).describe('What the first finder read: the web page\'s DOM or the app\'s page source'),
  dialogFound: z.boolean().describe('Whether the screen-model consent finder found a dialog on it'),
  buttons: z
    .array(
      z.strictObject({
        text: z.string(),
        role: ButtonSchema.shape.role,
        bounds: BoundsSchema.describe('Screenshot pixels'),
        source: z.enum(['accessibility', 'ocr']).describe('An accessibility node (DOM, page source) or OCR on the pixels'),
      }),
    )
    .describe('The choices the screen-model finder read, with their roles'),
  agrees: z.boolean().describe('Both readings found the same buttons with the same roles'),
  disagreements: z.array(z.string()).describe('Each difference, in words'),
});
export type ScreenCrossReading = z.infer<typeof ScreenCrossReadingSchema>;

export const ConsentDialogSchema = z.strictObject({
  eventId: EventRef,
  phase: PhaseSchema,
  at: z.iso.datetime(),
  detectedBy: z.enum(['autoconsent', 'plan', 'discovery', 'screen-reading']),
  cmp: z.string().optional().describe('Consent management platform named by autoconsent'),
  text: z.string(),
  bounds: BoundsSchema.optional(),
  buttons: z.array(ButtonSchema),
  checkboxes: z
    .array(
      z.strictObject({
        label: z.string(),
        checked: z.boolean(),
        bounds: BoundsSchema.optional().describe('Where the box and its label were, in the pixels of `screenshot` (CSS pixels on the web); absent in older bundles'),
        screenshot: ScreenshotRef.optional().describe('The screen the box was read on (the "manage" layer for boxes behind it); absent in older bundles'),
      }),
    )
    .default([]),
  privacyLinks: z.array(PrivacyLinkSchema).default([]),
  stepsToAccept: z.number().int().min(0).nullable(),
  stepsToDecline: z.number().int().min(0).nullable().describe('null when no decline path was found'),
  declined: z.boolean().describe('Whether we managed to decline'),
  closed: z.boolean().optional().describe('Whether the dialog was gone when the consent phase ended; false: it stayed on screen'),
  screenshot: ScreenshotRef.optional(),
  declineScreens: z.array(ScreenshotRef).default([]).describe('Screens walked on the way to decline'),
  screenModelReading: ScreenCrossReadingSchema.optional().describe('The first screenshot read again by the screen-model finders (DOM and page-source captures)'),
});
export type ConsentDialog = z.infer<typeof ConsentDialogSchema>;

export const SettingControlSchema = z.strictObject({
  name: z.string().optional().describe("The recipe's name for it; absent for discovered controls"),
  label: z.string(),
  kind: z.enum(['switch', 'checkbox', 'radio', 'select', 'text']),
  value: z.union([z.boolean(), z.string()]).describe('As found: booleans for on/off controls'),
  options: z.array(z.string()).optional(),
  bounds: BoundsSchema.optional(),
  locator: z.string().optional(),
  groupLabel: z.string().optional().describe('Heading the control sits under'),
  eventId: EventRef.optional(),
  readBy: z
    .enum(['tool', 'investigator'])
    .optional()
    .describe('Assisted captures: investigator when the investigator confirmed, corrected or added this reading (see assisted.observations); absent: read by the tool'),
  observationId: z.string().regex(/^obs-\d+$/).optional().describe('The operator observation this reading comes from'),
  pixels: PixelReadingSchema.optional().describe('Set when the control was read from the screenshot'),
});
export type SettingControl = z.infer<typeof SettingControlSchema>;

/** The settings screenshot read again by the screen model: each on/off control's state as the pixels show it beside its label. */
export const SettingsCrossReadingSchema = z.strictObject({
  screenshot: ScreenshotRef,
  comparedWith: z.enum(['dom', 'page-source']),
  controls: z.array(
    z.strictObject({
      label: z.string(),
      kind: z.enum(['switch', 'checkbox']),
      value: z.boolean().describe('As the DOM or page source gives it'),
      onScreen: z.boolean().nullable().describe('As the screen model reads the switch drawn beside the label; null: no switch read there, or its state not sure'),
      confidence: z.number().min(0).max(1).optional(),
    }),
  ),
  agrees: z.boolean(),
  disagreements: z.array(z.string()),
});
export type SettingsCrossReading = z.infer<typeof SettingsCrossReadingSchema>;

export const SettingsEvidenceSchema = z.strictObject({
  source: z.enum(['recipe', 'discovery', 'findings-file', 'investigator', 'none']).describe('investigator: read on screen by the investigator in an assisted capture'),
  readable: z.boolean().describe('False when the game draws its UI on one canvas and exposes no widgets'),
  note: z.string().optional(),
  screenshot: ScreenshotRef.optional(),
  controls: z.array(SettingControlSchema),
  parentalControls: z
    .array(z.strictObject({ label: z.string(), monitoringSignalled: z.boolean().nullable() }))
    .default([]),
  privacyLinks: z.array(z.strictObject({ text: z.string(), href: z.string() })).default([]),
  screenModelReading: SettingsCrossReadingSchema.optional().describe('The settings screenshot read again by the screen-model finders (DOM and page-source captures)'),
});
export type SettingsEvidence = z.infer<typeof SettingsEvidenceSchema>;

/** Which persona a capture played as (plans with personas): the age it gave every age question. */
export const PersonaRecordSchema = z.strictObject({
  id: z.string(),
  age: z.number().int(),
  digitalConsentAge: z.number().int().min(13).max(16),
});
export type PersonaRecord = z.infer<typeof PersonaRecordSchema>;

export const AgeGateSchema = z.strictObject({
  present: z.boolean(),
  phase: PhaseSchema.optional(),
  eventId: EventRef.optional(),
  question: z.string().optional(),
  inputKind: z.enum(['birthdate', 'age', 'year', 'self-declaration', 'other']).optional(),
  answerGiven: z.string().optional().describe('The age or date we entered'),
  screenshot: ScreenshotRef.optional(),
  pixels: z
    .strictObject({
      confidence: z.number().min(0).max(1).describe("OCR's confidence in the question's words"),
      crops: z.array(ScreenshotRef).describe('Crops of the question, the field and the button as read'),
      typedScreenshot: ScreenshotRef.optional().describe('The screen after the age was typed, before it was sent'),
      readBack: z.boolean().optional().describe('Whether OCR read the typed answer back inside the drawn field'),
      afterScreenshot: ScreenshotRef.optional().describe('The screen after the answer was sent'),
    })
    .optional()
    .describe('Set when the age question was drawn (a canvas, an engine) and read from the screenshot'),
});

export const StorageSnapshotSchema = z.strictObject({
  phase: PhaseSchema,
  at: z.iso.datetime(),
  eventId: EventRef,
  cookies: z.array(
    z.strictObject({
      name: z.string(),
      value: z.string(),
      domain: z.string(),
      path: z.string(),
      expires: z.number().describe('Unix seconds; -1 for a session cookie'),
      httpOnly: z.boolean(),
      secure: z.boolean(),
      sameSite: z.string(),
    }),
  ),
  localStorage: z.array(z.strictObject({ origin: z.string(), key: z.string(), value: z.string() })),
});

export const LearnedIdentifierSchema = z.strictObject({
  kind: z.string().describe('advertisingId, androidId, cookie:<name>, …'),
  value: z.string(),
  source: z.string().describe('Where the capture learned it'),
});
export type LearnedIdentifier = z.infer<typeof LearnedIdentifierSchema>;

export const AndroidEvidenceSchema = z.strictObject({
  package: z.string(),
  versionName: z.string().optional(),
  androidId: z.string().optional().describe("The Android id the game itself sees (not the device-wide one)"),
  androidIdSource: z
    .enum(['ssaid-store', 'identifiers-file', 'not-known'])
    .optional()
    .describe("Where androidId came from: the device's SSAID store, the identifiers file's androidIdByPackage, or nowhere (then unknown, not searched)"),
  userIds: z.array(z.number()).default([0]),
  appOps: z
    .array(
      z.strictObject({
        op: z.string(),
        mode: z.string(),
        lastAccess: z.string().optional().describe('As adb printed it, e.g. +2h3m ago'),
        lastAccessAt: z.iso.datetime().optional().describe('lastAccess resolved against when adb was read; absent when it could not be'),
        lastRejectAt: z.iso.datetime().optional().describe('When Android last refused the op, resolved the same way'),
        running: z.boolean().default(false),
        scope: z.enum(['package', 'uid']).default('package'),
      }),
    )
    .default([]),
  locationRequests: z
    .array(
      z.strictObject({
        provider: z.string(),
        active: z.boolean().describe('An active listener (true) or a historical aggregate (false)'),
        quality: z.string().optional(),
        coarse: z.boolean().default(false),
        locations: z.number().optional(),
        locationsAtStart: z.number().optional().describe('The same since-boot count read before the game started (0: not listed then); absent when not read'),
        raw: z.string(),
      }),
    )
    .default([]),
  rawFiles: z.array(z.string()).default([]).describe('Raw adb outputs kept in the bundle (device/*.txt)'),
  baselineWindow: z
    .strictObject({ startedAt: z.iso.datetime(), endedAt: z.iso.datetime() })
    .optional()
    .describe('The device observed with the game not running: hosts contacted then are device traffic'),
  recordsReadAt: z.iso.datetime().optional().describe('When the final app-ops and location records were read from the device'),
});

/**
 * Things a capture path does not look for or cannot read, so a check can tell "not looked for"
 * from "looked and found none" (design.md: unknown is not absent).
 */
export const notCollectedItems = [
  'privacy-links',
  'parental-controls',
  'age-gate',
  'consent-dialog',
  'steps-to-accept',
  'settings',
  'permission-explanations',
  'permissions',
  'app-ops',
  'location-history',
  'location-requests',
  'storage',
  'screenshots',
  'permission-prompts',
] as const;
export const NotCollectedItemSchema = z.enum(notCollectedItems);
export type NotCollectedItem = z.infer<typeof NotCollectedItemSchema>;

export const NotCollectedSchema = z.strictObject({
  item: NotCollectedItemSchema,
  reason: z.string().describe('Why the capture did not collect it, in words for the report'),
});
export type NotCollected = z.infer<typeof NotCollectedSchema>;

/**
 * Assisted captures (`run --assisted`): what the investigator observed by hand. Each observation
 * says who, when, in which phase and on which screenshot, so the report can show it beside the
 * tool's own readings and never pass it off as automatic.
 */
export const OperatorReadingSchema = z.strictObject({
  label: z.string(),
  kind: SettingControlSchema.shape.kind,
  value: z.union([z.boolean(), z.string()]),
  answer: z
    .enum(['confirmed', 'edited', 'added'])
    .describe('confirmed: the tool read it and the investigator agreed; edited: the investigator corrected the value; added: the tool could not read it'),
  proposed: z
    .strictObject({ label: z.string(), value: z.union([z.boolean(), z.string()]), source: z.enum(['page-source', 'ocr']) })
    .optional()
    .describe('What the tool proposed before the investigator answered; absent for an added reading'),
  bounds: BoundsSchema.optional(),
  locator: z.string().optional(),
});
export type OperatorReading = z.infer<typeof OperatorReadingSchema>;

export const OperatorObservationSchema = z.strictObject({
  id: z.string().regex(/^obs-\d+$/),
  kind: z.enum(['mark', 'reading']).describe('mark: a moment the investigator marked, with a note; reading: a settings control'),
  by: z.string().describe('The investigator (GAMEAUDIT_OPERATOR or the OS user)'),
  at: z.iso.datetime(),
  phase: PhaseSchema,
  eventId: EventRef,
  screenshot: ScreenshotRef.optional().describe('The screen shown when it was made; absent when no screenshot could be taken'),
  crop: ScreenshotRef.optional().describe("A reading's control, cut out of the screenshot"),
  note: z.string().optional(),
  reading: OperatorReadingSchema.optional(),
});
export type OperatorObservation = z.infer<typeof OperatorObservationSchema>;

export const AssistedCaptureSchema = z.strictObject({
  operator: z.string(),
  screenshotSource: z
    .enum(['appium', 'adb', 'idevicescreenshot', 'none'])
    .describe('How the tool took screenshots; none: the investigator\'s marks were recorded without a screen'),
  automatic: z.array(z.string()).describe('What the tool did by itself, in words for the report'),
  investigator: z.array(z.string()).describe('What the investigator did by hand, in words for the report'),
  observations: z.array(OperatorObservationSchema).default([]),
});
export type AssistedCapture = z.infer<typeof AssistedCaptureSchema>;

export const EvidenceSchema = z.strictObject({
  schemaVersion: z.literal(evidenceSchemaVersion),
  game: z.strictObject({ id: z.string(), title: z.string(), publisher: z.string() }),
  platform: PlatformSchema,
  target: z.string().describe('URL, package or bundle id audited'),
  device: DeviceInfoSchema,
  status: z.enum(['complete', 'incomplete']),
  incompleteReasons: z.array(IncompleteReasonSchema).default([]),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().optional(),
  phases: z.array(PhaseRecordSchema),
  screenshots: z.array(ScreenshotSchema).default([]),
  mockLocation: CoordinatesSchema.optional(),
  geolocation: z.strictObject({
    calls: z.array(GeolocationCallSchema),
    permissionState: z.enum(['granted', 'denied', 'prompt', 'unknown']).default('unknown'),
    inAppLocationControls: z.array(z.strictObject({ label: z.string(), value: z.union([z.boolean(), z.string()]) })).default([]),
  }),
  permissions: z.array(PermissionSchema).default([]),
  permissionPrompts: z.array(PermissionPromptSchema).default([]),
  consentDialogs: z.array(ConsentDialogSchema).default([]),
  settings: SettingsEvidenceSchema,
  ageGate: AgeGateSchema.optional(),
  persona: PersonaRecordSchema.optional().describe('Set when the plan lists personas: which one this capture played as'),
  notCollected: z
    .array(NotCollectedSchema)
    .default([])
    .describe('What this capture path did not look for or could not read; absent from older bundles, which said nothing'),
  storage: z.array(StorageSnapshotSchema).default([]),
  learnedIdentifiers: z.array(LearnedIdentifierSchema).default([]),
  android: AndroidEvidenceSchema.optional(),
  firstPartyDomains: z.array(z.string()).default([]),
  expectations: z
    .record(z.string(), z.union([z.boolean(), z.string()]))
    .default({})
    .describe("The plan's high-privacy value of each named setting"),
  knownIdentifiers: z
    .record(z.string(), z.string())
    .default({})
    .describe('The identifiers file flattened to kind → value (so the bundle can be re-analysed alone)'),
  notes: z.array(z.string()).default([]).describe('Plain-language remarks for the report'),
  packageInspection: PackageInspectionSchema.optional().describe('What the app package contains (gameaudit inspect): absent when no package was read, which says nothing about its contents'),
  importedHar: ImportedHarSchema.optional().describe('Bundles made by import-har: the phase provenance and what the file did not hold'),
  assisted: AssistedCaptureSchema.optional().describe('Present when an investigator drove the game by hand (run --assisted)'),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
export type EvidenceInput = z.input<typeof EvidenceSchema>;

/** One line of events.ndjson. Extra fields depend on `type`. */
export const TimelineEventSchema = z.looseObject({
  id: EventRef,
  at: z.iso.datetime(),
  phase: PhaseSchema.nullable(),
  type: z.string(),
  message: z.string().optional(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
