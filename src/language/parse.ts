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
import { splitDutchLeaveWhen, splitForward, withDatePreposition } from './offboard';
import { severalPeople } from './severalPeople';

/** Raw messages longer than this are not requests; refusing them early bounds the work per message. */
export const MAX_INPUT_LENGTH = 10_000;
/** Clean text longer than this is not parsed either (no chat request is that long). */
export const MAX_TEXT_LENGTH = 2_000;
/**
 * A request followed by a pasted list of people ("add these people to Sales Team:\n…") may be this long: a thousand
 * addresses do not fit in MAX_INPUT_LENGTH. Only the list is that long; its request line is held to MAX_TEXT_LENGTH.
 */
export const MAX_LIST_INPUT_LENGTH = 100_000;

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
  if (typeof text !== 'string' || text.length > MAX_LIST_INPUT_LENGTH) return bare('unknown', fallback);
  try {
    const several = severalPeopleIn(text, fallback);
    if (several) return several;
    return text.length > MAX_INPUT_LENGTH ? bare('unknown', fallback) : parseOne(text, fallback);
  } catch {
    // A message the parser cannot handle is a message it does not understand, not a failed turn.
    return bare('unknown', fallback);
  }
}

/** Requests that change an account, and so may be scheduled ("… tomorrow at 9"). */
const SCHEDULABLE: ReadonlySet<Intent> = new Set<Intent>([
  'change', 'resetPassword', 'revokeSessions', 'assignLicense', 'removeLicense', 'addToGroup', 'removeFromGroup',
  'offboard',
]);

/** Only messages with something that can separate people are looked at for a list of them. */
const MAY_LIST = /[,;&\n:]|\s(?:and|en|plus)\s/i;

/** A request about two or more people ("block Anna, Bob and Carl", a pasted list), or null. */
function severalPeopleIn(text: string, fallback: Language): Request | null {
  if (!MAY_LIST.test(text)) return null;
  const clean = sanitize(text);
  return severalPeople(clean, {
    tokenize: (t) => tokenize(t, isContraction),
    knows: (t) => LANGUAGE_WORDS.some((l) => l.knows(t) === 2),
    parseOne: (t) => parseOne(t, fallback),
  }, MAX_TEXT_LENGTH);
}

/** The request one message makes about one person (or none). */
function parseOne(text: string, fallback: Language): Request {
  return withForward(text, fallback) ?? withLeaveDate(text, fallback) ?? withWhen(text, fallback)
    ?? parseText(text, fallback);
}

/**
 * An offboarding that ends in "… and forward his mail to Lars" (before or after its time): the rest parsed as a
 * request, carrying `forwardTo`. Null when the text asks no such thing, or the rest is no offboarding.
 */
function withForward(text: string, fallback: Language): Request | null {
  const when = splitWhen(text);
  const before = when && splitForward(when.text);
  if (when && before) {
    const request = withLeaveDate(before.text, fallback) ?? withWhen(before.text, fallback) ?? parseText(before.text, fallback);
    if (request.intent === 'offboard' && request.target) {
      return { ...request, language: languageOf(text, fallback), when: request.when ?? when.when, forwardTo: before.forwardTo };
    }
  }
  const forward = splitForward(text);
  if (!forward) return null;
  const request = withLeaveDate(forward.text, fallback) ?? withWhen(forward.text, fallback) ?? parseText(forward.text, fallback);
  if (request.intent !== 'offboard' || !request.target) return null;
  return { ...request, language: languageOf(text, fallback), forwardTo: forward.forwardTo };
}

/** The language of the whole message ("offboard Noah en stuur zijn mail door naar Lars" is Dutch). */
function languageOf(text: string, fallback: Language): Language {
  return rankLanguages(tokenize(sanitize(text), isContraction), LANGUAGE_WORDS, fallback)[0];
}

/**
 * An offboarding whose date needs help before when.ts can read it: "Noah's last day is 1 March" (no "on"), Dutch
 * "Noah gaat per 1 maart uit dienst" (the date before the verb's end). Null when the text is no such offboarding.
 */
function withLeaveDate(text: string, fallback: Language): Request | null {
  const dated = withDatePreposition(text);
  const request = dated === null ? null : withWhen(dated, fallback);
  if (request?.intent === 'offboard') return request;
  const dutch = splitDutchLeaveWhen(text);
  const moved = dutch && parseText(dutch.text, fallback);
  return moved && moved.intent === 'offboard' && moved.target ? { ...moved, when: dutch.when } : null;
}

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
