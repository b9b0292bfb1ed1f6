/**
 * The word-level half of a compiled lexicon: which phrases of which classes start at each token,
 * with misspelt words recognised by edit distance.
 */
import type { Knowledge } from './detectLanguage';
import { allowedEdits, boundedEditDistance } from './editDistance';
import type { Lexicon } from './lexicon';
import { tokenize, type Token } from './tokenize';

/** A phrase of class `cls` (for properties: `cls` is "prop" and `key` the Graph property) `length` tokens long. */
export interface PhraseHit {
  cls: string;
  key: string;
  length: number;
  /** Index of `@cls` in the lexicon's template pre-filter, -1 when no template requires the class. */
  presenceId: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Phrases ending here; a node's depth is their length, so the hits are built once, not per sentence. */
  hits: PhraseHit[];
}

// Classes that hold names, fillers or tiny function words: correcting towards them does more harm than good.
// Nor towards short words of conversation ("good", "fine"), which would swallow names and values.
const NOT_CORRECTED = new Set([
  'nameParticle', 'isContraction', 'me', 'my', 'leadingFiller', 'trailingFiller', 'acknowledgement', 'greeting',
  'cancel', 'adminRole', 'roleNoun',
]);
/** Classes of names every language shares, whose words do not count towards a language. */
const SHARED_NAMES = new Set(['adminRole']);
const LETTERS = /^\p{L}+$/u;
const CACHE_LIMIT = 4096;

function longestFirst(a: PhraseHit, b: PhraseHit): number {
  return b.length - a.length;
}

/** Phrase lookup and spelling correction for one lexicon. */
export class Vocabulary {
  /** Every word the lexicon knows, to keep known words from being "corrected". */
  private readonly words = new Set<string>();
  /** The words that tell this language apart: all but the names' particles, which every lexicon shares. */
  private readonly ownWords = new Set<string>();
  private readonly root: TrieNode = { next: new Map(), hits: [] };
  private readonly correctable = new Map<number, string[]>();
  private readonly corrections = new Map<string, string | null>();

  /** `presenceIds` numbers the `@classes` templates require (see `Template.required`). */
  constructor(lexicon: Lexicon, extraWords: Iterable<string>, private readonly presenceIds: ReadonlyMap<string, number>) {
    for (const [cls, phrases] of Object.entries(lexicon.classes)) {
      for (const phrase of phrases) this.add(cls, phrase, phrase, !NOT_CORRECTED.has(cls));
    }
    for (const [property, phrases] of Object.entries(lexicon.properties)) {
      for (const phrase of phrases) this.add('prop', property, phrase, true);
    }
    for (const word of extraWords) this.words.add(word);
    for (const word of this.words) this.ownWords.add(word);
    for (const particle of lexicon.classes.nameParticle) {
      if (!Object.entries(lexicon.classes).some(([cls, list]) => cls !== 'nameParticle' && list.includes(particle))) {
        this.ownWords.delete(particle);
      }
    }
    // Role names are Entra's, in English whatever the language: they tell no language apart either.
    const elsewhere = new Set<string>();
    for (const [cls, phrases] of Object.entries(lexicon.classes)) {
      if (!SHARED_NAMES.has(cls)) for (const phrase of phrases) for (const t of tokenize(phrase)) elsewhere.add(t.norm);
    }
    for (const phrases of Object.values(lexicon.properties)) for (const phrase of phrases) for (const t of tokenize(phrase)) elsewhere.add(t.norm);
    for (const cls of SHARED_NAMES) {
      for (const phrase of lexicon.classes[cls] ?? []) for (const t of tokenize(phrase)) if (!elsewhere.has(t.norm)) this.ownWords.delete(t.norm);
    }
  }

  private add(cls: string, key: string, phrase: string, correctable: boolean): void {
    let node = this.root;
    const tokens = tokenize(phrase);
    for (const token of tokens) {
      this.words.add(token.norm);
      // A misspelling must be four letters or more, but may be of a three-letter word ("addd").
      if (correctable && token.norm.length >= 3 && LETTERS.test(token.norm)) {
        const bucket = this.correctable.get(token.norm.length) ?? [];
        if (!bucket.includes(token.norm)) bucket.push(token.norm);
        this.correctable.set(token.norm.length, bucket);
      }
      let child = node.next.get(token.norm);
      if (!child) node.next.set(token.norm, (child = { next: new Map(), hits: [] }));
      node = child;
    }
    node.hits.push({ cls, key, length: tokens.length, presenceId: this.presenceIds.get(`@${cls}`) ?? -1 });
  }

  /** Whether `token` is a word of this language (2), a likely misspelling of one ("blokeer", 1), or neither (0). */
  knows(token: Token): Knowledge {
    if (this.ownWords.has(token.norm)) return 2;
    const misspelt = token.kind === 'word' && !token.capitalized && token.norm.length >= 4 && LETTERS.test(token.norm)
      && !this.words.has(token.norm) && this.correct(token.norm) !== null;
    return misspelt ? 1 : 0;
  }

  /**
   * The known word `norm` is probably a misspelling of, or null. Ties go to the word listed first.
   * Short words must keep their first letter: among four- and five-letter words an edit away from a
   * known word is usually another real word ("boek" is not "zoek", "hand" is not "land").
   */
  correct(norm: string): string | null {
    const cached = this.corrections.get(norm);
    if (cached !== undefined) return cached;
    const max = allowedEdits(norm.length);
    let best: string | null = null;
    let bestDistance = max + 1;
    for (let len = norm.length - max; len <= norm.length + max && bestDistance > 1; len++) {
      for (const word of this.correctable.get(len) ?? []) {
        if (norm.length < 6 && word[0] !== norm[0]) continue;
        const d = boundedEditDistance(norm, word, Math.min(max, bestDistance - 1));
        if (d < bestDistance) [best, bestDistance] = [word, d];
      }
    }
    if (this.corrections.size >= CACHE_LIMIT) this.corrections.clear();
    this.corrections.set(norm, best);
    return best;
  }

  /** For each token, the phrases starting there, longest first. */
  annotate(tokens: readonly Token[]): PhraseHit[][] {
    const corrected: (string | null)[] = [];
    for (let i = 0; i < tokens.length; i++) corrected.push(this.correction(tokens, i, tokens[i]));
    const result: PhraseHit[][] = [];
    for (let start = 0; start < tokens.length; start++) {
      const found: PhraseHit[] = [];
      this.walk(this.root, start, tokens, corrected, found);
      if (found.length > 1) found.sort(longestFirst);
      result.push(found);
    }
    return result;
  }

  private walk(
    node: TrieNode, at: number, tokens: readonly Token[], corrected: readonly (string | null)[], found: PhraseHit[],
  ): void {
    if (at >= tokens.length) return;
    for (const spelling of [tokens[at].norm, corrected[at]]) {
      const child = spelling === null ? undefined : node.next.get(spelling);
      if (!child) continue;
      for (const hit of child.hits) found.push(hit);
      if (child.next.size) this.walk(child, at + 1, tokens, corrected, found);
    }
  }

  /** For an unknown lower-case (or sentence-initial) word, the known word it is a misspelling of. */
  private correction(tokens: readonly Token[], i: number, t: Token): string | null {
    if (t.kind !== 'word' || t.possessive || t.norm.length < 4 || this.words.has(t.norm)) return null;
    const sentenceStart = i === 0 || tokens[i - 1].kind === 'punct' || tokens[i - 1].kind === 'break';
    // Capitalised words mid-sentence are names ("Stan" is not a misspelt "stad").
    if ((t.capitalized && !sentenceStart) || !LETTERS.test(t.norm)) return null;
    return this.correct(t.norm);
  }
}
