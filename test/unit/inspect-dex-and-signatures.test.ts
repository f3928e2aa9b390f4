// The DEX class-table reader and the SDK code-signature catalogue. DEX files come from the
// fixture generator (test/fixtures/packages/dex-writer.ts, whose output build.sh checks with
// Debian's dexdump) and from the real UiAutomator2 server APK's classes.dex (appium-uiautomator2-server 10.6.6).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DexFormatError, dexClassDescriptors, dexStringsPresent } from '../../src/inspect/dex-classes.ts';
import { loadSignatures, SignatureTally } from '../../src/inspect/sdk-signatures.ts';
import { writeDex } from '../fixtures/packages/dex-writer.ts';

describe('dexClassDescriptors', () => {
  const dex = writeDex(['com.example.game.Main', 'com.applovin.sdk.AppLovinSdk']);

  it('reads every class a DEX file defines, as type descriptors', () => {
    expect(dexClassDescriptors(dex).sort()).toEqual(['Lcom/applovin/sdk/AppLovinSdk;', 'Lcom/example/game/Main;']);
  });

  it('refuses a file that is not DEX, and one cut short, instead of reading garbage', () => {
    expect(() => dexClassDescriptors(Buffer.from('PK\u0003\u0004 not a dex file at all, long enough to have a header........................................................................................'))).toThrow(DexFormatError);
    expect(() => dexClassDescriptors(dex.subarray(0, 0x90))).toThrow('a table runs past the end of the file (cut short?)');
  });
});

describe('data/sdk-code-signatures.yaml', () => {
  const signatures = loadSignatures();

  it('covers every company of the tracker catalogue, and the age-assurance APIs the issue names', () => {
    const catalogue = parse(readFileSync(new URL('../../data/trackers.yaml', import.meta.url), 'utf8')) as { trackers: { company: string; product: string }[] };
    const companies = new Set(signatures.map((signature) => signature.company));
    expect(catalogue.trackers.map((entry) => entry.company).filter((company) => !companies.has(company))).toEqual([]);
    const byProduct = new Map(signatures.map((signature) => [`${signature.company} ${signature.product}`, signature]));
    expect(byProduct.get('Google Play Age Signals API')?.classPrefixes).toEqual(['com.google.android.play.agesignals.']);
    expect(byProduct.get('Apple Declared Age Range')?.entitlements).toEqual(['com.apple.developer.declared-age-range']);
    // Each tracking entry names a catalogue product, so statuses line up with the traffic's attribution.
    const products = new Set(catalogue.trackers.map((entry) => `${entry.company}\u0000${entry.product}`));
    expect(signatures.filter((signature) => signature.purpose === 'tracking' && !products.has(`${signature.company}\u0000${signature.product}`)).map((signature) => signature.product)).toEqual([]);
    expect(signatures.every((signature) => signature.codeSource.length > 0)).toBe(true);
  });

  it('matches prefixes literally: a dot is a dot and com.unity3d.adsx is not com.unity3d.ads.', () => {
    const tally = new SignatureTally(signatures);
    tally.addSortedDescriptors(['Lcom/unity3d/adsx/NotAnSdk;', 'Lcom_google_android_gms_ads/Fake;'].sort());
    expect(tally.result()).toEqual([]);
    tally.addSortedDescriptors(['Lcom/unity3d/ads/UnityAds;']);
    expect(tally.result()).toEqual([{ company: 'Unity', product: 'Unity Ads', purpose: 'tracking', matchedBy: ['com.unity3d.ads.'], classCount: 1 }]);
  });

  it('reads the real classes.dex of the UiAutomator2 server: 6,949 classes as dexdump counts them, none of them a catalogued SDK', async () => {
    const { walkZip } = await import('../../src/inspect/zip-archive.ts');
    const { createRequire } = await import('node:module');
    const path = await import('node:path');
    const apk = path.join(path.dirname(createRequire(import.meta.url).resolve('appium-uiautomator2-server/package.json')), 'apks/appium-uiautomator2-server-v10.6.6.apk');
    let descriptors: string[] = [];
    await walkZip(apk, (entry) => (entry.name === 'classes.dex' ? { kind: 'buffer', use: (content) => void (descriptors = dexClassDescriptors(content)) } : { kind: 'skip' }));
    expect(descriptors).toHaveLength(6949);
    // dexdump classes.dex: the first class descriptor it prints.
    expect(descriptors[0]).toBe('L_COROUTINE/ArtificialStackFrames;');
    const tally = new SignatureTally(signatures);
    tally.addSortedDescriptors(descriptors.sort());
    expect(tally.result()).toEqual([]);
  });
});

describe('SDKs whose classes were renamed', () => {
  it("finds Play Age Signals by its AIDL descriptor string when R8 renamed every class (field-notes.md)", () => {
    const obfuscated = writeDex(['a.a.b', 'a.a.c', 'com.demogames.game.Main'], ['com.google.android.play.agesignals.protocol.IAgeSignalsService']);
    const signatures = loadSignatures();
    const tally = new SignatureTally(signatures);
    tally.addSortedDescriptors(dexClassDescriptors(obfuscated).sort());
    tally.addDexStrings(dexStringsPresent(obfuscated, tally.wantedDexStrings));
    expect(tally.result()).toEqual([
      { company: 'Google', product: 'Play Age Signals API', purpose: 'age-assurance', matchedBy: ['string com.google.android.play.agesignals.protocol.IAgeSignalsService'], classCount: 0 },
    ]);
    expect(dexStringsPresent(writeDex(['a.a.b']), tally.wantedDexStrings)).toEqual([]);
  });
});
