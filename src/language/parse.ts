/**
 * `parse(text, locale)`: a chat message in → the Request it asks for. Pure and deterministic:
 * sanitize → tokenize → detect the language → match that lexicon's templates (then the other lexicons').
 */
import { CompiledLexicon } from './compiledLexicon';
import { rankLanguages } from './detectLanguage';
import { LEXICONS } from './lexicons';
import { bareName } from './bareName';
import { targetText } from './buildRequest';
import type { Intent, Language, Request } from './request';
import { sanitize } from './sanitize';
import type { Sentence } from './sentence';
import { emojiSmallTalk, smallTalkOf } from './smallTalk';
import { normalizeWord, tokenize, type Token } from './tokenize';
import { splitWhen } from './when';

/** Raw messages longer than this are not requests; refusing them early bounds the work per message. */
export const MAX_INPUT_LENGTH = 10_000;
/** Clean text longer than this is not parsed either (no chat request is that long). */
export const MAX_TEXT_LENGTH = 2_000;

const COMPILED = new Map(LEXICONS.map((lexicon) => [lexicon.language, new CompiledLexicon(lexicon)]));
const LANGUAGE_WORDS = [...COMPILED.values()].map((c) => ({
  language: c.language,
  knows: (t: Token) => c.vocabulary.knows(t),
}));
const CONTRACTIONS = new Set(LEXICONS.flatMap((l) => l.classes.isContraction.map(normalizeWord)));
const isContraction = (norm: string): boolean => CONTRACTIONS.has(norm);
const knownWord = (t: Token): boolean => LANGUAGE_WORDS.some((l) => l.knows(t) > 0);

/** Whether any token carries meaning: a word, an address or a quotation, not just punctuation. */
function hasContent(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (t.kind === 'word' || t.kind === 'email' || t.kind === 'quoted') return true;
  return false;
}

function bare(intent: Intent, language: Language): Request {
  return { intent, target: null, changes: [], object: null, language };
}

/** The language a Teams locale ("nl-NL", "en-US") names, English when it names none we know. */
export function localeLanguage(locale?: string): Language {
  const code = typeof locale === 'string' ? locale.slice(0, 2).toLowerCase() : '';
  return COMPILED.get(code as Language)?.language ?? 'en';
}

/**
 * What `text` asks for. Never throws: empty or content-free input is `help`; text that is too long,
 * or that no template understands, is `unknown`.
 */
export function parse(text: string, locale?: string): Request {
  const fallback = localeLanguage(locale);
  if (typeof text !== 'string' || text.length > MAX_INPUT_LENGTH) return bare('unknown', fallback);
  try {
    return withWhen(text, fallback) ?? parseText(text, fallback);
  } catch {
    // A message the parser cannot handle is a message it does not understand, not a failed turn.
    return bare('unknown', fallback);
  }
}

/** Requests that change an account, and so may be scheduled ("… tomorrow at 9"). */
const SCHEDULABLE: ReadonlySet<Intent> = new Set<Intent>([
  'change', 'resetPassword', 'revokeSessions', 'assignLicense', 'removeLicense', 'addToGroup', 'removeFromGroup',
]);

/** A change with a time expression at its end: the rest parsed as a request, carrying when. Else null. */
function withWhen(text: string, fallback: Language): Request | null {
  const split = splitWhen(text);
  if (!split) return null;
  const request = parseText(split.text, fallback);
  return SCHEDULABLE.has(request.intent) && request.target ? { ...request, when: split.when } : null;
}

function parseText(text: string, fallback: Language): Request {
  const clean = sanitize(text);
  if (clean.length > MAX_TEXT_LENGTH) return bare('unknown', fallback);
  const tokens = tokenize(clean, isContraction);
  if (!hasContent(tokens)) {
    // "👍", "🙏": sanitize drops emoji, but a message of only emoji is small talk, not a request for help.
    const smallTalk = emojiSmallTalk(text);
    return smallTalk ? { ...bare('smallTalk', fallback), smallTalk } : bare('help', fallback);
  }
  // The detected language first; another language only when the message has words of its own.
  const languages = rankLanguages(tokens, LANGUAGE_WORDS, fallback);
  const language = languages[0];
  let first: Sentence | undefined;
  for (const [i, code] of languages.entries()) {
    const lexicon = COMPILED.get(code)!;
    const sentence = lexicon.prepare(clean, tokens);
    const smallTalk = smallTalkOf(sentence);
    if (smallTalk) return { ...bare('smallTalk', lexicon.language), smallTalk };
    if (i === 0 && sentence.start >= sentence.end) return bare('help', language); // "please", "can you"
    const request = lexicon.match(sentence);
    if (request) return { ...request, language: lexicon.language };
    first ??= sentence;
  }
  // Only a name, in no language a request: show that person.
  const name = first && bareName(first, knownWord);
  return name ? { ...bare('show', language), target: targetText(first!, name) } : bare('unknown', language);
}
