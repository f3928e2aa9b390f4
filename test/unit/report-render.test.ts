import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError, UserError } from '../../src/errors.ts';
import { renderGame, renderGameHtml } from '../../src/report/render-game.ts';
import { renderRun } from '../../src/report/render-run.ts';
import { reportsDir } from '../../src/report/templates.ts';
import { demoRunDir, hostileRunDir } from '../fixtures/results/generate.ts';
import { hostile } from '../fixtures/results/games.ts';
import { copyRun } from '../fixtures/results/temp-run.ts';

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(path.join(dir, entry.name)) : entry.name.endsWith('.hbs') ? [path.join(dir, entry.name)] : [],
  );
}

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  if (!match?.[1]) throw new Error('no CSP meta');
  // Handlebars escapes ' and = in attributes; the browser decodes them back.
  return match[1].replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
}

describe('per-game report', () => {
  const run = copyRun(demoRunDir, hostileRunDir);
  const leaky = renderGameHtml(path.join(run, 'demo-leaky', 'web'));

  it('has every section a reader expects, with real content', () => {
    for (const heading of ['The 15 standards at a glance', 'What each test found', 'Timeline of the capture', 'Privacy settings', 'Permissions and location', 'Companies the game contacted', 'Consent dialog', 'Investigators’ findings', 'How this was tested, and its limits', 'Evidence files and their hashes'])
      expect(leaky).toContain(`>${heading}</h2>`);
    expect(leaky).toContain('Leaky Llama Jump');
    expect(leaky).toContain('investigator-7');
    expect(leaky).toMatch(/2026-11-20 09:14:03 UTC/);
    // All 15 standards appear in the glance table.
    for (let number = 1; number <= 15; number += 1) expect(leaky).toContain(`id="standard-${number}"`);
    // Status in words and with a shape, not colour alone.
    expect(leaky).toMatch(/<span class="badge tone-bad"><span class="icon" aria-hidden="true">✖<\/span>Does not conform<\/span>/);
    // The consent dialog's buttons with sizes.
    expect(leaky).toContain('332 × 64 px');
    expect(leaky).toContain('112 × 18 px');
    // Settings: default and most private value side by side.
    expect(leaky).toMatch(/Who can see my profile<\/th><td>Privacy<\/td><td>Everyone<\/td><td>Only me<\/td>/);
    // Overrule shown beside the automatic result.
    // The overrule in the one wording every output uses (investigator-words.ts).
    expect(leaky).toContain('<span class="overrule">Does not conform: set by A. Investigator, 2026-11-21 10:05:00 UTC; automatic result: Concerns</span>');
  });

  it('links each finding to its evidence on the same page', () => {
    const ids = new Set([...leaky.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]));
    const links = [...leaky.matchAll(/ href="#([^"]+)"/g)].map((match) => match[1]);
    expect(links).toContain('entry-3');
    expect(links).toContain('screen-screens-launch-png');
    expect(links).toContain('event-ev-2');
    expect(links).toContain('setting-personalisedads');
    for (const link of links) expect(ids.has(link), `#${link} has a target`).toBe(true);
    expect(ids.size).toBe([...leaky.matchAll(/ id="([^"]+)"/g)].length);
  });

  it('carries a CSP that allows only its own stylesheet and no script, and loads nothing remote', () => {
    const csp = cspOf(leaky);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("img-src 'self' data:");
    const style = /<style>([\s\S]*?)<\/style>/.exec(leaky)?.[1] ?? '';
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(leaky).not.toMatch(/<script/i);
    expect(leaky).not.toMatch(/ style="/);
    expect(leaky).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('escapes everything captured: hostile text is shown literally and never as markup', () => {
    const html = renderGameHtml(path.join(run, 'demo-hostile', 'web'));
    expect(html).not.toContain(hostile.script);
    expect(html).not.toContain(hostile.img);
    expect(html).not.toContain('</style><style>');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss-script&quot;)&lt;/script&gt;');
    expect(html).toContain('{{constructor.constructor &quot;alert(1)&quot;}}');
    // Links to evidence files leave the bundle for nothing: no traversal, no scheme.
    expect(html).not.toMatch(/href="[^"#]*\.\.\//);
    expect(html).toContain('Warning: the evidence behind this report did not pass its integrity check.');
  });

  it('says "simulated device" when the device was simulated', () => {
    const simulated = copyRun(demoRunDir);
    const bundle = path.join(simulated, 'demo-careful', 'web');
    const result = JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')) as { device: object };
    result.device = { kind: 'simulated', name: 'Appium fake driver (Pixel 7 model)' };
    writeFileSync(path.join(bundle, 'result.json'), JSON.stringify(result));
    const html = renderGameHtml(bundle);
    expect(html).toContain('<dt>Device</dt><dd>Simulated device, no phone or emulator (Appium fake driver (Pixel 7 model))</dd>');
    expect(html).toContain('The device was simulated');
  });

  it('warns at the top when a real device ran with --allow-unreadable-https', () => {
    const run = copyRun(demoRunDir);
    const bundle = path.join(run, 'demo-careful', 'web');
    expect(renderGameHtml(bundle)).not.toContain('this device ran without a CA it trusts');
    const result = JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')) as { observations: { notes: string[] } };
    result.observations.notes.push('Run with --allow-unreadable-https and no device CA (--ca-dir): the device may not trust the capture proxy, so HTTPS traffic may be unreadable and checks may not have seen what was sent.');
    writeFileSync(path.join(bundle, 'result.json'), JSON.stringify(result));
    const html = renderGameHtml(bundle);
    expect(html).toContain('<strong>Warning: this device ran without a CA it trusts.</strong> Run with --allow-unreadable-https and no device CA (--ca-dir)');
    expect(html.indexOf('this device ran without a CA it trusts')).toBeLessThan(html.indexOf('<dl class="facts">'));
  });

  it('names the Chromium build that ran a web game, and renders results written before builds were recorded', () => {
    const run = copyRun(demoRunDir);
    const bundle = path.join(run, 'demo-careful', 'web');
    expect(renderGameHtml(bundle)).toContain('<dt>Device</dt><dd>Pixel 7, emulated in Chromium 156.0.8078.79</dd>');
    const result = JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')) as { device: object };
    result.device = { ...result.device, browserBuild: 'chromium-headless-shell' };
    writeFileSync(path.join(bundle, 'result.json'), JSON.stringify(result));
    expect(renderGameHtml(bundle)).toContain('<dt>Device</dt><dd>Pixel 7, emulated in Chromium 156.0.8078.79 (chromium-headless-shell)</dd>');
  });

  it('warns, above the comparison, when a re-capture was made differently from the earlier capture', () => {
    const run = copyRun(demoRunDir);
    const bundle = path.join(run, 'demo-careful', 'web');
    const result = JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')) as Record<string, unknown>;
    const previous = {
      bundle: '/runs/earlier/demo-careful/web',
      manifestSha256: null,
      startedAt: '2026-11-01T10:00:00.000Z',
      recapturedFor: 'default-settings.high-privacy',
      phases: ['launch', 'consent', 'settings'],
      outcomes: [{ check: 'default-settings.high-privacy', standard: 7, outcome: 'pass' }],
      organisationsAdded: [],
      organisationsRemoved: [],
      settingsChanged: [],
    };
    // A result written before capture changes were recorded: no warning, the rest as before.
    writeFileSync(path.join(bundle, 'result.json'), JSON.stringify({ ...result, previous }));
    const older = renderGameHtml(bundle);
    expect(older).toContain('What changed since the earlier capture');
    expect(older).not.toContain('The two captures were not made the same way');

    const captureChanges = [
      { aspect: 'browser build', before: null, after: 'chromium-headless-shell' },
      { aspect: 'browser version', before: '150.0.7871.100', after: '156.0.8078.79' },
    ];
    writeFileSync(path.join(bundle, 'result.json'), JSON.stringify({ ...result, previous: { ...previous, captureChanges } }));
    const html = renderGameHtml(bundle);
    expect(html).toContain('<strong>The two captures were not made the same way</strong>, so a difference below may come from how the game was captured rather than from the game itself.');
    expect(html).toContain('<tr><th scope="row">Browser build</th><td>Not recorded</td><td>chromium-headless-shell</td></tr>');
    expect(html).toContain('<tr><th scope="row">Browser version</th><td>150.0.7871.100</td><td>156.0.8078.79</td></tr>');
    // The warning comes before the outcomes it qualifies.
    expect(html.indexOf('not made the same way')).toBeLessThan(html.indexOf('Outcome of each test the new capture covers'));
  });

  it('still renders a result written before observations existed, saying what is missing', () => {
    const older = copyRun(demoRunDir);
    const bundle = path.join(older, 'demo-leaky', 'web');
    const result = JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')) as { observations?: unknown };
    delete result.observations;
    writeFileSync(path.join(bundle, 'result.json'), JSON.stringify(result));
    const html = renderGameHtml(bundle);
    expect(html).toContain('This result holds no timeline.');
    expect(html).toContain('This result holds no settings.');
    expect(html).toContain('re-score the bundle to add them');
    // The network evidence still works without observations.
    expect(html).toContain('<tr id="entry-3">');
  });

  it('uses no triple-stash in any template', () => {
    for (const file of templateFiles(reportsDir)) expect(readFileSync(file, 'utf8'), file).not.toContain('{{{');
  });

  it('refuses a missing or invalid result.json, naming the file and field', async () => {
    const bad = copyRun(demoRunDir);
    const bundle = path.join(bad, 'demo-leaky', 'web');
    const result = JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')) as { checks: { outcome: string }[] };
    (result.checks[0] as { outcome: string }).outcome = 'maybe';
    writeFileSync(path.join(bundle, 'result.json'), JSON.stringify(result));
    await expect(renderGame(bundle)).rejects.toThrow(InputFileError);
    await expect(renderGame(bundle)).rejects.toThrow(/result\.json: field checks\.0\.outcome/);
    await expect(renderRun(bad)).rejects.toThrow(/demo-leaky\/web\/result\.json/);
    await expect(renderGame(path.join(bad, 'nowhere'))).rejects.toThrow(/nowhere\/result\.json: file not found/);
    await expect(renderRun(path.join(bad, 'demo-careful', 'web', 'screens'))).rejects.toThrow(UserError);
  });
});
