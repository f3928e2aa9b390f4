// Storage snapshots read localStorage for every open frame, even from a page that hides its own
// localStorage from scripts, and still find what a frame stored after that frame is gone (an ad
// closed before the phase ended).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { BrowserPool } from '../../src/capture/web/browser-pool.ts';
import { StorageSnapshots } from '../../src/capture/web/storage-snapshot.ts';
import { CaptureRecorder } from '../../src/capture/recorder.ts';
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { demoDirectory } from './fault-support.ts';

const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'storage-snapshot-'));

/** A draft with just the evidence a storage snapshot writes. */
function draft(): ConstructorParameters<typeof CaptureRecorder>[2] {
  return { storage: [], learnedIdentifiers: [] } as unknown as ConstructorParameters<typeof CaptureRecorder>[2];
}
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

// The game keeps an id, then makes window.localStorage look empty to any script reading it.
const gamePage = `<!doctype html><script>localStorage.setItem('player', 'p-1');
Object.defineProperty(window, 'localStorage', { get: () => ({ length: 0, key: () => null, getItem: () => null }) });</script>
<iframe id="ad" src="https://ads.example/frame"></iframe><iframe srcdoc="<p>blank</p>"></iframe>`;
const adFrame = `<!doctype html><script>
localStorage.setItem('ad_uid', 'a1b2c3d4e5f6');
document.cookie = 'uid=u-9f8e7d6c5b4a; Secure; SameSite=None; Max-Age=31536000; Path=/';
</script><p>ad</p>`;

it('records the game\'s (hidden from scripts) and a third-party frame\'s localStorage, also once the frame is closed, and the third-party cookie as an identifier', async () => {
  const browsers = new BrowserPool();
  try {
    const lease = await browsers.acquire('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    const context = await lease.browser.newContext();
    await context.route('**/*', (route) => {
      const url = route.request().url();
      const body = url.startsWith('https://ads.example/') ? adFrame : gamePage;
      return route.fulfill({ status: 200, contentType: 'text/html', body });
    });
    const page = await context.newPage();
    const recorder = new CaptureRecorder(new BundleWriter(bundleDir), loadPlan(path.join(demoDirectory, 'demo-leaky.yaml')), draft());
    const snapshots = new StorageSnapshots(context, ['game.example']);
    snapshots.watch(page);
    await page.goto('https://game.example/');
    expect(await page.evaluate('localStorage.length')).toBe(0);
    await expect.poll(() => page.frames().find((frame) => frame.url().startsWith('https://ads.example/'))?.evaluate("localStorage.getItem('ad_uid')")).toBe('a1b2c3d4e5f6');

    await snapshots.take(recorder);
    // The ad is closed: no frame of its origin is left to read it in.
    await page.evaluate("document.getElementById('ad').remove()");
    await snapshots.take(recorder);
    await context.close();
    await lease.release();

    expect(recorder.draft.storage).toHaveLength(2);
    for (const snapshot of recorder.draft.storage) {
      expect(snapshot.localStorage).toEqual(
        expect.arrayContaining([
          { origin: 'https://game.example', key: 'player', value: 'p-1' },
          { origin: 'https://ads.example', key: 'ad_uid', value: 'a1b2c3d4e5f6' },
        ]),
      );
      expect(snapshot.cookies.find((cookie) => cookie.name === 'uid')).toMatchObject({ domain: 'ads.example', value: 'u-9f8e7d6c5b4a' });
    }
    expect(recorder.draft.learnedIdentifiers).toContainEqual(expect.objectContaining({ kind: 'cookie:uid', value: 'u-9f8e7d6c5b4a' }));
  } finally {
    await browsers.dispose();
  }
});
