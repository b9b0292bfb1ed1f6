/**
 * A message that is only a name ("Fatima Zahra", "fatima", "o'brien@fabrikam.nl") asks to see that person,
 * as typing a name into a search box does. Asked only when no template understood the message, and strict,
 * so that words are not turned into look-ups: capitalised words (name particles such as "van der" aside) or
 * an e-mail address, at most four names long, none of them a word of conversation ("Thanks Kenji") or a
 * request's verb; a lower-case name only as one word no lexicon knows.
 */
import { isNameSpan, phraseAt, type Sentence, type Span } from './sentence';
import type { Token } from './tokenize';

const MAX_NAME_WORDS = 4;
/** Words that make a message conversation rather than a name, whatever their case. */
const CONVERSATION = [
  'thanks', 'greeting', 'acknowledgement', 'leadingFiller', 'trailingFiller', 'helpPhrase', 'helpQuestion', 'verb',
  'me', 'my', 'pronoun', 'possPron',
];

/** The span of `[s.start, s.end)` when it is only a person's name or address, else null. */
export function bareName(s: Sentence, knownWord: (t: Token) => boolean): Span | null {
  const { start, end } = s;
  if (start >= end) return null;
  const first = s.tokens[start];
  if (end - start === 1 && first.kind === 'email') return [start, end];
  if (end - start === 1 && first.kind === 'word' && !first.capitalized) {
    // "fatima": one lower-case word no lexicon knows, not even as a misspelling ("blokeer").
    return /^\p{L}[\p{L}'’-]*$/u.test(first.text) && !knownWord(first) ? [start, end] : null;
  }
  if (s.tokens[end - 1].possessive || !isNameSpan(s, start, end)) return null;
  let words = 0;
  for (let i = start; i < end; i++) {
    const t = s.tokens[i];
    if (t.kind !== 'word' || (!t.capitalized && phraseAt(s, i, 'nameParticle'))) continue;
    if (CONVERSATION.some((cls) => phraseAt(s, i, cls))) return null;
    if (t.capitalized) words++;
  }
  // One capitalised word that the lexicon knows ("History", "Approvals") is a command, not a name.
  if (words === 1 && end - start === 1 && knownWord(first)) return null;
  return words >= 1 && words <= MAX_NAME_WORDS ? [start, end] : null;
}
