/**
 * Which language a message is written in, from the words only one lexicon knows. Names, numbers and words
 * both languages share ("manager", "is", "in") count for neither, so a short message falls back to the locale.
 */
import type { Language } from './request';
import type { Token } from './tokenize';

/** How well a lexicon knows a word: not at all, as a likely misspelling ("blokeer"), or exactly. */
export type Knowledge = 0 | 1 | 2;

/** A language and a test for the words its lexicon knows. */
export interface LanguageWords {
  language: Language;
  knows(token: Token): Knowledge;
}

const HAS_LETTER = /\p{L}/u;

/**
 * The languages worth trying for `tokens`, most likely first: the best-scoring one (or `fallback` when
 * none scores higher), then any other language that has at least one word of its own in the message.
 * A word one lexicon knows exactly is not also counted as a misspelling for another ("toon" is not "town").
 */
export function rankLanguages(tokens: readonly Token[], lexicons: readonly LanguageWords[], fallback: Language): Language[] {
  const scores = new Array<number>(lexicons.length).fill(0);
  const known = new Array<Knowledge>(lexicons.length).fill(0);
  for (let at = 0; at < tokens.length; at++) {
    const t = tokens[at];
    if (t.kind !== 'word' || !HAS_LETTER.test(t.norm) || insideName(tokens, at)) continue;
    let best: Knowledge = 0;
    for (let i = 0; i < lexicons.length; i++) {
      known[i] = lexicons[i].knows(t);
      if (known[i] > best) best = known[i];
    }
    let knowers = 0;
    for (let i = 0; i < lexicons.length; i++) if (known[i] === best) knowers++;
    if (best === 0 || knowers === lexicons.length) continue;
    for (let i = 0; i < lexicons.length; i++) if (known[i] === best) scores[i] += best;
  }
  let top = 0;
  for (let i = 0; i < lexicons.length; i++) if (lexicons[i].language === fallback) top = i;
  for (let i = 0; i < lexicons.length; i++) if (scores[i] > scores[top]) top = i;
  const ranked = [scores[top] > 0 ? lexicons[top].language : fallback];
  for (let i = 0; i < lexicons.length; i++) if (i !== top && scores[i] > 0) ranked.push(lexicons[i].language);
  return ranked;
}

function isShortLowerWord(t: Token | undefined): boolean {
  return t?.kind === 'word' && !t.capitalized && t.text.length <= 3;
}

/**
 * A short lower-case word between capitalised ones is part of a name ("Jan de Vries", "Eva van der Berg"),
 * not a Dutch article in an English sentence.
 */
function insideName(tokens: readonly Token[], at: number): boolean {
  if (!isShortLowerWord(tokens[at]) || !tokens[at - 1]?.capitalized) return false;
  let next = at + 1;
  while (next < at + 3 && isShortLowerWord(tokens[next])) next++;
  return tokens[next]?.capitalized === true;
}

/** The language of `tokens`, or `fallback` when no lexicon scores higher than the others. */
export function detectLanguage(tokens: readonly Token[], lexicons: readonly LanguageWords[], fallback: Language): Language {
  return rankLanguages(tokens, lexicons, fallback)[0];
}
