import { odataBadRequest } from './graphError';

/*
 * The `$filter` grammar Graph accepts for directory objects, as a tokenizer and a recursive-descent parser:
 *
 *   or      := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | primary
 *   primary := '(' or ')' | call | path '/' ('any'|'all') '(' [var ':' or] ')' | operand (cmp operand | 'in' '(' list ')')
 *   call    := ('startswith'|'endswith'|'contains') '(' operand ',' operand ')'
 *   operand := path | 'string' (with '' for ') | number | guid | dateTime | true | false | null
 */

export type Literal = { type: 'literal'; value: string | number | boolean | null; kind: 'string' | 'number' | 'boolean' | 'null' | 'guid' | 'dateTime' };
export type PropertyPath = { type: 'property'; path: string[] };
export type Operand = Literal | PropertyPath;
export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterNode =
  | { type: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { type: 'not'; operand: FilterNode }
  | { type: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { type: 'in'; operand: Operand; values: Literal[] }
  | { type: 'call'; name: 'startswith' | 'endswith' | 'contains'; args: [Operand, Operand] }
  | { type: 'lambda'; quantifier: 'any' | 'all'; path: string[]; variable: string | null; body: FilterNode | null };

type Token =
  | { kind: 'punct'; text: '(' | ')' | ',' | ':' | '/'; pos: number }
  | { kind: 'word'; text: string; pos: number }
  | { kind: 'literal'; literal: Literal; pos: number }
  | { kind: 'end'; pos: number };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const WORD_AT = /[A-Za-z0-9_$@.-]+/y;
const DATE_TIME_AT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?(?![A-Za-z0-9_])/y;
const COMPARE_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['startswith', 'endswith', 'contains']);
/** Hostile input must not blow the stack: Graph's own limit on nesting is far lower than any real query needs. */
const MAX_DEPTH = 64;

/** Parses a `$filter` value. Throws Graph's 400 `BadRequest` "Invalid filter clause" on any syntax error. */
export function parseFilter(text: string): FilterNode {
  return new Parser(text, tokenize(text)).parseAll();
}

function syntaxError(text: string, pos: number): Error {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return odataBadRequest(`Invalid filter clause: Syntax error at position ${pos} in '${shown}'.`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if ('(),:/'.includes(c)) {
      tokens.push({ kind: 'punct', text: c as '(', pos: i });
      i++;
    } else if (c === "'") {
      // Jump quote to quote (a character loop is slow on 100 KB of hostile input): '' is an escaped quote.
      const start = i;
      const parts: string[] = [];
      i++;
      for (;;) {
        const quote = text.indexOf("'", i);
        if (quote === -1) throw syntaxError(text, start);
        parts.push(text.slice(i, quote));
        i = quote + 1;
        if (text[i] !== "'") break;
        parts.push("'");
        i++;
      }
      const value = parts.join('');
      tokens.push({ kind: 'literal', literal: { type: 'literal', value, kind: 'string' }, pos: start });
    } else {
      // A dateTime is the one word with ':' in it; elsewhere ':' ends a word (the lambda's `p:`).
      DATE_TIME_AT.lastIndex = i;
      WORD_AT.lastIndex = i;
      const match = DATE_TIME_AT.exec(text) ?? WORD_AT.exec(text);
      if (!match) throw syntaxError(text, i);
      tokens.push(classifyWord(text, match[0], i));
      i += match[0].length;
    }
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

function classifyWord(text: string, word: string, pos: number): Token {
  const lit = (value: Literal['value'], kind: Literal['kind']): Token => ({ kind: 'literal', literal: { type: 'literal', value, kind }, pos });
  if (GUID.test(word)) return lit(word, 'guid');
  if (NUMBER.test(word)) return lit(Number(word), 'number');
  if (DATE_TIME.test(word)) return lit(word, 'dateTime');
  if (word === 'true' || word === 'false') return lit(word === 'true', 'boolean');
  if (word === 'null') return lit(null, 'null');
  if (!/^[A-Za-z_$@][A-Za-z0-9_]*$/.test(word)) throw syntaxError(text, pos);
  return { kind: 'word', text: word, pos };
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly text: string, private readonly tokens: Token[]) {}

  parseAll(): FilterNode {
    const node = this.parseOr();
    if (this.peek().kind !== 'end') this.fail();
    return node;
  }

  private parseOr(): FilterNode {
    if (++this.depth > MAX_DEPTH) this.fail();
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.index++;
      left = { type: 'or', left, right: this.parseAnd() };
    }
    this.depth--;
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isWord('and')) {
      this.index++;
      left = { type: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isWord('not')) {
      this.index++;
      if (++this.depth > MAX_DEPTH) this.fail();
      const operand = this.parseUnary();
      this.depth--;
      return { type: 'not', operand };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterNode {
    if (this.isPunct('(')) {
      this.index++;
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    const token = this.peek();
    if (token.kind === 'word' && FUNCTIONS.has(token.text.toLowerCase()) && this.isPunct('(', 1)) {
      this.index += 2;
      const first = this.parseOperand();
      this.expectPunct(',');
      const second = this.parseOperand();
      this.expectPunct(')');
      return { type: 'call', name: token.text.toLowerCase() as 'startswith', args: [first, second] };
    }
    const left = this.parseOperand();
    if (left.type === 'property' && this.isLambdaAhead()) return this.parseLambda(left.path);
    const op = this.peek();
    if (op.kind === 'word' && COMPARE_OPS.has(op.text.toLowerCase())) {
      this.index++;
      return { type: 'compare', op: op.text.toLowerCase() as CompareOp, left, right: this.parseOperand() };
    }
    if (op.kind === 'word' && op.text.toLowerCase() === 'in') {
      this.index++;
      this.expectPunct('(');
      const values: Literal[] = [];
      do {
        const value = this.parseOperand();
        if (value.type !== 'literal') this.fail();
        values.push(value);
      } while (this.isPunct(',') && ++this.index);
      this.expectPunct(')');
      return { type: 'in', operand: left, values };
    }
    return this.fail();
  }

  /** `path/any(v: body)` — the path was already read up to (not including) the last '/'. */
  private isLambdaAhead(): boolean {
    const next = this.tokens[this.index];
    const word = this.tokens[this.index + 1];
    return next?.kind === 'punct' && next.text === '/' && word?.kind === 'word' && ['any', 'all'].includes(word.text.toLowerCase());
  }

  private parseLambda(path: string[]): FilterNode {
    const quantifier = (this.tokens[this.index + 1] as { text: string }).text.toLowerCase() as 'any' | 'all';
    this.index += 2;
    this.expectPunct('(');
    if (this.isPunct(')')) {
      this.index++;
      return { type: 'lambda', quantifier, path, variable: null, body: null };
    }
    const variable = this.peek();
    if (variable.kind !== 'word') return this.fail();
    this.index++;
    this.expectPunct(':');
    const body = this.parseOr();
    this.expectPunct(')');
    return { type: 'lambda', quantifier, path, variable: variable.text, body };
  }

  private parseOperand(): Operand {
    const token = this.peek();
    if (token.kind === 'literal') {
      this.index++;
      return token.literal;
    }
    if (token.kind !== 'word') return this.fail();
    this.index++;
    const path = [token.text];
    // Stop before '/any(' so the caller sees the lambda.
    while (this.isPunct('/') && !this.isLambdaAhead()) {
      this.index++;
      const next = this.peek();
      if (next.kind !== 'word') return this.fail();
      path.push(next.text);
      this.index++;
    }
    return { type: 'property', path };
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.text.toLowerCase() === word;
  }

  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail();
    this.index++;
  }

  private fail(): never {
    throw syntaxError(this.text, this.peek().pos);
  }
}
