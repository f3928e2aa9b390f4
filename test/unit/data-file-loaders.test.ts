// The three bundled data files are read through one loader (src/plan/load.ts loadYamlFile): a bad
// edit is refused in one line that names the file, the field with its line, and the fix. Each bad
// file here is the first entry of the real data file (data/trackers.yaml, data/skadnetwork-ids.yaml,
// data/sdk-code-signatures.yaml) with one mistake an editor could make.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.ts';
import { loadCatalogue } from '../../src/analysis/tracker-catalogue.ts';
import { loadSkAdNetworkIds } from '../../src/inspect/skadnetwork-catalogue.ts';
import { loadSignatures } from '../../src/inspect/sdk-signatures.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'gameaudit-data-files-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function written(name: string, text: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
}

/** The one-line message a user sees, or a note that nothing (or something other than an InputFileError) was thrown. */
function refusal(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof InputFileError) return error.message;
    return `not an InputFileError: ${String(error)}`;
  }
  return 'not refused';
}

describe('data/trackers.yaml', () => {
  it('a domain written in capitals is refused naming the entry, its line and the form expected', () => {
    const file = written(
      'trackers.yaml',
      [
        'trackers:',
        '  - company: Google',
        '    product: AdMob / Ad Manager / DoubleClick',
        '    category: advertising',
        '    domains: [DoubleClick.net, googlesyndication.com]',
        '    familiesCertified: true',
        '    source: https://github.com/tweaselORG/TrackHAR/blob/main/src/adapters/google.ts',
        '    verified: true',
        '',
      ].join('\n'),
    );
    expect(refusal(() => loadCatalogue(file))).toBe(`${file}: trackers[0].domains[0] (line 5): a lower-case domain such as example.com`);
  });

  it('a missing source is refused naming the field to add', () => {
    const file = written('trackers-no-source.yaml', ['trackers:', '  - company: Google', '    product: AdMob', '    category: advertising', '    domains: [doubleclick.net]', '    familiesCertified: true', '    verified: true', ''].join('\n'));
    expect(refusal(() => loadCatalogue(file))).toBe(`${file}: trackers[0].source (line 2): required field is missing; add it (string)`);
  });

  it('broken YAML is refused naming its line', () => {
    const file = written('trackers-broken.yaml', ['trackers:', '  - company: Google', '    domains: [doubleclick.net', ''].join('\n'));
    expect(refusal(() => loadCatalogue(file))).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid YAML \\(line \\d\\): .+; fix the syntax at that line$`));
  });
});

describe('data/skadnetwork-ids.yaml', () => {
  it('an id without its .skadnetwork ending is refused naming the entry, its line and the form expected', () => {
    const file = written('skadnetwork-ids.yaml', ['ids:', '  - id: cstr6suwn9', '    network: Google', '    source: Google Mobile Ads iOS quick-start (SKAdNetworkItems)', '    verified: true', ''].join('\n'));
    expect(refusal(() => loadSkAdNetworkIds(file))).toBe(`${file}: ids[0].id (line 2): a lower-case id ending in .skadnetwork`);
  });
});

describe('data/sdk-code-signatures.yaml', () => {
  it('a misspelt field is refused naming it, its line and the fix', () => {
    const file = written(
      'sdk-code-signatures.yaml',
      [
        'signatures:',
        '  - company: Google',
        '    product: AdMob / Ad Manager / DoubleClick',
        '    purpose: tracking',
        '    classPrefix: [com.google.android.gms.ads.]',
        '    iosFrameworks: [GoogleMobileAds]',
        '    codeSource: https://github.com/MuntashirAkon/AppManager/blob/master/app/src/main/res/values/trackers.xml (Exodus-derived list)',
        '    verified: true',
        '',
      ].join('\n'),
    );
    expect(refusal(() => loadSignatures(file))).toBe(`${file}: signatures[0].classPrefix (line 5): unknown field; remove it or check its spelling`);
  });
});

describe('the bundled data files themselves', () => {
  it('load through the same loader', () => {
    expect(loadCatalogue().lookup('googleads.g.doubleclick.net')?.organization).toBe('Google');
    expect(loadSkAdNetworkIds().get('cstr6suwn9.skadnetwork')).toBe('Google');
    expect(loadSignatures()[0]!.product).toBe('AdMob / Ad Manager / DoubleClick');
  });
});
