// A web page's UI tree is kept as evidence, but the captured HTML is the game's: its scripts, ad
// tags and inline handlers would run, and load from the network (carrying the advertising id),
// for whoever opens the file from a report. So the snapshot is stored as text: the HTML escaped
// inside <pre>, in a page whose Content-Security-Policy allows nothing to load or run. Every
// character of the tree is still there to read; none of it is markup any more.

/** No script, no network, no frames, no forms; only the page's own inline style. */
export const snapshotCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function inertHtmlSnapshot(capturedHtml: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${snapshotCsp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<title>UI tree snapshot (the captured HTML, shown as text)</title>',
    '<style>body{font:14px/1.4 system-ui,sans-serif;margin:1rem}pre{white-space:pre-wrap;overflow-wrap:anywhere;font:12px/1.4 ui-monospace,monospace}</style>',
    '</head><body>',
    "<h1>UI tree snapshot</h1><p>The page's HTML as gameaudit captured it, shown as text: nothing in it runs or loads.</p>",
    `<pre>${escapeHtml(capturedHtml)}</pre>`,
    '</body></html>',
    '',
  ].join('\n');
}
