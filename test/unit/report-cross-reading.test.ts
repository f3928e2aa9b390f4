// The report's consent section says the dialog was read two ways and whether the readings agree.
// The demo fixture run (test/fixtures/results/demo-run, the leaky game's web result) is given a
// second reading of its consent dialog as a capture records it (src/capture/screen-cross-reading.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGameHtml } from '../../src/report/render-game.ts';
import { demoRunDir } from '../fixtures/results/generate.ts';
import { copyRun } from '../fixtures/results/temp-run.ts';

function leakyWithReading(reading: object): string {
  const bundle = path.join(copyRun(demoRunDir), 'demo-leaky', 'web');
  const file = path.join(bundle, 'result.json');
  const result = JSON.parse(readFileSync(file, 'utf8')) as { observations: { consentDialogs: Array<Record<string, unknown>> } };
  result.observations.consentDialogs[0]!.screenModelReading = reading;
  writeFileSync(file, JSON.stringify(result));
  return renderGameHtml(bundle);
}

const buttons = [
  { text: 'Accept all', role: 'accept', bounds: { x: 33, y: 487, width: 293, height: 60 }, source: 'ocr' },
  { text: 'Manage options', role: 'manage', bounds: { x: 133, y: 567, width: 93, height: 20 }, source: 'ocr' },
];

describe('the consent section, read two ways', () => {
  it('says the two readings agree when they do', () => {
    const html = leakyWithReading({ screenshot: 'screens/consent.png', comparedWith: 'dom', dialogFound: true, buttons, agrees: true, disagreements: [] });
    expect(html).toContain('<h4>Read two ways</h4>');
    expect(html).toContain("The dialog was read two ways: from the web page&#x27;s structure (its DOM), which the findings use, and again from the screenshot as the tool reads games drawn by an engine (the words the page gives plus text read by OCR from the pixels). The two readings agree: the same 2 buttons, each with the same role.");
  });

  it('lists each difference when they do not', () => {
    const html = leakyWithReading({
      screenshot: 'screens/consent.png',
      comparedWith: 'dom',
      dialogFound: true,
      buttons: buttons.slice(0, 1),
      agrees: false,
      disagreements: ['The DOM has the button "Manage options" (manage) that the screen model does not show.'],
    });
    expect(html).toContain('The two readings differ:</p><ul><li>The DOM has the button &quot;Manage options&quot; (manage) that the screen model does not show.</li></ul>');
  });

  it('says nothing of a second reading when the result holds none', () => {
    expect(renderGameHtml(path.join(copyRun(demoRunDir), 'demo-leaky', 'web'))).not.toContain('Read two ways');
  });
});
