/**
 * A lexicon made ready for parsing: phrase lookup, spelling correction and compiled templates.
 * Built once per language at start-up; parsing a sentence is then lookups and bounded backtracking.
 */
import { buildRequest, targetText } from './buildRequest';
import type { Lexicon, Rule } from './lexicon';
import { matchTemplate } from './matchTemplate';
import type { Language, Request } from './request';
import { isNameSpan, phraseAt, type Sentence } from './sentence';
import { compileTemplate, type Template } from './template';
import type { Token } from './tokenize';
import { Vocabulary } from './vocabulary';

/** Matching steps one sentence may use across all templates; ordinary requests need a few hundred. */
const STEP_BUDGET = 20_000;

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
  }

  /** The sentence this lexicon sees in `tokens`, with fillers and final punctuation outside `[start, end)`. */
  prepare(text: string, tokens: readonly Token[]): Sentence {
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
    let found: { request: Omit<Request, 'language'>; clause: [number, number] } | null = null;
    for (const clause of clauses.length > 1 ? clauses : []) {
      [s.start, s.end] = clause;
      trimFillers(s);
      const request = s.start < s.end ? this.matchRange(s) : null;
      if (request && request.intent !== 'help') {
        found = { request, clause };
        break;
      }
    }
    [s.start, s.end] = [start, end];
    if (!found) return null;
    const { request, clause } = found;
    return request.target === null ? { ...request, target: nameElsewhere(s, clause) } : request;
  }

  private matchRange(s: Sentence): Omit<Request, 'language'> | null {
    for (const { rule, template } of this.entries) {
      const caps = matchTemplate(s, template);
      const request = caps && buildRequest(s, rule, caps);
      if (request) return request;
    }
    return null;
  }
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
