/**
 * A lexicon made ready for parsing: phrase lookup, spelling correction and compiled templates.
 * Built once per language at start-up; parsing a sentence is then lookups and bounded backtracking.
 */
import { buildRequest, targetText } from './buildRequest';
import type { Lexicon, Rule } from './lexicon';
import { matchTemplate } from './matchTemplate';
import type { Intent, Language, Request } from './request';
import { isNameSpan, phraseAt, type Captures, type Sentence, type Span } from './sentence';
import { compileTemplate, type Template } from './template';
import { normalizeWord, type Token } from './tokenize';
import { Vocabulary } from './vocabulary';

/** Matching steps one sentence may use across all templates; ordinary requests need a few hundred. */
const STEP_BUDGET = 20_000;

/** Requests that may follow a change in the same message ("… to Lead and block him", "… en reset zijn wachtwoord"). */
const FOLLOWING: ReadonlySet<Intent> = new Set([
  'change', 'resetPassword', 'revokeSessions', 'assignLicense', 'removeLicense', 'addToGroup', 'removeFromGroup',
  'unsupported',
]);
/** Words that may open such a request after "and": a verb ("block him"), or a pronoun ("hem ook blokkeren"). */
const OPENERS = ['verb', 'set', 'disable', 'enable', 'pronoun', 'possPron'];

type Parsed = Omit<Request, 'language'>;

/** Trailing punctuation that ends a request rather than a value ("(EMEA)" keeps its bracket). */
const END_PUNCT = new Set(['.', ',', '!', '?', ';', ':', '…']);

/** One language, compiled. */
export class CompiledLexicon {
  readonly language: Language;
  readonly vocabulary: Vocabulary;
  /** Every template with its rule, in the lexicon's order. */
  private readonly entries: readonly { rule: Rule; template: Template }[];
  /** Numbers for the words and `@classes` templates require. */
  private readonly ids = new Map<string, number>();
  private readonly politeness: ReadonlySet<string>;

  constructor(private readonly lexicon: Lexicon) {
    this.language = lexicon.language;
    const classes = new Set([...Object.keys(lexicon.classes), 'prop']);
    const intern = (word: string): number => {
      if (!this.ids.has(word)) this.ids.set(word, this.ids.size);
      return this.ids.get(word)!;
    };
    this.entries = lexicon.rules.flatMap((rule) => rule.when.map((when) => ({
      rule,
      template: compileTemplate(when, classes, intern),
    })));
    const literals = this.entries.flatMap((e) => e.template.elements).flatMap((el) => (el.kind === 'words' ? el.words : []));
    this.vocabulary = new Vocabulary(lexicon, literals, this.ids);
    this.politeness = new Set(lexicon.classes.politeness.map(normalizeWord));
  }

  /** A word of politeness, in lower case or opening a sentence (a capitalised "Graag" mid-sentence is a name). */
  private isPoliteness(tokens: readonly Token[], i: number): boolean {
    const t = tokens[i];
    if (t.kind !== 'word' || !this.politeness.has(t.norm)) return false;
    return !t.capitalized || i === 0 || tokens[i - 1].kind === 'punct' || tokens[i - 1].kind === 'break';
  }

  /**
   * The sentence this lexicon sees in `tokens`, with fillers and final punctuation outside `[start, end)` and words
   * of politeness left out wherever they stand ("Werk Noah graag bij: …").
   */
  prepare(text: string, allTokens: readonly Token[]): Sentence {
    const tokens = this.politeness.size ? allTokens.filter((t, i) => !this.isPoliteness(allTokens, i)) : allTokens;
    const hits = this.vocabulary.annotate(tokens);
    const present = new Uint8Array(this.ids.size);
    for (let i = 0; i < tokens.length; i++) {
      const id = this.ids.get(tokens[i].norm);
      if (id !== undefined) present[id] = 1;
      for (const hit of hits[i]) if (hit.presenceId >= 0) present[hit.presenceId] = 1;
    }
    const s: Sentence = {
      text, tokens, hits, present, start: 0, end: tokens.length,
      possessiveWithoutApostrophe: this.lexicon.possessiveWithoutApostrophe ?? false,
      budget: { steps: 0, limit: STEP_BUDGET },
      changeCache: new Map(),
    };
    trimFillers(s);
    return s;
  }

  /**
   * The first rule whose template covers the sentence and makes a sensible request, or null. A message
   * no template covers whole may still hold one request in one of its clauses ("Kenji left the company,
   * please block his account"); a pronoun target then means the name in another clause.
   */
  match(s: Sentence): Omit<Request, 'language'> | null {
    return this.matchRange(s) ?? this.matchClause(s);
  }

  private matchClause(s: Sentence): Omit<Request, 'language'> | null {
    const { start, end } = s;
    const clauses = clauseRanges(s);
    type Found = { request: Omit<Request, 'language'>; clause: [number, number] };
    let found: Found | null = null;
    let leaving: Found | null = null;
    for (const clause of clauses.length > 1 ? clauses : []) {
      [s.start, s.end] = clause;
      trimFillers(s);
      const request = s.start < s.end ? this.matchRange(s) : null;
      // "Kenji left the company, please block his account": a leaver's clause explains the request beside it.
      if (request?.intent === 'offboard') {
        leaving ??= { request, clause };
        continue;
      }
      if (request && request.intent !== 'help') {
        found = { request, clause };
        break;
      }
    }
    found ??= leaving;
    [s.start, s.end] = [start, end];
    if (!found) return null;
    const { request, clause } = found;
    return request.target === null ? { ...request, target: nameElsewhere(s, clause) } : request;
  }

  /** `nested`: matching what follows a value, where no further request is looked for. */
  private matchRange(s: Sentence, nested = false): Parsed | null {
    for (const { rule, template } of this.entries) {
      const caps = matchTemplate(s, template);
      if (!caps) continue;
      const request = (nested ? null : this.splitFollowing(s, rule, caps)) ?? buildRequest(s, rule, caps);
      if (request) return request;
    }
    return null;
  }

  /**
   * "change the title of Noah to Lead and block him": a value that runs to the end of the message must not swallow a
   * request that follows it ("Lead and block him"). Where what follows "and", "en" or a comma is itself a request, the
   * value ends there: a further change about the same person joins the changes; anything a Request cannot carry
   * along (a password reset, a licence, another person) makes the message `unknown` rather than a wrong value.
   * Null when the value holds no such request ("Research and Development", "Head of Data and AI").
   */
  private splitFollowing(s: Sentence, rule: Rule, caps: Captures): Parsed | null {
    const last = rule.intent === 'change' ? lastValue(s, caps) : null;
    if (!last) return null;
    for (let k = last[0] + 1; k < last[1]; k++) {
      const sep = phraseAt(s, k, 'sep') || phraseAt(s, k, 'clauseSep');
      const following = sep ? this.followingRequest(s, k + sep) : null;
      if (!following) continue;
      const head = buildRequest(s, rule, cutValue(caps, last, k));
      return head ? joined(head, following) : unknown(following.target);
    }
    return null;
  }

  /** The request `[from, s.end)` makes on its own, when it opens like one ("block him", "reset his password"). */
  private followingRequest(s: Sentence, from: number): Parsed | null {
    const { start, end } = s;
    s.start = from;
    trimFillers(s);
    s.start += phraseAt(s, s.start, 'also');
    const t = s.tokens[s.start];
    const opens = s.start < s.end && t.kind === 'word' && !t.capitalized && OPENERS.some((cls) => phraseAt(s, s.start, cls));
    const request = opens ? this.matchRange(s, true) : null;
    [s.start, s.end] = [start, end];
    return request && FOLLOWING.has(request.intent) ? request : null;
  }
}

/** The span of the change value that runs to the end of the sentence, if any. */
function lastValue(s: Sentence, caps: Captures): Span | null {
  const spans = caps.changes ? caps.changes.map((c) => c.value) : [caps.value];
  const last = spans[spans.length - 1];
  return last && last[1] === s.end && last[1] - last[0] > 2 ? last : null;
}

/** The captures with the value `span` cut short at `at`. */
function cutValue(caps: Captures, span: Span, at: number): Captures {
  const cut: Span = [span[0], at];
  if (!caps.changes) return { ...caps, value: cut };
  return { ...caps, changes: caps.changes.map((c) => (c.value === span ? { ...c, value: cut } : c)) };
}

function unknown(target: string | null): Parsed {
  return { intent: 'unknown', target, changes: [], object: null };
}

const samePerson = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/** A change and the request after it as one request, or `unknown` when one Request cannot carry both. */
function joined(head: Parsed, following: Parsed): Parsed {
  const target = head.target ?? following.target;
  if (head.target && following.target && !samePerson(head.target, following.target)) return unknown(target);
  if (following.intent !== 'change' || head.intent !== 'change') return unknown(target);
  const properties = new Set(head.changes.map((c) => c.property));
  if (following.changes.some((c) => properties.has(c.property))) return unknown(target);
  return { intent: 'change', target, changes: [...head.changes, ...following.changes], object: null };
}

/** Clauses of `[s.start, s.end)`, split at the lexicon's clause separators. */
function clauseRanges(s: Sentence): [number, number][] {
  const ranges: [number, number][] = [];
  let from = s.start;
  for (let i = s.start; i < s.end; i++) {
    const sep = phraseAt(s, i, 'clauseSep');
    if (!sep) continue;
    if (i > from) ranges.push([from, i]);
    from = i + sep;
    i += sep - 1;
  }
  if (from < s.end) ranges.push([from, s.end]);
  return ranges;
}

/** The first name in the message outside the clause `[from, to)`: who "him" or "her" refers to. */
function nameElsewhere(s: Sentence, [from, to]: [number, number]): string | null {
  for (let i = s.start; i < s.end; i++) {
    if (i >= from && i < to) continue;
    let j = i;
    while (j < s.end && (j < from || j >= to) && isNameSpan(s, i, j + 1)) j++;
    if (j > i) return targetText(s, [i, j]);
  }
  return null;
}

function isEndPunct(t: Token): boolean {
  return t.kind === 'break' || (t.kind === 'punct' && END_PUNCT.has(t.text));
}

/** Moves `start` and `end` past "please", "can you", "thanks", "from now on" and stray punctuation. */
function trimFillers(s: Sentence): void {
  let { start, end } = s;
  for (let changed = true; changed && start < end;) {
    changed = false;
    // A leading "@" is a mention typed as text ("@Account Assistant block Jan"); the name is a leading filler.
    while (start < end && (isEndPunct(s.tokens[start]) || s.tokens[start].text === '-' || s.tokens[start].text === '@')) start++;
    while (end > start && isEndPunct(s.tokens[end - 1])) end--;
    const lead = phraseAt(s, start, 'leadingFiller');
    if (lead && start + lead <= end) [start, changed] = [start + lead, true];
    for (let k = Math.max(start, end - 4); k < end; k++) {
      if (phraseAt(s, k, 'trailingFiller') === end - k) {
        [end, changed] = [k, true];
        break;
      }
    }
  }
  s.start = start;
  s.end = end;
}
