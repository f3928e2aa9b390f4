// Recognises what a privacy control in a game's settings is about from its label (and the plan's
// camelCase name), and whether the value it was found at is the high-privacy one. Checks use it
// when the plan gives no expectation for a control. A label we cannot place is reported as
// unknown and never scored: guessing would turn a reader's "why?" into a wrong finding.
import type { SettingControl } from '../evidence/schema.ts';

export const controlCategories = [
  'personalised-ads',
  'profile-visibility',
  'contact',
  'voice-chat',
  'location-sharing',
  'data-sharing',
  'marketing-notifications',
] as const;
export type ControlCategory = (typeof controlCategories)[number];

export const categoryDescriptions: Record<ControlCategory, string> = {
  'personalised-ads': 'personalised (behavioural) advertising',
  'profile-visibility': 'who can see the profile',
  contact: 'who can chat, message or send friend requests',
  'voice-chat': 'voice chat',
  'location-sharing': 'location sharing',
  'data-sharing': 'analytics or data sharing',
  'marketing-notifications': 'marketing notifications',
};

/** The order matters only for reading: a label can match several categories (that is "bundling"). */
const categoryPatterns: Record<ControlCategory, RegExp> = {
  'personalised-ads':
    /\b(personali[sz]ed|personali[sz]ation|behaviou?ral|targeted|interest[- ]based|tailored|relevant)\b.*\bads?\b|\bads?\b.*\b(personali[sz]ed|personali[sz]ation|tracking|targeting|behaviou?ral)\b|\bad (tracking|personali[sz]ation|targeting)\b|\b(personali[sz]ed|targeted) (advertising|adverts?)\b|\badvertising (id|tracking|personali[sz]ation)\b|\b(ads?|advertising) based on\b/,
  'profile-visibility': /\bprofile\b|\bwho can (see|view|find) (me|my)\b|\b(online status|show (me )?online|appear online|discoverable|searchable|find me by)\b/,
  contact: /\b(chat|messages?|messaging|friend requests?|whispers?|direct messages?|dms?|invites?|who can (contact|message|chat|add))\b/,
  'voice-chat': /\b(voice|mic(rophone)?) ?chat\b|\bvoice\b/,
  'location-sharing': /\blocation\b|\b(nearby|gps|geolocation|where i am)\b/,
  'data-sharing':
    /\b(analytics|usage data|diagnostics|telemetry|share (my )?data|data sharing|share .*with (partners|third parties)|improve (the )?(game|app|service)|crash reports?)\b/,
  'marketing-notifications':
    /\b(marketing|promotion(al|s)?|offers?|deals|newsletter|special events)\b|\bnews\b.*\b(notifications?|push|emails?)\b|\b(push|notifications?)\b.*\b(offers?|news|promotion(al|s)?|marketing)\b/,
};

/** Labels that describe the protective side of a switch: ON means more privacy. */
const protectiveWording =
  /\b(limit|opt[- ]?out|hide|hidden|private|don'?t|do not|never|disable|block|turn off|restrict|non[- ]?personali[sz]ed|contextual only|incognito|invisible)\b/;

const lowPrivacyValues = /^(everyone|anyone|all|all players|public|everybody|on|enabled|yes|allow(ed)?|true|personali[sz]ed|always|visible|show|shared?)$/;
const middleValues = /^(friends|friends only|friends of friends|contacts|followers|team|clan|guild|my friends|people i follow|mutual friends|while using( the app)?|approximate)$/;
const highPrivacyValues = /^(no ?one|nobody|none|off|disabled|no|deny|denied|false|only me|me only|private|hidden|hide|never|non[- ]?personali[sz]ed|contextual( only)?|not shared|don'?t share|ask every time)$/;

export type PrivacyJudgement = 'high' | 'middle' | 'low' | 'unknown';

export interface ControlClassification {
  /** Every category the label speaks of; more than one is a bundled choice. */
  categories: ControlCategory[];
  /** The category the control is scored under (the first matched), or undefined when unknown. */
  category: ControlCategory | undefined;
  judgement: PrivacyJudgement;
  /** Why the value was judged so, for a finding's message. */
  reason: string;
}

function normalise(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[_\-:()/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function categoriesOfLabel(label: string): ControlCategory[] {
  const text = normalise(label);
  const found = controlCategories.filter((category) => categoryPatterns[category].test(text));
  // "Voice chat" is its own choice; it is not also the general text-chat control.
  if (found.includes('voice-chat') && found.includes('contact') && !/\b(text|message|friend)/.test(text)) {
    return found.filter((category) => category !== 'contact');
  }
  return found;
}

/** Reads a value as on/off where it says so plainly; otherwise undefined. */
export function valueAsOnOff(value: boolean | string): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = normalise(value);
  if (/^(on|enabled|yes|true|checked|allow(ed)?)$/.test(text)) return true;
  if (/^(off|disabled|no|false|unchecked|deny|denied)$/.test(text)) return false;
  return undefined;
}

function judgeValue(value: boolean | string, protective: boolean): { judgement: PrivacyJudgement; reason: string } {
  const onOff = valueAsOnOff(value);
  if (onOff !== undefined) {
    // A protective switch ("Hide my profile") is high privacy when on; any other switch when off.
    const high = protective ? onOff : !onOff;
    return { judgement: high ? 'high' : 'low', reason: `it is ${onOff ? 'on' : 'off'}${protective ? ' and the label describes the protective side' : ''}` };
  }
  const text = normalise(String(value));
  if (highPrivacyValues.test(text)) return { judgement: 'high', reason: `"${String(value)}" is the most private choice` };
  if (middleValues.test(text)) return { judgement: 'middle', reason: `"${String(value)}" still opens the child to people beyond themselves` };
  if (lowPrivacyValues.test(text)) return { judgement: 'low', reason: `"${String(value)}" is the least private choice` };
  return { judgement: 'unknown', reason: `the value "${String(value)}" could not be placed` };
}

/** What a control is about and whether its current value is the high-privacy one. */
export function classifyControl(control: Pick<SettingControl, 'label' | 'name' | 'value'>): ControlClassification {
  let categories = categoriesOfLabel(control.label);
  if (categories.length === 0 && control.name) categories = categoriesOfLabel(control.name);
  const category = categories[0];
  if (!category) return { categories, category, judgement: 'unknown', reason: 'the label does not name a privacy choice we recognise' };
  const protective = protectiveWording.test(normalise(control.label));
  return { categories, category, ...judgeValue(control.value, protective) };
}

/** Compares a value with the plan's expectation, tolerating "On"/true and case differences. */
export function matchesExpectation(value: boolean | string, expected: boolean | string): boolean {
  if (typeof expected === 'boolean') return valueAsOnOff(value) === expected;
  const asOnOff = valueAsOnOff(expected);
  if (asOnOff !== undefined && valueAsOnOff(value) !== undefined) return valueAsOnOff(value) === asOnOff;
  return normalise(String(value)) === normalise(expected);
}
