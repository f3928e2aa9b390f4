// The files table of a report says what opening a file shows where a reader could expect otherwise.
/**
 * What opening a file shows, where a reader could expect otherwise: a UI-tree snapshot of a web
 * page is stored inert (its HTML escaped as text under a CSP that lets nothing load or run), so the
 * link opens the page's markup, never the live page.
 */
export function evidenceFileNote(file: string): string | undefined {
  if (/^screens\/[^/]+\.html$/.test(file)) return "the page's HTML, shown as text: nothing in it runs or loads";
  if (/^screens\/[^/]+\.xml$/.test(file)) return 'the page source as Appium gave it (XML)';
  return undefined;
}
