// Zod schemas for everything an auditor writes by hand: a game's plan, the programme and the
// identifiers file. Strict objects so that a misspelt field is an error, not silently ignored.
import { z } from 'zod';

export const platformNames = ['web', 'android', 'ios'] as const;
export const PlatformSchema = z.enum(platformNames);
export type Platform = z.infer<typeof PlatformSchema>;

export const phaseNames = ['launch', 'consent', 'settings', 'play'] as const;
export const PhaseSchema = z.enum(phaseNames);
export type Phase = z.infer<typeof PhaseSchema>;

const domainPattern = /^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/;

export const CoordinatesSchema = z
  .strictObject({
    latitude: z.number().min(-90).max(90).describe('Decimal degrees, -90 to 90'),
    longitude: z.number().min(-180).max(180).describe('Decimal degrees, -180 to 180'),
  })
  .describe('A point on the Earth in decimal degrees');
export type Coordinates = z.infer<typeof CoordinatesSchema>;

/** Where a UI element is: the same locators work for web (css) and Appium (the rest). */
export const LocatorSchema = z
  .strictObject({
    css: z.string().optional().describe('CSS selector (web)'),
    accessibilityId: z.string().optional().describe('Accessibility id / content-desc (Appium)'),
    resourceId: z.string().optional().describe('Android resource-id (Appium)'),
    text: z.string().optional().describe('Visible text, matched exactly'),
    xpath: z.string().optional().describe('XPath (Appium page source or web DOM)'),
    screenText: z.string().optional().describe('Words as read on the screen by OCR (case- and whitespace-tolerant): for games drawn on a canvas or by an engine'),
    near: z.string().optional().describe('With screenText: other words on screen; the match nearest them is used'),
    image: z.string().optional().describe('A PNG template (path relative to the plan) found on the screenshot, e.g. templates/gear.png'),
    threshold: z.number().min(0).max(1).optional().describe('With image: the least match score (0–1) that counts; default 0.9'),
  })
  .refine((locator) => [locator.css, locator.accessibilityId, locator.resourceId, locator.text, locator.xpath, locator.screenText, locator.image].filter(Boolean).length === 1, {
    message: 'give exactly one of css, accessibilityId, resourceId, text, xpath, screenText, image',
  })
  .refine((locator) => (locator.near === undefined || locator.screenText !== undefined) && (locator.threshold === undefined || locator.image !== undefined), {
    message: 'near goes with screenText, threshold with image',
  });
export type Locator = z.infer<typeof LocatorSchema>;

export const RecipeStepSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('tap'), target: LocatorSchema }),
  z.strictObject({ action: z.literal('scroll'), direction: z.enum(['up', 'down']).default('down') }),
  z.strictObject({ action: z.literal('back') }),
  z.strictObject({ action: z.literal('wait'), seconds: z.number().positive().max(120) }),
  z
    .strictObject({
      action: z.literal('enterAge'),
      target: LocatorSchema.describe('The age or birth-year field'),
      format: z.enum(['age', 'birth-year']).default('age').describe('What the field asks for: the age in years, or the year of birth'),
      submit: LocatorSchema.optional().describe('The button that sends the answer, when there is one'),
    })
    .describe("Answers an age question the finders do not recognise with the persona's age (10 without personas)"),
]);
export type RecipeStep = z.infer<typeof RecipeStepSchema>;

export const controlKinds = ['switch', 'checkbox', 'radio', 'select', 'text'] as const;

export const SettingsControlRecipeSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-zA-Z0-9]*$/, 'use a camelCase name such as personalisedAds')
    .describe('Stable name used by expectations and reports'),
  label: z.string().optional().describe('Label as shown to the player (found on screen when omitted)'),
  kind: z.enum(controlKinds).describe('What sort of control it is'),
  target: LocatorSchema.describe('Where the control is'),
});

export const SettingsRecipeSchema = z
  .strictObject({
    open: z.array(RecipeStepSchema).default([]).describe('Steps from the game screen to the settings screen'),
    controls: z.array(SettingsControlRecipeSchema).default([]).describe('Privacy controls to read'),
  })
  .describe('Where the privacy controls are and how to read them (never changed, only read)');
export type SettingsRecipe = z.infer<typeof SettingsRecipeSchema>;

export const ConsentRecipeSchema = z
  .strictObject({
    dialog: LocatorSchema.optional().describe('The consent/privacy dialog container'),
    accept: LocatorSchema.optional().describe('The control that accepts'),
    decline: LocatorSchema.optional().describe('The control that declines, rejects or refuses'),
    manage: LocatorSchema.optional().describe('A "manage options" path that leads to a decline'),
    declineInManage: LocatorSchema.optional().describe('The decline control once "manage" is open'),
  })
  // A dialog drawn by the game is found and read on the screenshot without a recipe; these
  // locators name elements of a DOM or page source.
  .refine((recipe) => Object.values(recipe).every((locator) => !locator || (locator.screenText === undefined && locator.image === undefined)), {
    message: 'screenText and image locators are for settings; a consent dialog drawn by the game is found on the screen without a consent recipe, so remove these locators',
  })
  .describe('How to find the first privacy/consent dialog when autoconsent does not know it');

export const WebPlatformSchema = z.strictObject({
  // A plan names a game on the web: file:, javascript: or data: would have the browser read the
  // auditor's own disk (file:///etc/passwd ended up in the UI-tree snapshots) or run the plan's code.
  url: z.url({ protocol: /^https?$/, error: 'must be the web address of the game, starting https:// (file:, javascript: and other schemes are refused)' }).describe('The game URL (https)'),
  device: z.string().default('Pixel 7').describe('A Playwright device descriptor name'),
});
export const AndroidPlatformSchema = z.strictObject({
  package: z.string().regex(/^[a-zA-Z][\w]*(\.[a-zA-Z][\w]*)+$/, 'an Android package name like com.example.game'),
  apk: z.string().optional().describe('Path to the APK to install; the installed app is used when omitted'),
  activity: z.string().optional().describe('Launch activity, when Appium cannot find it'),
  fullReset: z.boolean().default(false).describe('Uninstall and reinstall before the capture'),
  capabilities: z.record(z.string(), z.unknown()).optional().describe('Extra Appium capabilities'),
});
export const IosPlatformSchema = z.strictObject({
  bundleId: z.string().regex(/^[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/, 'a bundle id like com.example.game'),
  ipa: z.string().optional(),
  capabilities: z.record(z.string(), z.unknown()).optional(),
});

const credentialReferencesSchema = z
  .record(z.string(), z.string().regex(/^\$\{[A-Z_][A-Z0-9_]*\}$/, 'write ${ENV_VAR_NAME}; secrets never go in plans'))
  .describe('Test account credentials, only as references to environment variables');

/** Who the capture plays as: the same game is captured once per persona, from a fresh state. */
export const PersonaSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes, e.g. child-8'),
    age: z.number().int().min(3, 'ages below 3 are not players').max(120).describe('The age given to every age question'),
    credentials: credentialReferencesSchema.optional().describe("This persona's test account (replaces the plan's credentials)"),
    identifiers: z.string().optional().describe("This persona's identifiers file, relative to the plan (replaces the plan's identifiers)"),
  })
  .describe('A player the game is audited as');
export type Persona = z.infer<typeof PersonaSchema>;

export const PlanPersonasSchema = z
  .array(PersonaSchema)
  .min(2, 'list at least two personas to compare, e.g. a child and an adult')
  .refine((personas) => new Set(personas.map((persona) => persona.id)).size === personas.length, { message: 'give each persona its own id' });

/** UK law sets the age of digital consent at 13 and lets it be set between 13 and 16 (GDPR article 8). */
export const defaultDigitalConsentAge = 13;

export const PlanSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes, e.g. candy-crush'),
    title: z.string().min(1),
    publisher: z.string().min(1),
    storeUrls: z.array(z.url()).default([]).describe('Store listings the plan was checked against'),
    firstPartyDomains: z
      .array(z.string().regex(domainPattern, 'a registrable domain such as example.com'))
      .default([])
      .describe("The game's own registrable domains (eTLD+1)"),
    platforms: z
      .strictObject({
        web: WebPlatformSchema.optional(),
        android: AndroidPlatformSchema.optional(),
        ios: IosPlatformSchema.optional(),
      })
      .refine((platforms) => Object.values(platforms).some(Boolean), { message: 'give at least one platform' }),
    session: z
      .strictObject({
        launchSeconds: z.number().min(0).max(600).default(10).describe('Observation window with no interaction'),
        playSeconds: z.number().min(0).max(3600).default(0).describe('Scripted play time (0 skips play)'),
      })
      .default({ launchSeconds: 10, playSeconds: 0 }),
    location: CoordinatesSchema.optional().describe('Mock location given to the device or browser'),
    identifiers: z.string().optional().describe('Path to an identifiers file, relative to this plan'),
    consent: ConsentRecipeSchema.optional(),
    settings: SettingsRecipeSchema.optional(),
    ageGate: z
      .strictObject({ steps: z.array(RecipeStepSchema).min(1).describe('Usually one enterAge step') })
      .optional()
      .describe('How to answer an age question the finders do not recognise (web); run before the consent dialog is handled'),
    screenReading: z
      .strictObject({
        minConfidence: z.number().min(0).max(1).default(0.8).describe('The least confidence (0–1) a reading from pixels needs to count; below it the reading is inconclusive'),
      })
      .default({ minConfidence: 0.8 })
      .describe('How sure a reading from pixels (OCR, drawn buttons and switches) must be'),
    expectations: z
      .record(z.string(), z.union([z.boolean(), z.string()]))
      .optional()
      .describe('High-privacy value of each named setting, e.g. personalisedAds: false'),
    credentials: z
      .record(z.string(), z.string().regex(/^\$\{[A-Z_][A-Z0-9_]*\}$/, 'write ${ENV_VAR_NAME}; secrets never go in plans'))
      .optional()
      .describe('Test account credentials, only as references to environment variables'),
    assisted: z
      .boolean()
      .optional()
      .describe('An investigator plays this game by hand (sign-in, age gate, engine-drawn menus); the run captures it as with --assisted'),
    personas: PlanPersonasSchema.optional().describe('Capture the game once per persona and compare what each was sent and asked'),
    digitalConsentAge: z
      .number()
      .int()
      .min(13, 'UK law puts the age of digital consent between 13 and 16')
      .max(16, 'UK law puts the age of digital consent between 13 and 16')
      .default(defaultDigitalConsentAge)
      .describe('Below this age, consent to processing (personalised ads) must come from a parent'),
    demo: z
      .strictObject({ origins: z.record(z.string(), z.string()) })
      .optional()
      .describe('Offline demo only: origin → folder of canned content served by the proxy'),
  })
  .describe('An audit plan for one game');
export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;

export const IdentifiersSchema = z
  .strictObject({
    advertisingId: z.uuid().optional().describe('Android AAID or iOS IDFA'),
    androidId: z
      .string()
      .regex(/^[0-9a-f]{16}$/i, '16 hex digits')
      .optional()
      .describe('The device-wide Android id (settings get secure android_id): what apps see on Android 7 and older only'),
    androidIdByPackage: z
      .record(
        z.string().regex(/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)+$/, 'an Android package name such as com.roblox.client'),
        z.string().regex(/^[0-9a-f]{16}$/i, '16 hex digits'),
      )
      .optional()
      .describe('The Android id each game sees (Android 8 and later: one per app-signing key and user), by package'),
    idfv: z.uuid().optional().describe('iOS identifier for vendor (IDFV): the same for every app of one vendor until all are deleted; Adjust, Amplitude, Kochava and Firebase send it raw'),
    appSetId: z.uuid().optional().describe('Android App Set ID: one per developer on a device, not resettable by the user'),
    imei: z.string().regex(/^\d{14,16}$/, '14 to 16 digits').optional(),
    serial: z.string().min(4).optional(),
    macAddress: z
      .string()
      .regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, 'six colon-separated hex pairs')
      .optional(),
    email: z.email().optional(),
    username: z.string().min(3).optional(),
    phone: z.string().regex(/^\+?[0-9 ()-]{7,20}$/, 'digits with an optional leading +').optional(),
    birthdate: z.iso.date().optional().describe('YYYY-MM-DD'),
    location: CoordinatesSchema.optional(),
    custom: z.record(z.string(), z.string().min(4, 'at least 4 characters, shorter values match by chance')).optional(),
  })
  .describe('What the auditor knows about the test device and persona');
export type Identifiers = z.infer<typeof IdentifiersSchema>;

export const DeviceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  platform: PlatformSchema,
  appiumUrl: z.url().optional().describe('Appium server, Grid hub or device farm; omitted = start a local Appium'),
  playwrightWsEndpoint: z.string().optional().describe('Remote Playwright server for web captures'),
  serial: z.string().optional().describe('adb serial / iOS udid'),
  simulated: z.boolean().default(false).describe('A fake device (demo and tests)'),
  capabilities: z.record(z.string(), z.unknown()).optional(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const ProgrammeSchema = z
  .strictObject({
    name: z.string().min(1),
    games: z.array(z.string()).min(1).describe('Plan files, relative to this programme file'),
    devices: z.array(DeviceSchema).default([]),
    devicesFile: z.string().optional().describe('A devices file (audits/devices.yaml), relative to this file'),
    concurrency: z.number().int().min(1).max(16).default(2).describe('Web captures at once'),
    personas: z
      .record(z.string(), PlanPersonasSchema)
      .optional()
      .describe("Personas for games of this programme, by game id: the ages this programme audits them at (they replace the plan's own)"),
  })
  .describe('A programme run: the games and the devices to run them on');
export type Programme = z.infer<typeof ProgrammeSchema>;

export const DevicesFileSchema = z.strictObject({ devices: z.array(DeviceSchema) });
