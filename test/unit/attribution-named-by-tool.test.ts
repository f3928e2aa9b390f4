// The company an importing tool names for a host: used where our catalogue (and Ghostery's) knows
// none, labelled as the tool's word; shown beside ours where both name one and they differ.
// Fixtures (test/fixtures/import/README.md): trackercontrol-company-names.csv, written by hand in
// TrackerControl's export format (Singular agrees with us; "Facebook" is our Meta's product, so
// agrees too; "Alphabet" differs from our "Google"; Tenjin is a host neither our catalogue nor
// Ghostery's knows); app-privacy-report.ndjson, whose
// domainOwner values ("AppsFlyer Ltd.", "Google LLC") are the same companies as ours.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sameCompany } from '../../src/analysis/tool-attribution.ts';
import { importFile } from '../../src/evidence/import-file.ts';
import { companyDataView } from '../../src/report/company-data-view.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-named-by-tool-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

async function scored(fixture: string, app: string, platform: 'android' | 'ios') {
  const outDir = path.join(scratch, `${counter++}-${fixture}`);
  await importFile({ file: path.join(fixtures, fixture), app, gameId: 'block-puzzle', firstPartyDomains: ['blockpuzzle.example'], outDir, platform });
  return scoreBundle(outDir, { cwd: scratch });
}

describe('company names from the importing tool', () => {
  it("names a host our catalogue does not know with TrackerControl's company, labelled as its word", async () => {
    const result = await scored('trackercontrol-company-names.csv', 'com.example.blockpuzzle', 'android');
    const tenjin = result.network.organisations.find((organisation) => organisation.hosts.includes('track.tenjin.com'))!;
    expect(tenjin).toMatchObject({ organization: "Tenjin (named by TrackerControl's export)", namedBy: "TrackerControl's export", category: 'unknown' });
    const entry = result.network.entries.find((candidate) => candidate.host === 'track.tenjin.com')!;
    // Our own attribution stays empty: the tool's word is kept beside it, never in its place.
    expect(entry.organization).toBeUndefined();
    expect(entry.namedByTool).toEqual({ tool: 'TrackerControl', organization: 'Tenjin' });
  });

  it('keeps both names where TrackerControl and our catalogue disagree, and the report view says so', async () => {
    const result = await scored('trackercontrol-company-names.csv', 'com.example.blockpuzzle', 'android');
    const google = result.network.organisations.find((organisation) => organisation.organization === 'Google')!;
    expect(google.namedBy).toBeUndefined();
    expect(google.toolDisagreements).toEqual([{ host: 'googleads.g.doubleclick.net', namedBy: "TrackerControl's export", organization: 'Alphabet' }]);
    const entries = result.network.entries.filter((entry) => entry.organization === 'Google');
    expect(companyDataView(result, 'Google', entries).toolNames).toEqual(["googleads.g.doubleclick.net: TrackerControl's export names \u201cAlphabet\u201d; gameaudit\u2019s attribution names Google. Both are kept."]);
    // Where the tool agrees (Singular; Facebook, our Meta's product), nothing is shown twice.
    expect(result.network.organisations.find((organisation) => organisation.organization === 'Singular')!.toolDisagreements).toBeUndefined();
    expect(result.network.organisations.find((organisation) => organisation.organization === 'Meta')!.toolDisagreements).toBeUndefined();
  });

  it("reads the App Privacy Report's domainOwner as Apple's word: the same companies as ours, spelling aside", async () => {
    const result = await scored('app-privacy-report.ndjson', 'com.example.blockpuzzle', 'ios');
    expect(result.network.entries.map((entry) => [entry.host, entry.organization, entry.namedByTool?.organization])).toEqual([
      ['api.blockpuzzle.example', undefined, undefined],
      ['conversions.appsflyer.com', 'AppsFlyer', 'AppsFlyer Ltd.'],
      ['googleads.g.doubleclick.net', 'Google', 'Google LLC'],
    ]);
    expect(result.network.organisations.flatMap((organisation) => organisation.toolDisagreements ?? [])).toEqual([]);
  });

  it('counts legal forms and product names as the same company, other names as different', () => {
    expect(sameCompany('Google LLC', { organization: 'Google' })).toBe(true);
    expect(sameCompany('Vungle', { organization: 'Liftoff', product: 'Vungle' })).toBe(true);
    expect(sameCompany('Singular Labs', { organization: 'Singular' })).toBe(true);
    expect(sameCompany('Alphabet', { organization: 'Google', product: 'AdMob / Ad Manager / DoubleClick' })).toBe(false);
  });
});
