// What `gameaudit inspect` and a device capture's inspection step find in an app package: one
// zod schema, stored in evidence.json as `packageInspection` and printed by `inspect --json`.
// It imports nothing from src/evidence, which imports it.
import { z } from 'zod';

export const DeclaredPermissionSchema = z.strictObject({
  name: z.string(),
  group: z.string().describe('Player-facing group (src/capture/appium/permission-groups.ts): location, camera, tracking, other, …'),
  dangerous: z.boolean().describe("A runtime permission: the player must grant it in a dialog"),
  location: z.enum(['fine', 'coarse', 'background']).optional(),
  advertisingId: z.literal(true).optional().describe('com.google.android.gms.permission.AD_ID (or the Privacy Sandbox equivalent)'),
  maxSdkVersion: z.number().int().optional(),
});
export type DeclaredPermission = z.infer<typeof DeclaredPermissionSchema>;

export const ManifestMetaDataSchema = z.strictObject({
  name: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable().describe('As declared; resource references read "resourceId:0x…"'),
  in: z.string().describe('"application", "manifest" or the component that declares it'),
});
export type ManifestMetaData = z.infer<typeof ManifestMetaDataSchema>;

export const ManifestFactsSchema = z.strictObject({
  package: z.string(),
  versionName: z.string().optional(),
  versionCode: z.number().int().optional(),
  minSdk: z.number().int().optional(),
  targetSdk: z.number().int().optional(),
  split: z.string().optional().describe('The split name of a config or feature split; absent for the base APK'),
  permissions: z.array(DeclaredPermissionSchema),
  metaData: z.array(ManifestMetaDataSchema),
  activities: z.array(z.string()),
  components: z.array(z.string()).describe('Services, receivers and providers'),
});
export type ManifestFacts = z.infer<typeof ManifestFactsSchema>;

export const PackageFileSchema = z.strictObject({
  path: z.string().describe('As given, or the bundle path (package/…) of a file pulled from the device'),
  role: z.enum(['apk', 'split-set', 'ipa']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int(),
  split: z.string().optional(),
});

export const EmbeddedSdkSchema = z.strictObject({
  company: z.string(),
  product: z.string(),
  purpose: z.enum(['tracking', 'age-assurance']),
  matchedBy: z.array(z.string()).describe('The signatures found: class-name prefixes, framework names, entitlements, SKAdNetwork ids'),
  classCount: z.number().int().describe('Classes matching a prefix (0 for iOS signatures)'),
});
export type EmbeddedSdk = z.infer<typeof EmbeddedSdkSchema>;

export const PrivacyManifestSchema = z.strictObject({
  file: z.string(),
  tracking: z.boolean().nullable().describe('NSPrivacyTracking; null when absent'),
  trackingDomains: z.array(z.string()),
  collectedDataTypes: z.array(z.strictObject({ type: z.string(), linked: z.boolean().nullable(), tracking: z.boolean().nullable(), purposes: z.array(z.string()) })),
});
export type PrivacyManifest = z.infer<typeof PrivacyManifestSchema>;

export const IosFactsSchema = z.strictObject({
  bundleId: z.string(),
  shortVersion: z.string().optional(),
  buildVersion: z.string().optional(),
  minimumOsVersion: z.string().optional(),
  usageDescriptions: z.record(z.string(), z.string()).describe('Every NS…UsageDescription key, with the text shown to the player'),
  skAdNetworks: z.array(z.strictObject({ id: z.string(), network: z.string().nullable().describe('null: not in data/skadnetwork-ids.yaml, or sources disagree') })),
  frameworks: z.array(z.string()),
  privacyManifests: z.array(PrivacyManifestSchema),
  entitlements: z.array(z.string()).nullable().describe('Entitlement keys; null when the package holds no readable entitlements file'),
});
export type IosFacts = z.infer<typeof IosFactsSchema>;

export const PackageInspectionSchema = z.strictObject({
  platform: z.enum(['android', 'ios']),
  files: z.array(PackageFileSchema).min(1),
  android: z
    .strictObject({
      manifests: z.array(ManifestFactsSchema).describe('Base first, then each split'),
      dexFiles: z.array(z.strictObject({ file: z.string(), classes: z.number().int() })),
      classCount: z.number().int(),
    })
    .optional(),
  ios: IosFactsSchema.optional(),
  engines: z.array(z.string()).describe('Game engines recognised from activities, classes or frameworks'),
  sdks: z.array(EmbeddedSdkSchema),
  unreadable: z.array(z.strictObject({ part: z.string(), reason: z.string() })).describe('Parts that could not be read: what they hold is unknown, not absent'),
});
export type PackageInspection = z.infer<typeof PackageInspectionSchema>;
