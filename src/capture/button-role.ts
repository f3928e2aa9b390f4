// What a consent dialog's button does, from the words a child reads on it. One classifier for the
// web and for native screens (Android, iOS), so the same words never get two roles: the corpus
// of real consent-platform wordings in test/fixtures/consent/cmp-button-texts.json holds it to that.
//
// The order of the tests is the point:
// 1. buttons that lead to settings even though they start with "No" ("No, take me to settings");
// 2. declines, before accepts, because many declines contain an accept word
//    ("Do not consent", "Continue without accepting", "Accept only necessary cookies");
// 3. "save my choices" buttons ("Confirm choices", "Save & play"): they save the boxes as shown. On
//    a screen whose boxes came ticked they accept what was ticked for the child, so they are an
//    accept; on a manage screen with nothing ticked they are the decline step; anywhere else the
//    tool does not know what the boxes say, so they are "other";
// 4. accepts (after the words that open the options: "Manage consent"), 5. manage, 6. close; links only where the markup says the button leaves the dialog.
//
// System permission prompts (Android's permission controller, iOS alerts) keep small tables of
// their own (android/permission-dialog.ts, ios/permission-alert.ts): there "Cancel" refuses the
// permission, while in a consent dialog it only closes a panel without answering.
import type { Button } from '../evidence/schema.ts';

export type ButtonRole = Button['role'];

export interface ButtonContext {
  /** The screen the button is on: the dialog as first shown, or the options a "manage" button opened. */
  screen?: 'first' | 'manage';
  /** Whether any box on that screen was ticked before the child touched it: saving them as shown accepts those. */
  boxesTicked?: boolean;
  /** Web only: the element's tag and href, to tell a real link from a button. */
  tag?: string;
  href?: string;
}

/** Lower case, one space, straight apostrophes, no arrows or trailing punctuation around the words. */
export function normaliseButtonText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[→›»>←‹«<]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.!:]+|[\s.!:]+$/g, '');
}

const toSettings = /^no,? (take me|go) to (the )?(settings|options|preferences)|^(no,? )?let me (choose|decide)/;

const decline = new RegExp(
  [
    '\\b(reject|decline|refuse|deny|disagree|object)\\b',
    "\\b(do not|don't|dont|i do not|i don't) (consent|accept|agree|allow|sell|share)",
    '\\bwithout (accepting|agreeing|consent(ing)?)\\b',
    '\\bopt[ -]?out\\b',
    '^no(,? thanks?| thank you)?$',
    '^no,? (i )?(do not|don\'t)',
    '^not now$',
    '^(maybe )?later$',
    '\\bonly (the )?(strictly )?(necessary|essential|required|functional)\\b',
    '\\b(strictly )?(necessary|essential|required|functional)( cookies)? only\\b',
    '^(accept|allow|use) (the )?(strictly )?(necessary|essential|required)( cookies)?$',
    '^(strictly )?(necessary|essential|required)( cookies)?$',
    '\\bask (app )?not to track\\b',
  ].join('|'),
);

const saveChoices = /^(confirm|save|submit)( (my|your|the))? (choices?|selection|preferences|settings|and exit|& exit|services)$|^(save|confirm|submit)$|^(save|confirm) (&|and) (exit|close)$|^allow selection$|^accept (selected|selection|my selection)$|^(save|confirm) (&|and) (play|continue|start)$/;

// Words that open the options even when they also name consent ("Manage consent", "Consent settings").
const opensOptions = /^(manage|customi[sz]e|change|edit|adjust|review|set)\b|\b(settings|preferences|options)$/;

const accept = new RegExp(
  [
    '\\b(accept|agree|allow|consent)\\b',
    '^(ok|okay)\\b',
    '^got it\\b',
    '^yes\\b',
    '^i understand\\b',
    '^continue\\b',
    "^let's (play|go)\\b",
    '^(sounds good|fine by me|i\'m ok with that|that\'s ok)\\b',
    '^enable all\\b',
  ].join('|'),
);

const manage = /\b(manage|options|settings|preferences|customi[sz]e|choices|purposes|set cookies)\b|^(more|further) (info(rmation)?|details)$|^(learn|read|find out) more\b|^(view|show) (cookies|details|purposes)$|^change (my )?(settings|choices)$|^(cookie|privacy) (settings|preferences|choices)$/;

const close = /^(close|dismiss|cancel|hide( this| cookie)? (message|banner|notice)|x|×|✕|✖)$|^close (this )?(dialog|notice|banner|message)$/;

const information = /\b(privacy|cookie) (policy|notice|statement)\b|^(terms|terms of (use|service))$|^(vendors|partners|(list of|our|view|see) (vendors|partners))$/;

/** A role for the button's words; `context.screen` matters only for "save my choices" buttons. */
export function buttonRole(text: string, context: ButtonContext = {}): ButtonRole {
  const words = normaliseButtonText(text);
  const isLink = context.tag === 'a' && Boolean(context.href) && !context.href!.startsWith('#') && !context.href!.startsWith('javascript:');
  if (!words) return isLink ? 'link' : 'other';
  if (toSettings.test(words)) return 'manage';
  if (decline.test(words)) return 'decline';
  if (saveChoices.test(words)) return context.boxesTicked ? 'accept' : context.screen === 'manage' ? 'decline' : 'other';
  if (information.test(words)) return 'link';
  if (opensOptions.test(words)) return 'manage';
  if (accept.test(words)) return 'accept';
  if (manage.test(words)) return isLink && /\bmore\b/.test(words) ? 'link' : 'manage';
  if (close.test(words)) return 'close';
  return isLink ? 'link' : 'other';
}
