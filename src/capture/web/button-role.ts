// What a dialog button does, from its words: the same words a child reads. Decline is tested
// first so that "No thanks" or "Reject all" never counts as an accept.
import type { Button } from '../../evidence/schema.ts';

const declineWords = /(reject|decline|refuse|deny|disagree|no,? thanks|^no\b|only (the )?(necessary|essential)|(necessary|essential) only|don'?t allow|do not (allow|sell)|opt[ -]?out|not now)/i;
const acceptWords = /(accept|agree|allow|^ok(ay)?\b|got it|^yes\b|^continue\b|consent|let'?s play|i understand)/i;
const manageWords = /(manage|options|settings|preferences|customi[sz]e|more (info|choices)|learn more|choices|vendors|partners|purposes)/i;
const closeWords = /^(close|×|✕|x|dismiss)$/i;

export function buttonRole(text: string, tag: string, href: string | undefined): Button['role'] {
  const words = text.trim();
  if (declineWords.test(words)) return 'decline';
  if (acceptWords.test(words)) return 'accept';
  if (manageWords.test(words)) return 'manage';
  if (closeWords.test(words)) return 'close';
  if (tag === 'a' && href && !href.startsWith('#') && !href.startsWith('javascript:')) return 'link';
  return 'other';
}
