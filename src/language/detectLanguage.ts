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

/**
 * The languages worth trying for `tokens`, most likely first: the best-scoring one (or `fallback` when
 * none scores higher), then any other language that has at least one word of its own in the message.
 * A word one lexicon knows exactly is not also counted as a misspelling for another ("toon" is not "town").
 */
export function rankLanguages(tokens: readonly Token[], lexicons: readonly LanguageWords[], fallback: Language): Language[] {
  const scores = lexicons.map(() => 0);
  const known = lexicons.map((): Knowledge => 0);
  tokens.forEach((t, at) => {
    if (t.kind !== 'word' || !/\p{L}/u.test(t.norm) || insideName(tokens, at)) return;
    let best: Knowledge = 0;
    for (let i = 0; i < lexicons.length; i++) {
      known[i] = lexicons[i].knows(t);
      if (known[i] > best) best = known[i];
    }
    const knowers = known.filter((k) => k === best).length;
    if (best === 0 || knowers === lexicons.length) return;
    for (let i = 0; i < lexicons.length; i++) if (known[i] === best) scores[i] += best;
  });
  let top = fallback;
  let topScore = scores[lexicons.findIndex((l) => l.language === fallback)] ?? 0;
  lexicons.forEach((l, i) => { if (scores[i] > topScore) [top, topScore] = [l.language, scores[i]]; });
  return [top, ...lexicons.filter((l, i) => l.language !== top && scores[i] > 0).map((l) => l.language)];
}

/**
 * A short lower-case word between capitalised ones is part of a name ("Jan de Vries", "Eva van der Berg"),
 * not a Dutch article in an English sentence.
 */
function insideName(tokens: readonly Token[], at: number): boolean {
  const isShortLower = (t: Token | undefined): boolean => t?.kind === 'word' && !t.capitalized && t.text.length <= 3;
  if (!isShortLower(tokens[at]) || !tokens[at - 1]?.capitalized) return false;
  let next = at + 1;
  while (next < at + 3 && isShortLower(tokens[next])) next++;
  return tokens[next]?.capitalized === true;
}

/** The language of `tokens`, or `fallback` when no lexicon scores higher than the others. */
export function detectLanguage(tokens: readonly Token[], lexicons: readonly LanguageWords[], fallback: Language): Language {
  return rankLanguages(tokens, lexicons, fallback)[0];
}
