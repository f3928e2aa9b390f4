// A JSON body pretty-printed (two-space indent) as text pieces, with the values at the given
// field paths marked, so the page can highlight what the analysis matched without any markup
// inside captured text. The analysis names a field by its full path ("regs.coppa",
// "user.ext.eids[0].uids[0].id") or by its last key alone ("ifa"): both are matched.
export type MarkedText = { text: string; marked: boolean }[];

function childPath(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
}

/** Undefined when the text is not JSON (the page then shows it as captured). */
export function markedJson(text: string, fields: readonly string[]): MarkedText | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const isWanted = (at: string) => fields.some((field) => at === field || at.endsWith(`.${field}`));
  const pieces: MarkedText = [];
  const push = (piece: string, marked: boolean) => {
    const last = pieces[pieces.length - 1];
    if (last && last.marked === marked) last.text += piece;
    else pieces.push({ text: piece, marked });
  };
  const write = (node: unknown, at: string, indent: string, marked: boolean): void => {
    const mark = marked || (at !== '' && isWanted(at));
    if (Array.isArray(node) || (node !== null && typeof node === 'object')) {
      const items: [string | number, unknown][] = Array.isArray(node) ? node.map((item, position) => [position, item]) : Object.entries(node);
      const [open, close] = Array.isArray(node) ? ['[', ']'] : ['{', '}'];
      if (items.length === 0) return push(`${open}${close}`, mark);
      push(open, mark);
      items.forEach(([key, item], position) => {
        push(`\n${indent}  `, mark);
        if (typeof key === 'string') push(`${JSON.stringify(key)}: `, mark || isWanted(childPath(at, key)));
        write(item, childPath(at, key), `${indent}  `, mark);
        if (position < items.length - 1) push(',', mark);
      });
      push(`\n${indent}${close}`, mark);
      return;
    }
    push(JSON.stringify(node), mark);
  };
  write(value, '', '', false);
  return pieces;
}
