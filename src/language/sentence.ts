/**
 * A sentence prepared for matching against one lexicon, and the small questions the matcher and the
 * change extractor ask about it ("does a phrase of class X start here?", "could these tokens be a name?").
 */
import type { ChangeableProperty } from './request';
import type { Token } from './tokenize';
import type { PhraseHit } from './vocabulary';

/** Token indices `[start, end)`. */
export type Span = readonly [number, number];

/** A change whose value is still a span of tokens (`null` clears the property). */
export interface DraftChange {
  property: ChangeableProperty;
  value: Span | null;
}

/** What a template captured. */
export interface Captures {
  target?: Span;
  /** The target was written as a possessive, so Dutch "Anouks" means Anouk. */
  targetIsPossessive?: boolean;
  value?: Span;
  object?: Span;
  property?: ChangeableProperty;
  changes?: readonly DraftChange[];
}

/** Tokens plus what the lexicon found in them; matching runs over `[start, end)`, fillers excluded. */
export interface Sentence {
  text: string;
  tokens: readonly Token[];
  hits: readonly (readonly PhraseHit[])[];
  /** 1 for each interned word or `@class` present (see `Template.required`). */
  present: Uint8Array;
  /** Past leading fillers; narrowed to one clause while clauses are tried (see CompiledLexicon.match). */
  start: number;
  end: number;
  possessiveWithoutApostrophe: boolean;
  /** Matching steps taken and allowed, for all templates together: what bounds the work on hostile input. */
  budget: { steps: number; limit: number };
  /** `{changes}` readings already worked out, by position, link and whether the target is known. */
  changeCache: Map<string, ChangeReading | null>;
}

/** Changes read from a position to the end of the sentence, and the target found among them. */
export interface ChangeReading {
  changes: readonly DraftChange[];
  target?: Span;
}

/** Most tokens a person's name may have ("Eva van der Berg", "Maria de los Angeles Garcia"). */
export const MAX_NAME_TOKENS = 7;
/** Most tokens a licence or group name may have. */
export const MAX_OBJECT_TOKENS = 8;
const NAME_PUNCT = new Set(['.', '-', "'"]);

/** Length of the longest phrase of `cls` (and `key`) starting at `at`, 0 when none. */
export function phraseAt(s: Sentence, at: number, cls: string, key?: string): number {
  for (const hit of s.hits[at] ?? []) if (hit.cls === cls && (key === undefined || hit.key === key)) return hit.length;
  return 0;
}

/** The longest property phrase starting at `at`, if any. */
export function propertyAt(s: Sentence, at: number): PhraseHit | undefined {
  for (const hit of s.hits[at] ?? []) if (hit.cls === 'prop') return hit;
  return undefined;
}

/** Whether `[from, to)` can be a person: words and e-mail addresses, no clause punctuation. */
export function isTargetSpan(s: Sentence, from: number, to: number, possessiveLast: boolean): boolean {
  if (to <= from || to - from > MAX_NAME_TOKENS) return false;
  // "him", "hem" stand for a name on their own: "hem ook" is no person.
  if (!s.tokens[from].capitalized && phraseAt(s, from, 'pronoun') && to - from > 1) return false;
  for (let i = from; i < to; i++) {
    const t = s.tokens[i];
    const inner = t.kind === 'word' || t.kind === 'email' || (t.kind === 'punct' && NAME_PUNCT.has(t.text) && i > from);
    if (!inner || (t.possessive && !(possessiveLast && i === to - 1))) return false;
    // Names hold "van" and "de" but never "for", "to" or "voor" (nor a lower-case "his"): such a word ends the name.
    if (i > from && (isPreposition(s, i) || (!t.capitalized && phraseAt(s, i, 'possPron')))) return false;
    // Nor a property word or a verb, unless capitalised mid-sentence: "remove the phone number from …",
    // "delete Jan's …", "Set Priya's manager: …" (a sentence's first word is capitalised anyway).
    const plain = !t.capitalized || i === s.start;
    if (plain && t.kind === 'word' && (phraseAt(s, i, 'prop') || phraseAt(s, i, 'verb'))) return false;
  }
  // A name neither is only an article ("give a Visio licence") nor ends in a particle ("zoek Eva van der Berg op"),
  // nor in a dash ("update Jan - title = CTO": the dash separates).
  const last = s.tokens[to - 1];
  if (last.kind === 'punct' && last.text === '-') return false;
  // Nor in a separable verb's particle: "Werk Noah Peeters BIJ: …", "Pas Noah AAN: …".
  if (!last.capitalized && phraseAt(s, to - 1, 'particle')) return false;
  const dangling = phraseAt(s, to - 1, 'nameParticle') || phraseAt(s, to - 1, 'the');
  if (dangling && !last.capitalized && !last.possessive) return false;
  return !possessiveLast || s.tokens[to - 1].possessive || isPlainSPossessive(s, from, to);
}

function isPreposition(s: Sentence, at: number): boolean {
  return (phraseAt(s, at, 'of') > 0 || phraseAt(s, at, 'to') > 0) && !phraseAt(s, at, 'nameParticle');
}

/** Dutch "Anouks functie": a capitalised last word ending in -s, where the lexicon allows it. */
export function isPlainSPossessive(s: Sentence, from: number, to: number): boolean {
  const last = s.tokens[to - 1];
  return s.possessiveWithoutApostrophe && last.capitalized && last.kind === 'word' && /[^s]s$/.test(last.norm)
    && isNameSpan(s, from, to);
}

/** "Jan de Vries his title", "Jan zijn functie": a name followed by a lower-case possessive pronoun. */
export function isNameThenPronoun(s: Sentence, from: number, to: number): boolean {
  const last = s.tokens[to - 1];
  return to - from >= 2 && !last.capitalized && phraseAt(s, to - 1, 'possPron') === 1 && isNameSpan(s, from, to - 1);
}

/** Stricter than a target: every word capitalised (or a name particle such as "van der"), or an e-mail. */
export function isNameSpan(s: Sentence, from: number, to: number): boolean {
  if (to - from === 1 && phraseAt(s, from, 'me') === 1) return true;
  if (phraseAt(s, from, 'verb')) return false;
  if (!isTargetSpan(s, from, to, false) && !(s.tokens[to - 1].possessive && isTargetSpan(s, from, to, true))) return false;
  for (let i = from; i < to; i++) {
    const t = s.tokens[i];
    if (t.kind === 'email' || t.capitalized || t.kind === 'punct') continue;
    if (i === from || !phraseAt(s, i, 'nameParticle')) return false;
  }
  return true;
}

/** Whether `[from, to)` can be a licence or group name. */
export function isObjectSpan(s: Sentence, from: number, to: number): boolean {
  if (to <= from || to - from > MAX_OBJECT_TOKENS) return false;
  for (let i = from; i < to; i++) {
    const t = s.tokens[i];
    if (t.kind === 'break' || t.possessive || (t.kind === 'punct' && /[:;?!,]/.test(t.text))) return false;
    // The licence or group word follows the name: "Power BI Pro license to Lars" is not a name.
    if (!t.capitalized && (phraseAt(s, i, 'licence') || phraseAt(s, i, 'group'))) return false;
    // "give Adam Smith a Visio licence": the article belongs between the person and the licence.
    if (i > from && phraseAt(s, i, 'the') === 1) return false;
  }
  return true;
}
