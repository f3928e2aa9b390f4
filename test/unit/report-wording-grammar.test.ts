// Grammar of generated prose (issue 21, item 19): the platform said once, never nested in brackets.
import { describe, expect, it } from 'vitest';
import { titleWithPlatform } from '../../src/report/format.ts';
import { pdfHeader } from '../../src/report/pdf-header.ts';

// The demo programme's titles (audits/demo/demo-leaky.yaml, demo-android.yaml).
describe('the platform beside a title', () => {
  it('is not repeated when the title names it', () => {
    expect(titleWithPlatform('Leaky Runner (demo, Android)', 'android')).toBe('Leaky Runner (demo, Android)');
  });

  it('is not nested in a second pair of brackets in the PDF header', () => {
    const header = pdfHeader({ game: { id: 'demo-leaky', title: 'Star Catcher Party (demo)', publisher: 'Demo Games' }, platform: 'web', bundle: { startedAt: '2026-12-02T05:42:31.000Z' } as never }, '2026-12-02T0542Z-demo');
    expect(header).toBe('Star Catcher Party (demo) (Web, mobile browser) · run 2026-12-02T0542Z-demo · captured 2026-12-02');
  });
});
