// How deeply a JSON text nests, measured on the text before it is parsed. A HAR nests about ten
// levels; a file nested thousands deep is hostile or broken, and would exhaust the stack of every
// recursive step after JSON.parse (cloning, validation), so it is refused before any of them.

/** Far above any real export (Chrome's _initiator stacks reach a few dozen levels), far below the stack's limit. */
export const maxJsonNesting = 512;

/** The nesting depth of the text, counting only brackets outside strings; stops once `limit` is passed. */
export function jsonNestingDepth(text: string, limit = maxJsonNesting): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (inString) {
      if (code === 92) position++; // backslash: skip the escaped character
      else if (code === 34) inString = false;
      continue;
    }
    if (code === 34) inString = true;
    else if (code === 123 || code === 91) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === 125 || code === 93) depth--;
  }
  return deepest;
}
