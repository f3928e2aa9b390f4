// The Handlebars environment for every report: templates and partials from reports/, compiled
// once. Captured values are only ever output with {{…}}, which escapes them; the one unescaped
// output is our own stylesheet, whose hash the page's Content-Security-Policy allows.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { breakableHtml } from './breakable.ts';

export const reportsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reports');

export type TemplateName = 'game' | 'index' | 'published' | 'history' | 'requests';

interface Environment {
  render: Record<TemplateName, (view: object) => string>;
  css: string;
  csp: string;
}

let environment: Environment | undefined;

/** No script, no remote anything; images only from the page's own folder (or data: URLs). */
export function contentSecurityPolicy(css: string): string {
  const styleHash = createHash('sha256').update(css, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    "img-src 'self' data:",
    `style-src 'sha256-${styleHash}'`,
    "script-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function load(): Environment {
  const handlebars = Handlebars.create();
  const css = readFileSync(path.join(reportsDir, 'report.css'), 'utf8');
  handlebars.registerHelper('inlineStyles', () => new handlebars.SafeString(css));
  // {{breakable text}}: escaped, with break points only after separators (see breakable.ts).
  handlebars.registerHelper('breakable', (text: unknown) => new handlebars.SafeString(breakableHtml(String(text ?? ''))));
  handlebars.registerHelper('eq', (left: unknown, right: unknown) => left === right);
  // "1 request", "2 requests": number agreement in one place ({{numbered n "request"}}).
  handlebars.registerHelper('numbered', (count: unknown, singular: unknown, pluralForm?: unknown) =>
    `${String(count)} ${count === 1 ? String(singular) : typeof pluralForm === 'string' ? pluralForm : `${String(singular)}s`}`,
  );
  const partialsDir = path.join(reportsDir, 'partials');
  for (const file of readdirSync(partialsDir).filter((name) => name.endsWith('.hbs')).sort()) {
    handlebars.registerPartial(path.basename(file, '.hbs'), readFileSync(path.join(partialsDir, file), 'utf8'));
  }
  const compile = (name: TemplateName) => {
    const template = handlebars.compile(readFileSync(path.join(reportsDir, `${name}.hbs`), 'utf8'), { noEscape: false });
    return (view: object): string => template(view);
  };
  return { render: { game: compile('game'), index: compile('index'), published: compile('published'), history: compile('history'), requests: compile('requests') }, css, csp: contentSecurityPolicy(css) };
}

export function templates(): Environment {
  environment ??= load();
  return environment;
}
