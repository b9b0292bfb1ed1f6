/**
 * Which property a spreadsheet's "property" cell names: a Graph name ("jobTitle") or a label people write in English
 * or Dutch ("job title", "functie", "mobiel"). Built from the lexicons' own property words, so the chat and a bulk
 * file understand the same names; a few column-style labels for sign-in are added here ("blocked", "sign-in").
 */
import { LEXICONS } from '../language/lexicons';
import { CHANGEABLE_PROPERTIES, type ChangeableProperty } from '../language/request';
import { normalizeWord } from '../language/tokenize';

export interface PropertyName {
  property: ChangeableProperty;
  /**
   * The label asks the opposite of accountEnabled ("blocked", "geblokkeerd"): a yes/no value then means
   * "yes, blocked", i.e. accountEnabled false.
   */
  negated: boolean;
}

/** Column-style labels for sign-in that no sentence uses as a property word. */
const SIGN_IN_LABELS = [
  'sign-in', 'sign in', 'signin', 'sign-in allowed', 'sign-in enabled', 'login', 'log-in', 'account enabled', 'enabled',
  'aanmelden', 'inloggen', 'aanmelden toegestaan', 'account ingeschakeld', 'ingeschakeld',
];
const BLOCKED_LABELS = [
  'blocked', 'block sign-in', 'block sign in', 'sign-in blocked', 'blocksignin', 'account blocked', 'account disabled',
  'disabled', 'geblokkeerd', 'aanmelden blokkeren', 'aanmelden geblokkeerd', 'account geblokkeerd', 'blokkeren',
];

/** Lower case, accents folded, separators (space, `-`, `_`, `.`, `/`) dropped: "Job_Title" and "job title" meet. */
export function propertyKey(label: string): string {
  return normalizeWord(label.normalize('NFC').trim()).replace(/[\s\-_./:]+/g, '');
}

function buildTable(): ReadonlyMap<string, PropertyName> {
  const table = new Map<string, PropertyName | null>();
  const add = (label: string, name: PropertyName): void => {
    const key = propertyKey(label);
    if (!key) return;
    const known = table.get(key);
    if (known === undefined) table.set(key, name);
    // Two properties claim the same label: it names neither (a bulk file must not guess).
    else if (known !== null && (known.property !== name.property || known.negated !== name.negated)) table.set(key, null);
  };
  for (const property of CHANGEABLE_PROPERTIES) add(property, { property, negated: false });
  for (const lexicon of LEXICONS) {
    for (const property of CHANGEABLE_PROPERTIES) {
      for (const phrase of lexicon.properties[property] ?? []) add(phrase, { property, negated: false });
    }
  }
  for (const label of SIGN_IN_LABELS) add(label, { property: 'accountEnabled', negated: false });
  for (const label of BLOCKED_LABELS) add(label, { property: 'accountEnabled', negated: true });
  const result = new Map<string, PropertyName>();
  for (const [key, name] of table) if (name) result.set(key, name);
  return result;
}

let table: ReadonlyMap<string, PropertyName> | undefined;

/** The property a label names, or null when it names none (or more than one). */
export function propertyFromLabel(label: string): PropertyName | null {
  table ??= buildTable();
  return table.get(propertyKey(label)) ?? null;
}

/** Yes/no words: their meaning flips under a negated label ("blocked: yes"). */
const YES = new Set(['yes', 'y', 'ja', 'j', 'true', 'waar', '1', 'on', 'aan']);
const NO = new Set(['no', 'n', 'nee', 'false', 'onwaar', '0', 'off', 'uit']);

let states: ReadonlyMap<string, boolean> | undefined;

/** State words from the lexicons ("enabled", "blocked", "geblokkeerd", "actief"): their meaning never flips. */
function stateWords(): ReadonlyMap<string, boolean> {
  if (states) return states;
  const map = new Map<string, boolean | null>();
  const add = (word: string, value: boolean): void => {
    const key = normalizeWord(word.trim());
    if (YES.has(key) || NO.has(key)) return;
    const known = map.get(key);
    map.set(key, known === undefined || known === value ? value : null);
  };
  for (const lexicon of LEXICONS) {
    for (const word of lexicon.classes.enabled) add(word, true);
    for (const word of lexicon.classes.disabled) add(word, false);
  }
  const result = new Map<string, boolean>();
  for (const [key, value] of map) if (value !== null) result.set(key, value);
  return (states = result);
}

/**
 * accountEnabled as a boolean from a spreadsheet cell, or null when the cell is not a sign-in word
 * (the caller keeps the text, and the planner rejects it with its own message).
 */
export function accountEnabledValue(cell: string, negated: boolean): boolean | null {
  const key = normalizeWord(cell.normalize('NFC').trim());
  if (YES.has(key)) return !negated;
  if (NO.has(key)) return negated;
  return stateWords().get(key) ?? null;
}
