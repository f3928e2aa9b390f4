// The report's files table says what a UI-tree link opens: a web page's snapshot is stored inert
// (src/capture/web, issue 22), so the report must not let a reader expect the live page.
import { describe, expect, it } from 'vitest';
import { evidenceFileNote } from '../../src/report/evidence-file-note.ts';

describe('evidence file notes', () => {
  it('says a web snapshot is shown as text and a page source is XML, and says nothing of other files', () => {
    expect(evidenceFileNote('screens/01-launch.html')).toBe("the page's HTML, shown as text: nothing in it runs or loads");
    expect(evidenceFileNote('screens/02-consent.xml')).toBe('the page source as Appium gave it (XML)');
    expect(evidenceFileNote('screens/01-launch.png')).toBeUndefined();
    expect(evidenceFileNote('network.har')).toBeUndefined();
    expect(evidenceFileNote('imported/screens/x.html')).toBeUndefined();
  });
});
