/**
 * Several people in one request: "block Anna, Bob and Carl", "voeg Anna, Bob en Carl toe aan Sales Team", or a
 * request followed by a pasted list ("add these people to Sales Team:\nanna@contoso.com\nbob@contoso.com").
 *
 * The list is found first, then replaced by one stand-in name and the sentence parsed as a one-person request: only
 * when the stand-in comes out as that request's person (and the request is one that can be done for several
 * people) is the list taken as people. So a value with a comma or an "and" in it ("Head of Sales, Benelux",
 * "Sales and Marketing") stays a value. A single name that itself holds "and" cannot be told apart; the resolver
 * stops a row that matches nobody.
 */
import type { Intent, Request } from './request';
import type { Token } from './tokenize';

/** Most people one request may name; a longer list keeps the first and says so (`targetsTruncated`). */
export const MAX_TARGETS = 1000;
/** Longest text an entry of a pasted list may be (an e-mail address is at most 254 characters). */
const MAX_ENTRY_LENGTH = 254;
/** Most words in one name ("Maria de los Angeles Garcia"). */
const MAX_NAME_TOKENS = 7;
/** Most one-person readings tried for one message, so a message full of capitalised words costs a bounded amount. */
const MAX_TRIES = 24;

/** A name no lexicon knows and no correction touches (a digit inside), which a template reads as a person. */
export const STAND_IN = 'Qx7Person';

/** Requests that may be about several people at once. */
const FOR_SEVERAL: ReadonlySet<Intent> = new Set<Intent>([
  'change', 'addToGroup', 'removeFromGroup', 'assignLicense', 'removeLicense', 'revokeSessions', 'offboard',
]);

/** What the list finder needs to know about words: which a lexicon knows, and which the parser. */
export interface ListContext {
  tokenize(text: string): Token[];
  /** Whether a lexicon knows the word exactly (not as a misspelling). */
  knows(t: Token): boolean;
  /** The one-person request a text makes. */
  parseOne(text: string): Request;
}

/** One person of a list: as written, and where in the clean text. */
interface Entry {
  text: string;
  start: number;
  end: number;
}

const ME_WORDS = new Set(['me', 'myself', 'mij', 'mezelf', 'mijzelf', 'ik', 'i']);
const NAME_PARTICLES = new Set([
  'de', 'van', 'der', 'den', 'ter', 'ten', 'te', 'von', 'vom', 'zu', 'da', 'di', 'du', 'del', 'della', 'dos', 'das',
  'do', 'la', 'le', 'el', 'al', 'bin', 'binti', 'ibn', 'y', "'t", 'het', 'in', 'op',
]);
const AND_WORDS = new Set(['and', 'en', '&', 'plus']);
const NAME_PUNCT = new Set(['-', '.', "'", '’']);

const isMe = (t: Token): boolean => t.kind === 'word' && ME_WORDS.has(t.norm) && (t.norm !== 'i' || t.text === 'I');

/**
 * The request when `clean` names two or more people where a request's person stands; null otherwise (the caller
 * then parses the message as it would any other).
 */
export function severalPeople(clean: string, ctx: ListContext, maxInlineLength: number): Request | null {
  const tries = { left: MAX_TRIES };
  if (clean.includes('\n') || clean.includes(':')) {
    const pasted = pastedList(clean, ctx, tries);
    if (pasted) return pasted;
  }
  return clean.length <= maxInlineLength ? inlineList(clean, ctx, tries) : null;
}

/** The request with its person replaced by the list, or null when the stand-in is not its person. */
function accept(request: Request, clean: string, entries: readonly Entry[]): Request | null {
  if (!FOR_SEVERAL.has(request.intent) || request.target !== STAND_IN) return null;
  const seen = new Set<string>();
  const kept: Entry[] = [];
  let truncated = false;
  for (const entry of entries) {
    const key = entry.text.toLocaleLowerCase();
    if (seen.has(key)) continue;
    if (kept.length === MAX_TARGETS) {
      truncated = true;
      break;
    }
    seen.add(key);
    kept.push(entry);
  }
  if (kept.length < 2) return { ...request, target: kept[0]?.text ?? null };
  const target = clean.slice(kept[0].start, kept[kept.length - 1].end);
  return { ...request, target, targets: kept.map((e) => e.text), ...(truncated ? { targetsTruncated: true as const } : {}) };
}

function attempt(text: string, ctx: ListContext, tries: { left: number }): Request | null {
  if (tries.left <= 0) return null;
  tries.left--;
  return ctx.parseOne(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Inline: "Anna de Vries, Bob Jansen and Carl Smit", "a@contoso.com, b@contoso.com", "me and Anna".

/** Whether `t` may start a name: a capitalised word, an address, "me", or a lower-case word no lexicon knows. */
function nameStart(t: Token, ctx: ListContext): boolean {
  if (t.kind === 'email' || isMe(t)) return true;
  if (t.kind !== 'word' || AND_WORDS.has(t.norm)) return false;
  return t.capitalized || (!NAME_PARTICLES.has(t.norm) && !ctx.knows(t));
}

/** Where the name starting at `i` ends (exclusive), or -1 when none starts there. */
function nameEnd(tokens: readonly Token[], i: number, ctx: ListContext): number {
  const first = tokens[i];
  if (!first || !nameStart(first, ctx)) return -1;
  if (first.kind === 'email' || isMe(first) || first.possessive) return i + 1;
  let j = i + 1;
  while (j < tokens.length && j - i < MAX_NAME_TOKENS) {
    const t = tokens[j];
    const joined = t.start === tokens[j - 1].fullEnd; // "Anne-Marie", "Jr." written without spaces
    if (t.kind === 'punct' && NAME_PUNCT.has(t.text) && joined && tokens[j + 1]?.kind === 'word'
      && tokens[j + 1].start === t.end) {
      j += 2;
    } else if (t.kind === 'word' && !AND_WORDS.has(t.norm) && !isMe(t)
      && (t.capitalized || NAME_PARTICLES.has(t.norm) || !ctx.knows(t))) {
      j++;
    } else {
      break;
    }
    if (tokens[j - 1].possessive) break;
  }
  // A name does not end in a lower-case particle ("… Bob van").
  while (j > i + 1 && !tokens[j - 1].capitalized && NAME_PARTICLES.has(tokens[j - 1].norm)) j--;
  return j;
}

/** Length of a list separator at `at` (", ", "and", ", and", ";"), 0 when none. */
function separatorAt(tokens: readonly Token[], at: number): number {
  const t = tokens[at];
  if (!t) return 0;
  if (t.kind === 'punct' && (t.text === ',' || t.text === ';')) {
    const next = tokens[at + 1];
    return next && (AND_WORDS.has(next.norm)) ? 2 : 1;
  }
  if (t.kind === 'punct') return t.text === '&' && t.start > (tokens[at - 1]?.fullEnd ?? 0) ? 1 : 0; // not "R&D"
  return AND_WORDS.has(t.norm) ? 1 : 0;
}

interface InlineList {
  /** Token spans of the names. */
  names: [number, number][];
}

/** The longest list of two or more names starting with a name at `i`, or null. */
function listAt(tokens: readonly Token[], i: number, ctx: ListContext): InlineList | null {
  const names: [number, number][] = [];
  let at = i;
  for (;;) {
    const end = nameEnd(tokens, at, ctx);
    if (end < 0) break;
    names.push([at, end]);
    const sep = separatorAt(tokens, end);
    if (!sep || nameEnd(tokens, end + sep, ctx) < 0) break;
    at = end + sep;
  }
  return names.length >= 2 ? { names } : null;
}

/**
 * The tokens with an address the tokenizer cut short joined again: its local part may hold characters a word does
 * not ("r&d@contoso.com" reads as "r", "&", "d@contoso.com").
 */
function joinAddresses(clean: string, tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.kind !== 'email') {
      out.push(t);
      continue;
    }
    let from = out.length;
    while (from > 0 && out[from - 1].fullEnd === (from === out.length ? t.start : out[from].start)
      && (out[from - 1].kind === 'word' || /^[&'!#$%*+/=?^`{|}~-]$/.test(out[from - 1].text))) from--;
    if (from === out.length) {
      out.push(t);
      continue;
    }
    const start = out[from].start;
    out.length = from;
    out.push({ ...t, text: clean.slice(start, t.end), start });
  }
  return out;
}

function inlineList(clean: string, ctx: ListContext, tries: { left: number }): Request | null {
  const tokens = joinAddresses(clean, ctx.tokenize(clean));
  for (let i = 0; i < tokens.length; i++) {
    const list = listAt(tokens, i, ctx);
    if (!list) continue;
    const found = tryInline(clean, tokens, list, ctx, tries);
    if (found) return found;
    // Go on after this list: a later one may be the people ("add Sales and Support to … " is no list of people).
    i = list.names[list.names.length - 1][1] - 1;
  }
  return null;
}

/**
 * Tries the list as people: as found, then with its first name starting later ("Voeg Anna, …": a capitalised verb
 * is no name) and with its last name ending sooner.
 */
function tryInline(
  clean: string, tokens: readonly Token[], list: InlineList, ctx: ListContext, tries: { left: number },
): Request | null {
  const { names } = list;
  const [firstFrom, firstTo] = names[0];
  const [lastFrom, lastTo] = names[names.length - 1];
  const variants: [number, number][] = [];
  for (let k = firstFrom; k < firstTo; k++) variants.push([k, lastTo]);
  for (let k = lastTo - 1; k > lastFrom; k--) variants.push([firstFrom, k]);
  for (const [from, to] of variants) {
    if (!tokens[from] || !nameStart(tokens[from], ctx)) continue;
    const spans = names.map(([a, b], n): [number, number] => [n === 0 ? from : a, n === names.length - 1 ? to : b]);
    const last = tokens[to - 1];
    const rest = clean.slice(last.fullEnd);
    const text = `${clean.slice(0, tokens[from].start)}${STAND_IN}${last.possessive ? "'s" : ''}${rest}`;
    const request = attempt(text, ctx, tries);
    if (!request) return null;
    const entries = spans.map(([a, b]) => inlineEntry(clean, tokens, a, b));
    const accepted = accept(request, clean, entries);
    if (accepted) return accepted;
  }
  return null;
}

function inlineEntry(clean: string, tokens: readonly Token[], from: number, to: number): Entry {
  const start = tokens[from].start;
  const end = tokens[to - 1].end;
  if (to - from === 1 && isMe(tokens[from])) return { text: 'me', start, end };
  const text = clean.slice(start, end);
  return { text: tokens[from].kind === 'email' ? text.replace(/’/g, "'") : text, start, end };
}

// ---------------------------------------------------------------------------------------------------------------
// Pasted: "set the department to Operations for:\nAnna de Vries\nBob Jansen", "voeg toe aan Sales: a@x.nl, b@x.nl".

/** Words that stand for the list in the request line: "add THESE PEOPLE to Sales Team:". */
const LIST_WORDS = new RegExp(String.raw`\b(?:(?:all\s+)?(?:of\s+)?(?:these|those|the\s+following|following|the\s+below|below)\s+(?:people|persons|users|employees|colleagues|accounts|members|names|staff|guys)|(?:de\s+)?(?:volgende|onderstaande|deze|die)\s+(?:mensen|personen|gebruikers|medewerkers|collega'?s|accounts|leden|namen)|(?:the\s+)?(?:people|users|accounts|employees)\s+below|(?:them|these|the\s+following|following|deze|hen|ze))(?=[\s:,.]|$)`, 'iu');
const BULLET = /^(?:[-*•·‣◦–—]+|\d{1,4}[.)]|\(\d{1,4}\))\s*/u;
const SPLIT = /[,;\n]|\s+(?:and|en|plus)\s+|\s*&\s*/giu;

/** The entries of `[from, to)` of `clean`, or null when one of them is no person. */
function entriesOf(clean: string, from: number, to: number, ctx: ListContext): Entry[] | null {
  const entries: Entry[] = [];
  const pieces: [number, number][] = [];
  let at = from;
  SPLIT.lastIndex = from;
  for (let m = SPLIT.exec(clean); m && m.index < to; m = SPLIT.exec(clean)) {
    // "&" inside an address ("r&d@contoso.com") does not separate.
    if (m[0] === '&' && insideAddress(clean, m.index)) continue;
    pieces.push([at, m.index]);
    at = m.index + m[0].length;
  }
  pieces.push([at, to]);
  for (let p = 0; p < pieces.length; p++) {
    let [start, end] = pieces[p];
    while (start < end && /\s/.test(clean[start])) start++;
    const written = start; // the list as written keeps its bullets: "- Anna\n- Bob"
    const bullet = BULLET.exec(clean.slice(start, Math.min(end, start + 16)));
    if (bullet) start += bullet[0].length;
    while (end > start && /[\s.,;:!]/.test(clean[end - 1])) end--;
    if (end <= start) continue;
    const text = clean.slice(start, end);
    const entry = personEntry(text, ctx);
    if (entry === null) {
      // A closing line of only known words ("thanks!") is no person and no reason to drop the list.
      if (p === pieces.length - 1 && entries.length >= 2 && onlyKnownWords(text, ctx)) break;
      return null;
    }
    entries.push({ text: entry, start: written, end });
  }
  return entries;
}

/** Whether the "&" at `at` stands inside an address ("r&d@contoso.com"): an "@" in the same run of non-spaces. */
function insideAddress(clean: string, at: number): boolean {
  const stop = /[\s,;]/;
  for (let i = at - 1; i >= 0 && at - i <= MAX_ENTRY_LENGTH && !stop.test(clean[i]); i--) if (clean[i] === '@') return true;
  for (let i = at + 1; i < clean.length && i - at <= MAX_ENTRY_LENGTH && !stop.test(clean[i]); i++) if (clean[i] === '@') return true;
  return false;
}

function onlyKnownWords(text: string, ctx: ListContext): boolean {
  if (text.length > MAX_ENTRY_LENGTH) return false;
  const tokens = ctx.tokenize(text);
  return tokens.some((t) => t.kind === 'word') && tokens.every((t) => t.kind === 'punct' || (t.kind === 'word' && ctx.knows(t)));
}

/** An entry as a person ("me" for the speaker), or null when it is no name or address. */
function personEntry(text: string, ctx: ListContext): string | null {
  if (text.length > MAX_ENTRY_LENGTH) return null;
  const tokens = ctx.tokenize(text);
  if (tokens.length === 1 && tokens[0].kind === 'email' && !tokens[0].possessive) return text.replace(/’/g, "'");
  if (tokens.length === 1 && isMe(tokens[0])) return 'me';
  let words = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct' && NAME_PUNCT.has(t.text) && i > 0) continue;
    if (t.kind !== 'word' || t.possessive || AND_WORDS.has(t.norm)) return null;
    const particle = NAME_PARTICLES.has(t.norm) && !t.capitalized;
    if (i === 0 ? particle || (!t.capitalized && ctx.knows(t)) : !particle && !t.capitalized && ctx.knows(t)) return null;
    words++;
  }
  return words >= 1 && words <= MAX_NAME_TOKENS ? text : null;
}

function pastedList(clean: string, ctx: ListContext, tries: { left: number }): Request | null {
  const newline = clean.indexOf('\n');
  const firstLine = newline < 0 ? clean : clean.slice(0, newline);
  // The request line's own colon starts the list ("block: Anna, Bob"); on a line of its own, the list is the lines after.
  const heads: { head: string; from: number }[] = [];
  for (let colon = firstLine.indexOf(':'), n = 0; colon >= 0 && n < 3; colon = firstLine.indexOf(':', colon + 1), n++) {
    heads.push({ head: firstLine.slice(0, colon), from: colon + 1 });
  }
  if (newline >= 0 && !firstLine.includes(':')) heads.push({ head: firstLine, from: newline + 1 });
  for (const { head, from } of heads) {
    if (!head.trim() || head.length > 2_000) continue;
    const entries = entriesOf(clean, from, clean.length, ctx);
    if (!entries || entries.length < 2) continue;
    for (const text of standIns(head.trim())) {
      const request = attempt(text, ctx, tries);
      if (!request) return null;
      const accepted = accept(request, clean, entries);
      if (accepted) return accepted;
    }
  }
  return null;
}

/** The request line with the stand-in where the people go: for "these people", at the end, or after the verb. */
function standIns(head: string): string[] {
  const texts: string[] = [];
  const words = LIST_WORDS.exec(head);
  if (words) texts.push(`${head.slice(0, words.index)}${STAND_IN}${head.slice(words.index + words[0].length)}`);
  texts.push(`${head.replace(/[\s:–—-]+$/u, '')} ${STAND_IN}`);
  const verb = /^\S+/.exec(head);
  if (verb && verb[0].length < head.length) texts.push(`${verb[0]} ${STAND_IN} ${head.slice(verb[0].length).trim()}`);
  return texts;
}
