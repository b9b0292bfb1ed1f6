/**
 * Matches one compiled template against a sentence by backtracking over where each slot ends.
 * Slots are bounded (a name is at most a few tokens), a slot only ends where the next element can
 * start, and all templates of a sentence share one step budget, so even a 2,000-character message
 * costs a bounded amount of work.
 */
import { readChanges, readClears, type Alternative } from './changeList';
import {
  isNameSpan, isNameThenPronoun, isObjectSpan, isPlainSPossessive, isTargetSpan, MAX_NAME_TOKENS, MAX_OBJECT_TOKENS,
  phraseAt, type Captures, type Sentence,
} from './sentence';
import type { ChangeableProperty } from './request';
import type { Element, SlotKind, Template } from './template';
import type { PhraseHit } from './vocabulary';

type WordsElement = Extract<Element, { kind: 'words' }>;

interface Run {
  s: Sentence;
  elements: readonly Element[];
}

/** Captures of the first way `template` covers the whole sentence, or null. */
export function matchTemplate(s: Sentence, template: Template): Captures | null {
  const { required } = template;
  for (let i = 0; i < required.length; i++) if (!s.present[required[i]]) return null;
  return step({ s, elements: template.elements }, 0, s.start, {});
}

function classMatches(el: WordsElement, hit: PhraseHit): boolean {
  for (const c of el.classes) if (c.cls === hit.cls && (!c.key || c.key === hit.key)) return true;
  return false;
}

/** Whether `el` matches at `at`: one of its words, or a phrase of one of its classes. */
function wordsMatch(s: Sentence, el: WordsElement, at: number): boolean {
  if (at >= s.end) return false;
  if (el.words.includes(s.tokens[at].norm)) return true;
  for (const hit of s.hits[at]) if (at + hit.length <= s.end && classMatches(el, hit)) return true;
  return false;
}

/** A cheap test whether element `i` could start at `at`; used to choose where slots and skips may end. */
function couldStart(run: Run, i: number, at: number): boolean {
  const el = run.elements[i];
  if (el === undefined) return at === run.s.end;
  switch (el.kind) {
    case 'words': return el.optional || wordsMatch(run.s, el, at);
    case 'changes':
    case 'clears':
      // Every change starts with a property word, after at most a pronoun and two articles.
      for (let k = at; k < at + 4 && k < run.s.end; k++) if (phraseAt(run.s, k, 'prop')) return true;
      return false;
    default: return at < run.s.end;
  }
}

function step(run: Run, i: number, pos: number, caps: Captures): Captures | null {
  const { s } = run;
  if (++s.budget.steps > s.budget.limit) return null;
  if (i === run.elements.length) return pos === s.end ? caps : null;
  const el = run.elements[i];
  switch (el.kind) {
    case 'words': {
      if (pos < s.end && el.words.includes(s.tokens[pos].norm)) {
        const r = step(run, i + 1, pos + 1, caps);
        if (r) return r;
      }
      // Hits are longest first, so "job title" is tried before "title".
      for (const hit of pos < s.end ? s.hits[pos] : []) {
        if (pos + hit.length > s.end || !classMatches(el, hit)) continue;
        const next = hit.cls === 'prop' ? { ...caps, property: hit.key as ChangeableProperty } : caps;
        const r = step(run, i + 1, pos + hit.length, next);
        if (r) return r;
      }
      return el.optional ? step(run, i + 1, pos, caps) : null;
    }
    case 'skip':
      if (i === run.elements.length - 1) return step(run, i + 1, s.end, caps);
      for (let p = pos; p <= s.end; p++) {
        // Every position looked at counts against the budget, so long input cannot loop for long.
        if (++s.budget.steps > s.budget.limit) return null;
        if (!couldStart(run, i + 1, p)) continue;
        const r = step(run, i + 1, p, caps);
        if (r) return r;
      }
      return null;
    case 'slot':
      return fillSlot(run, i, pos, caps, el.slot, el.greedy);
    case 'changes':
      return tryAlternatives(run, i, readChanges(s, pos, caps, el.link));
    case 'clears':
      return tryAlternatives(run, i, readClears(s, pos, caps));
  }
}

function tryAlternatives(run: Run, i: number, alternatives: readonly Alternative[]): Captures | null {
  for (const alt of alternatives) {
    const r = step(run, i + 1, alt.end, alt.caps);
    if (r) return r;
  }
  return null;
}

/** Whether `[from, to)` may fill a slot of this kind. */
function fits(s: Sentence, slot: SlotKind, from: number, to: number): boolean {
  switch (slot) {
    case 'target': return isTargetSpan(s, from, to, false);
    case 'name': return isNameSpan(s, from, to) && !s.tokens[to - 1].possessive;
    case 'possessiveTarget':
      // "my title" is the speaker's; "Fatima's title" or Dutch "Anouks functie" someone else's.
      return (to - from === 1 && (phraseAt(s, from, 'my') === 1 || phraseAt(s, from, 'possPron') === 1))
        || isNameThenPronoun(s, from, to)
        || (isTargetSpan(s, from, to, true) && (s.tokens[to - 1].possessive || isPlainSPossessive(s, from, to)));
    case 'object': return isObjectSpan(s, from, to);
    case 'product': return phraseAt(s, from, 'product') > 0 && isObjectSpan(s, from, to);
    case 'value': return to > from;
  }
}

function fillSlot(run: Run, i: number, pos: number, caps: Captures, slot: SlotKind, greedy: boolean): Captures | null {
  const { s } = run;
  const object = slot === 'object' || slot === 'product';
  const key = slot === 'value' ? 'value' : object ? 'object' : 'target';
  const longest = Math.min(s.end - pos, slot === 'value' ? Infinity : object ? MAX_OBJECT_TOKENS : MAX_NAME_TOKENS);
  // When nothing follows, the slot takes the rest of the sentence; no need to try shorter spans.
  const last = i === run.elements.length - 1;
  for (let k = last ? longest : 1; k <= longest; k++) {
    const n = greedy && !last ? longest + 1 - k : k;
    if (++s.budget.steps > s.budget.limit) return null;
    if (!couldStart(run, i + 1, pos + n) || !fits(s, slot, pos, pos + n)) continue;
    const captured: Captures = { ...caps, [key]: [pos, pos + n] };
    if (slot === 'possessiveTarget') captured.targetIsPossessive = true;
    const r = step(run, i + 1, pos + n, captured);
    if (r) return r;
  }
  return null;
}
