/**
 * Splits clean text into tokens that remember where they came from, so that values and names can be cut
 * out of the original text with their exact case, spacing and punctuation.
 */

/** What a token is made of. */
export type TokenKind = 'word' | 'email' | 'quoted' | 'punct' | 'break';

/** One token; `start`/`end` index the text it came from. */
export interface Token {
  kind: TokenKind;
  /** The text as written (for `quoted`, the text between the quotes). */
  text: string;
  /** Lower case, accents folded, curly apostrophes straightened: what lexicons are matched against. */
  norm: string;
  start: number;
  /** End of the word itself: a possessive `'s` or `'` is not included. */
  end: number;
  /** End including a possessive mark. */
  fullEnd: number;
  /** "Fatima's", "Lars'", "Jan’s". */
  possessive: boolean;
  /** Starts with an upper-case letter (names usually do). */
  capitalized: boolean;
}

// Bounded quantifiers keep the e-mail alternative linear: it is tried at every word start. An apostrophe
// may stand inside the local part ("o'brien@fabrikam.nl", allowed by RFC 5322 and common for Irish names),
// not first, so a quoted address ('jan@x.nl') still reads as a quotation.
const EMAIL = /[\p{L}\p{N}._%+-][\p{L}\p{N}._%+'’-]{0,63}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/uy;
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/uy;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const UPPER = /^\p{Lu}/u;
const NON_ASCII = /[^\x00-\x7f]/;
const OPEN_TO_CLOSE: Record<string, string> = { '"': '"', '“': '”', '”': '”', '„': '”', '«': '»', '‘': '’', "'": "'" };
const APOSTROPHES = "'’";

/** Lower case, without accents, with straight apostrophes. */
export function normalizeWord(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'");
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_OR_DIGIT.test(ch);
}

function isApostrophe(ch: string | undefined): boolean {
  return ch === "'" || ch === '’';
}

/** Where a quotation opened at `at` closes, or -1 when the quote mark is not an opening quote. */
function closingQuote(text: string, at: number): number {
  const open = text[at];
  const close = OPEN_TO_CLOSE[open];
  if (!close || isWordChar(text[at - 1]) || !text[at + 1] || /\s/.test(text[at + 1])) return -1;
  const closers = close === "'" || close === '’' ? APOSTROPHES : close + (open === '"' ? '”' : '"');
  for (let i = at + 1; i < text.length; i++) {
    // An apostrophe inside a word ("O'Brien") does not close a single-quoted value.
    if (closers.includes(text[i]) && !(isApostrophe(text[i]) && isWordChar(text[i + 1]))) return i;
    if (text[i] === '\n') return -1;
  }
  return -1;
}

function make(kind: TokenKind, text: string, start: number, end: number, norm = normalizeWord(text)): Token {
  return { kind, text, norm, start, end, fullEnd: end, possessive: false, capitalized: UPPER.test(text) };
}

/**
 * Reads a possessive mark after the word just read ("Fatima's", "Lars'", "jan@x.nl's") and returns where
 * reading continues. A contraction such as "what's" becomes the word plus an "is" token instead.
 */
function readPossessive(text: string, token: Token, isContraction: (norm: string) => boolean, out: Token[]): number {
  const after = token.end;
  let markEnd: number;
  if (token.kind === 'word' && /['’][sS]$/.test(token.text) && token.text.length > 2) {
    markEnd = after;
    token.text = token.text.slice(0, -2);
    token.norm = normalizeWord(token.text);
    token.end -= 2;
  } else if (isApostrophe(text[after]) && !isWordChar(text[after + 1])) {
    markEnd = after + 1;
  } else if (token.kind === 'email' && isApostrophe(text[after]) && /^[sS]$/.test(text[after + 1] ?? '')
    && !isWordChar(text[after + 2])) {
    markEnd = after + 2;
  } else {
    return after;
  }
  if (isContraction(token.norm)) {
    out.push(make('word', 'is', token.end, markEnd, 'is'));
  } else {
    token.possessive = true;
    token.fullEnd = markEnd;
  }
  return markEnd;
}

/**
 * Tokens of `text`. `isContraction` names words whose `'s` means "is" rather than a possessive
 * ("what's", "who's"); the lexicons supply them.
 */
export function tokenize(text: string, isContraction: (norm: string) => boolean = () => false): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t') { i++; continue; }
    if (ch === '\n') { out.push(make('break', '\n', i, i + 1)); i++; continue; }
    const close = closingQuote(text, i);
    if (close > i + 1) {
      const inner = text.slice(i + 1, close).trim();
      out.push(make('quoted', inner, i, close + 1));
      i = close + 1;
      continue;
    }
    EMAIL.lastIndex = i;
    WORD.lastIndex = i;
    const email = EMAIL.exec(text);
    const word = email ? null : WORD.exec(text);
    if (email || word) {
      const token = make(email ? 'email' : 'word', (email ?? word)![0], i, i + (email ?? word)![0].length);
      out.push(token);
      i = readPossessive(text, token, isContraction, out);
      continue;
    }
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    out.push(make('punct', text.slice(i, i + len), i, i + len));
    i += len;
  }
  return out;
}
