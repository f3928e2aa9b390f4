// `gameaudit inspect` on the fixture packages built by test/fixtures/packages/build.sh from the
// sources beside it (see its README: the demo's Leaky Runner as an APK, its splits in every
// layout, an IPA, and one with a broken DEX). Expected values come from the sources and from
// the aapt dump badging files build.sh writes beside each APK.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPackage } from '../../src/inspect/inspect-package.ts';
import { runCli } from '../helpers/run-cli.ts';

const fixture = (name: string): string => path.resolve(import.meta.dirname, '../fixtures/packages', name);

const leakyRunnerSdks = [
  { company: 'Google', product: 'AdMob / Ad Manager / DoubleClick', purpose: 'tracking', matchedBy: ['com.google.android.gms.ads.'], classCount: 3 },
  { company: 'Google', product: 'Firebase / Google Analytics for apps', purpose: 'tracking', matchedBy: ['com.google.firebase.analytics.', 'com.google.android.gms.measurement.'], classCount: 2 },
  { company: 'Unity', product: 'Unity Ads', purpose: 'tracking', matchedBy: ['com.unity3d.ads.', 'com.unity3d.services.'], classCount: 2 },
  { company: 'AppLovin', product: 'AppLovin MAX / AppDiscovery', purpose: 'tracking', matchedBy: ['com.applovin.'], classCount: 2 },
  { company: 'Meta', product: 'Meta Audience Network / Facebook SDK', purpose: 'tracking', matchedBy: ['com.facebook.ads.'], classCount: 1 },
  { company: 'Adjust', product: 'Adjust SDK', purpose: 'tracking', matchedBy: ['com.adjust.sdk.'], classCount: 1 },
  { company: 'Google', product: 'Play Age Signals API', purpose: 'age-assurance', matchedBy: ['com.google.android.play.agesignals.'], classCount: 2 },
];

describe('inspect on the fixture packages', () => {
  it('reads the Leaky Runner APK: versions, marked permissions, meta-data, activities, DEX classes, SDKs', async () => {
    const inspection = await inspectPackage(fixture('leaky-runner.apk'));
    expect(inspection.platform).toBe('android');
    expect(inspection.unreadable).toEqual([]);
    const manifest = inspection.android!.manifests[0]!;
    // leaky-runner.badging.txt: package: name='com.demogames.leakyrunner' versionCode='320' versionName='3.2.0'; sdkVersion:'24'; targetSdkVersion:'33'
    expect([manifest.package, manifest.versionName, manifest.versionCode, manifest.minSdk, manifest.targetSdk]).toEqual(['com.demogames.leakyrunner', '3.2.0', 320, 24, 33]);
    expect(manifest.permissions).toHaveLength(10);
    expect(manifest.permissions.find((permission) => permission.name === 'com.google.android.gms.permission.AD_ID')).toEqual({
      name: 'com.google.android.gms.permission.AD_ID',
      group: 'tracking',
      dangerous: false,
      advertisingId: true,
    });
    expect(manifest.permissions.find((permission) => permission.name === 'android.permission.ACCESS_FINE_LOCATION')).toEqual({
      name: 'android.permission.ACCESS_FINE_LOCATION',
      group: 'location',
      dangerous: true,
      location: 'fine',
    });
    expect(manifest.metaData).toEqual([
      { name: 'com.google.android.gms.ads.APPLICATION_ID', value: 'ca-app-pub-3940256099942544~3347511713', in: 'application' },
      // aapt compiles "true" and "0" to typed values (boolean, integer): they are read back as such.
      { name: 'firebase_analytics_collection_enabled', value: true, in: 'application' },
      { name: 'com.facebook.sdk.AdvertiserIDCollectionEnabled', value: true, in: 'application' },
      { name: 'unity.splash-mode', value: 0, in: 'application' },
      { name: 'unityplayer.UnityActivity', value: true, in: 'com.unity3d.player.UnityPlayerActivity' },
    ]);
    expect(manifest.activities).toEqual(['com.unity3d.player.UnityPlayerActivity', 'com.google.android.gms.ads.AdActivity']);
    expect(inspection.android!.dexFiles.map((dex) => [path.basename(dex.file), dex.classes])).toEqual([
      ['leaky-runner.apk!classes.dex', 4],
      ['leaky-runner.apk!classes2.dex', 11],
      ['leaky-runner.apk!classes3.dex', 3],
    ]);
    expect(inspection.engines).toEqual(['Unity']);
    // com.unity3d.adsx.NotAnSdk is in classes3.dex: a prefix is literal, so it is not Unity Ads.
    expect(inspection.sdks).toEqual(leakyRunnerSdks);
  });

  it('reads a folder of base + config split the same, and names each file with its hash', async () => {
    const inspection = await inspectPackage(fixture('leaky-runner-splits'));
    expect(inspection.files.map((file) => [path.basename(file.path), file.role, file.split ?? null, file.sha256.length])).toEqual([
      ['base.apk', 'apk', null, 64],
      ['split_config.arm64_v8a.apk', 'apk', 'config.arm64_v8a', 64],
    ]);
    expect(inspection.android!.manifests.map((manifest) => manifest.split ?? 'base')).toEqual(['base', 'config.arm64_v8a']);
    expect(inspection.sdks).toEqual(leakyRunnerSdks);
  });

  it.each(['leaky-runner.apks', 'leaky-runner.xapk'])('reads the split set %s entry by entry, hashing the set and each APK in it', async (name) => {
    const inspection = await inspectPackage(fixture(name));
    expect(inspection.files[0]).toMatchObject({ role: 'split-set' });
    expect(inspection.files.slice(1).map((file) => file.split ?? 'base').sort()).toEqual(['base', 'config.arm64_v8a']);
    // The base APK inside is byte for byte the fixture APK.
    const base = inspection.files.find((file) => file.role === 'apk' && !file.split)!;
    const single = await inspectPackage(fixture('leaky-runner.apk'));
    expect(base.sha256).toBe(single.files[0]!.sha256);
    expect(inspection.sdks).toEqual(leakyRunnerSdks);
  });

  it('reads the IPA: binary Info.plist, usage texts, SKAdNetwork ids, frameworks, privacy manifests, entitlements', async () => {
    const inspection = await inspectPackage(fixture('leaky-runner.ipa'));
    expect(inspection.platform).toBe('ios');
    expect(inspection.unreadable).toEqual([]);
    expect(inspection.ios).toEqual({
      bundleId: 'com.demogames.leakyrunner',
      shortVersion: '3.2.0',
      buildVersion: '320',
      minimumOsVersion: '15.0',
      usageDescriptions: {
        NSLocationWhenInUseUsageDescription: 'Find friends playing near you.',
        NSUserTrackingUsageDescription: 'This identifier will be used to deliver personalized ads to you.',
      },
      skAdNetworks: [
        { id: 'cstr6suwn9.skadnetwork', network: 'Google' },
        { id: 'su67r6k2v3.skadnetwork', network: 'Unity (ironSource)' },
        { id: 'v9wttpbfk9.skadnetwork', network: 'Meta' },
        { id: 'n38lu8286q.skadnetwork', network: null },
        { id: 'zzzz1111zz.skadnetwork', network: null },
      ],
      frameworks: ['FBAudienceNetwork', 'GoogleMobileAds', 'UnityFramework'],
      privacyManifests: [
        {
          file: 'Payload/LeakyRunner.app/Frameworks/GoogleMobileAds.framework/PrivacyInfo.xcprivacy',
          tracking: true,
          trackingDomains: ['googleads.g.doubleclick.net'],
          collectedDataTypes: [{ type: 'NSPrivacyCollectedDataTypeAdvertisingData', linked: false, tracking: true, purposes: ['NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising'] }],
        },
        {
          file: 'Payload/LeakyRunner.app/PrivacyInfo.xcprivacy',
          tracking: true,
          trackingDomains: ['app-measurement.com'],
          collectedDataTypes: [{ type: 'NSPrivacyCollectedDataTypeDeviceID', linked: false, tracking: true, purposes: ['NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising'] }],
        },
      ],
      entitlements: ['application-identifier', 'com.apple.developer.declared-age-range'],
    });
    expect(inspection.engines).toEqual(['Unity']);
    expect(inspection.sdks.map((sdk) => [sdk.company, sdk.product, sdk.matchedBy])).toEqual([
      ['Google', 'AdMob / Ad Manager / DoubleClick', ['GoogleMobileAds.framework']],
      ['Meta', 'Meta Audience Network / Facebook SDK', ['FBAudienceNetwork.framework']],
      ['Apple', 'Declared Age Range', ['com.apple.developer.declared-age-range']],
    ]);
  });

  it('says which DEX file could not be read instead of reporting its SDKs absent', async () => {
    const inspection = await inspectPackage(fixture('leaky-runner-broken-dex.apk'));
    expect(inspection.unreadable.map((part) => [path.basename(part.part), part.reason])).toEqual([
      ['leaky-runner-broken-dex.apk!classes2.dex', 'not a readable DEX file: not a DEX file (no "dex\\n" magic)'],
    ]);
    // classes2.dex held the ad SDKs; what classes3.dex holds is still found.
    expect(inspection.sdks.map((sdk) => sdk.product)).toEqual(['Play Age Signals API']);
    const printed = runCli(['inspect', fixture('leaky-runner-broken-dex.apk')]);
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout).toContain('UNREADABLE  ');
    expect(printed.stdout).toContain('sdk         Google Play Age Signals API [age-assurance]');
  });

  it('refuses what is not a package with one line naming the file and the fix (exit 2)', () => {
    const notAPackage = runCli(['inspect', fixture('sources/README.md')]);
    expect(notAPackage.exitCode).toBe(2);
    expect(notAPackage.stderr).toBe(`gameaudit: ${fixture('sources/README.md')}: ".md" is not a package gameaudit reads: give an .apk, .apks, .xapk, .ipa or a folder of split APKs\n`);
    const missing = runCli(['inspect', fixture('no-such.apk')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`gameaudit: ${fixture('no-such.apk')}: no such file or folder: give an .apk, .apks, .xapk, .ipa or a folder of split APKs\n`);
    const notAZip = runCli(['inspect', fixture('sources/leaky-runner/AndroidManifest.xml').replace('AndroidManifest.xml', 'classes.txt')]);
    expect(notAZip.exitCode).toBe(2);
  });

  it('prints the inventory of the IPA as text, one fact a line', () => {
    const printed = runCli(['inspect', fixture('leaky-runner.ipa')]);
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout.split('\n').filter((line) => line.startsWith('skadnetwork') || line.startsWith('usage'))).toEqual([
      'usage       NSLocationWhenInUseUsageDescription: "Find friends playing near you."',
      'usage       NSUserTrackingUsageDescription: "This identifier will be used to deliver personalized ads to you."',
      'skadnetwork cstr6suwn9.skadnetwork  Google',
      'skadnetwork su67r6k2v3.skadnetwork  Unity (ironSource)',
      'skadnetwork v9wttpbfk9.skadnetwork  Meta',
      'skadnetwork n38lu8286q.skadnetwork  (network not known)',
      'skadnetwork zzzz1111zz.skadnetwork  (network not known)',
    ]);
  });
});
