/**
 * The `{changes}` and `{clears}` template elements: one or more "property [of X] [from A] to value"
 * changes, or property words to clear. A value runs until a separator that starts a new change
 * ("… to COO and his department to Operations"), so "Research & Development" and "Sales and Marketing" survive.
 */
import type { ChangeableProperty } from './request';
import {
  isNameSpan, isTargetSpan, MAX_NAME_TOKENS, phraseAt, propertyAt, type Captures, type ChangeReading, type DraftChange,
  type Sentence, type Span,
} from './sentence';
import type { LinkClass } from './template';

/** One way an element can consume tokens: where it stops and what it captured. */
export interface Alternative {
  end: number;
  caps: Captures;
}

interface Head {
  property: ChangeableProperty;
  target?: Span;
  /** The first token after the head (after the link word, if any). */
  next: number;
}

function skip(s: Sentence, at: number, cls: string, times = 1): number {
  for (let i = 0; i < times; i++) at += phraseAt(s, at, cls);
  return at;
}

/** Length of the link at `at`, allowing a Dutch particle first ("aan naar"); 0 when there is none. */
function linkAt(s: Sentence, at: number, link: LinkClass): number {
  if (link === 'none') return 0;
  // "stel … in op X": the particle goes with the verb, even where it could be a link itself ("wijzig … in X").
  const particle = phraseAt(s, at, 'particle');
  const afterParticle = particle ? phraseAt(s, at + particle, link) : 0;
  return afterParticle ? particle + afterParticle : phraseAt(s, at, link);
}

/**
 * Length of a verb followed by a link ("… van X wijzigen naar Y", "… van X gewijzigd hebben naar Y"), 0 when there
 * is none. A softener may come first: "de afdeling van X GRAAG veranderen in Y".
 */
function verbThenLink(s: Sentence, at: number, link: LinkClass): number {
  const soft = phraseAt(s, at, 'softener');
  const verb = phraseAt(s, at + soft, 'set') || phraseAt(s, at + soft, 'participle');
  const aux = verb ? phraseAt(s, at + soft + verb, 'auxiliary') : 0;
  return verb && linkAt(s, at + soft + verb + aux, link) ? soft + verb + aux : 0;
}

/** "of X" after a property word, up to the link: the target and where reading goes on, or null. */
function readOfTarget(s: Sentence, at: number, link: LinkClass): { target: Span; next: number } | null {
  // "pas de functie aan van Jan naar …": a separable particle may come before "van".
  const particle = phraseAt(s, at, 'particle');
  const p = particle && phraseAt(s, at + particle, 'of') ? at + particle : at;
  const of = phraseAt(s, p, 'of');
  if (!of) return null;
  const ofWord = s.tokens[p].norm;
  let q = p + of + 1;
  // The target ends at the link, or at "from" when that is a different word than "of" (Dutch uses "van" for both).
  for (; q < s.end && q <= p + of + MAX_NAME_TOKENS; q++) {
    if (linkAt(s, q, link) || verbThenLink(s, q, link) || (phraseAt(s, q, 'from') && s.tokens[q].norm !== ofWord)) break;
  }
  return isTargetSpan(s, p + of, q, false) ? { target: [p + of, q], next: q + verbThenLink(s, q, link) } : null;
}

/** "[his] [the] property [of X] [from A] to": the part of a change before its value. */
function readHead(s: Sentence, at: number, wantTarget: boolean, link: LinkClass): Head | null {
  let p = skip(s, skip(s, at, 'possPron'), 'det', 2);
  const hit = propertyAt(s, p);
  if (!hit) return null;
  p = skip(s, p + hit.length, 'fieldNoun');
  let target: Span | undefined;
  if (wantTarget && link !== 'none') {
    const of = readOfTarget(s, p, link);
    if (of) [target, p] = [of.target, of.next];
    else if (phraseAt(s, p, 'of')) return null; // "of" with no sensible name after it
  }
  if (phraseAt(s, p, 'from') && (link === 'to' || link === 'is')) {
    let q = p + 1;
    while (q < s.end && !linkAt(s, q, link)) q++;
    if (q < s.end) p = q;
  }
  if (link !== 'none') {
    const len = linkAt(s, p, link);
    if (!len) return null;
    p += len;
  } else if (phraseAt(s, p, 'colon')) {
    return null; // "title = CTO" is the colon reading's, not a value "= CTO"
  }
  return { property: hit.key as ChangeableProperty, target, next: p };
}

/** Where the change after a separator at `at` begins, or -1 when no new change starts there. */
function nextChangeAt(s: Sentence, at: number, link: LinkClass): number {
  const sep = s.tokens[at].kind === 'break' ? 1 : phraseAt(s, at, 'sep');
  if (!sep) return -1;
  // ", and also change his department to …"
  const p = skip(s, skip(s, skip(s, at + sep, 'sep'), 'also'), 'set');
  return readHead(s, p, false, link) ? p : -1;
}

/** A target after the last value: "… to CTO for Fatima". Returns the index of "for", or -1. */
function trailingTarget(s: Sentence, from: number, to: number): number {
  for (let k = to - 2; k > from; k--) {
    if (to - k - 1 > MAX_NAME_TOKENS) return -1;
    if (phraseAt(s, k, 'for') === 1 && isNameSpan(s, k + 1, to)) return k;
  }
  return -1;
}

/** `{changes@link}`: always runs to the end of the sentence. */
export function readChanges(s: Sentence, at: number, caps: Captures, link: LinkClass): Alternative[] {
  // Many templates end in `{changes}`; the reading from one position is the same for all of them.
  // Clauses narrow the sentence's end, and a reading runs to the end: the end is part of the key.
  const key = `${at}|${s.end}|${link}|${caps.target ? 1 : 0}`;
  let reading = s.changeCache.get(key);
  if (reading === undefined) s.changeCache.set(key, (reading = readChangeList(s, at, !caps.target, link)));
  if (!reading) return [];
  return [{ end: s.end, caps: { ...caps, target: caps.target ?? reading.target, changes: reading.changes } }];
}

/**
 * "user: Jan de Vries", "gebruiker = Jan": the person named by a label in a list of changes, as forms and
 * tickets write it. The name runs to the end or to where the next change starts. Not a property word
 * ("account: disabled" is a change).
 */
function labelledTarget(s: Sentence, at: number, link: LinkClass): { target: Span; next: number } | null {
  const noun = at < s.end && !propertyAt(s, at) ? phraseAt(s, at, 'personNoun') : 0;
  const colon = noun ? phraseAt(s, at + noun, 'colon') : 0;
  if (!colon) return null;
  const from = at + noun + colon;
  for (let to = from + 1; to <= s.end && to - from <= MAX_NAME_TOKENS; to++) {
    if (to < s.end && nextChangeAt(s, to, link) < 0) continue;
    return isTargetSpan(s, from, to, false) ? { target: [from, to], next: to } : null;
  }
  return null;
}

/** A labelled person after a separator at `at` ("…, user: Jan"), or null. */
function labelAfterSeparator(s: Sentence, at: number, link: LinkClass): { target: Span; next: number } | null {
  const sep = s.tokens[at].kind === 'break' ? 1 : phraseAt(s, at, 'sep');
  return sep ? labelledTarget(s, at + sep, link) : null;
}

function readChangeList(s: Sentence, at: number, wantTarget: boolean, link: LinkClass): ChangeReading | null {
  const changes: DraftChange[] = [];
  let target: Span | undefined;
  const leading = wantTarget ? labelledTarget(s, at, link) : null; // "user: Jan, title: CTO"
  if (leading) {
    target = leading.target;
    at = leading.next < s.end ? nextChangeAt(s, leading.next, link) : -1;
    if (at < 0) return null;
  }
  let head = readHead(s, at, wantTarget && !target, link);
  while (head) {
    target ??= head.target;
    const valueStart = head.next;
    let valueEnd = s.end;
    let next = -1;
    for (let k = valueStart + 1; k < s.end; k++) {
      next = nextChangeAt(s, k, link);
      if (next >= 0) { valueEnd = k; break; }
      const label = wantTarget && !target ? labelAfterSeparator(s, k, link) : null; // "title: CTO, user: Jan"
      if (!label) continue;
      [valueEnd, target] = [k, label.target];
      next = label.next < s.end ? nextChangeAt(s, label.next, link) : -1;
      if (label.next < s.end && next < 0) return null;
      break;
    }
    if (valueEnd <= valueStart) return null;
    changes.push({ property: head.property, value: [valueStart, valueEnd] });
    head = next >= 0 ? readHead(s, next, false, link) : null;
  }
  if (changes.length === 0) return null;
  const last = changes[changes.length - 1];
  if (wantTarget && !target && last.value) {
    const k = trailingTarget(s, last.value[0], last.value[1]);
    if (k >= 0) {
      target = [k + 1, last.value[1]];
      changes[changes.length - 1] = { ...last, value: [last.value[0], k] };
    }
  }
  return { changes, target };
}

/** `{clears}`: "[his] mobile number [and fax] [of X]"; one alternative per possible end of the target. */
export function readClears(s: Sentence, at: number, caps: Captures): Alternative[] {
  const changes: DraftChange[] = [];
  let p = skip(s, skip(s, at, 'possPron'), 'det', 2);
  for (;;) {
    const hit = propertyAt(s, p);
    if (!hit) return [];
    changes.push({ property: hit.key as ChangeableProperty, value: null });
    p = skip(s, p + hit.length, 'fieldNoun');
    const sep = phraseAt(s, p, 'sep');
    const after = sep ? skip(s, skip(s, p + sep, 'possPron'), 'det', 2) : -1;
    if (!sep || !propertyAt(s, after)) break;
    p = p + sep;
  }
  const of = caps.target ? 0 : phraseAt(s, p, 'of');
  if (!of) return [{ end: p, caps: { ...caps, changes } }];
  const alternatives: Alternative[] = [];
  for (let q = p + of + 1; q <= s.end && q <= p + of + MAX_NAME_TOKENS; q++) {
    if (isTargetSpan(s, p + of, q, false)) alternatives.push({ end: q, caps: { ...caps, changes, target: [p + of, q] } });
  }
  return alternatives;
}
