import { odataBadRequest, unsupportedQuery } from './graphError';
import type { GraphObject } from './tenantState';

/*
 * `$search="displayName:megan" OR "mail:bowen"` for directory objects. Graph tokenizes the stored value
 * (words, and the parts of an address between `.`, `@`, `_`, `-`) and matches each searched word as a
 * prefix of some token, case-insensitively. Clauses combine with AND / OR (AND binds tighter).
 * Inside the quotes, `\"` and `\\` are escapes.
 */

/** Properties Graph's directory search indexes for users and groups. */
export const SEARCHABLE: Record<string, string[]> = {
  user: ['displayName', 'givenName', 'surname', 'mail', 'mailNickname', 'userPrincipalName', 'otherMails', 'proxyAddresses'],
  group: ['displayName', 'description', 'mail', 'mailNickname', 'proxyAddresses'],
};

type Clause = { property: string; words: string[] };

/** Parses `$search`; returns a predicate. Throws Graph-shaped 400s for malformed or unsupported searches. */
export function compileSearch(text: string, typeName: string): (object: GraphObject) => boolean {
  const groups = parseSearch(text, typeName); // OR of ANDs
  return (object) => groups.some((all) => all.every((clause) => matches(object[clause.property], clause.words)));
}

function parseSearch(text: string, typeName: string): Clause[][] {
  const groups: Clause[][] = [[]];
  let i = 0;
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  skipSpaces();
  for (;;) {
    if (text[i] !== '"') throw syntax(text);
    let raw = '';
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      raw += text[i++];
    }
    if (text[i] !== '"') throw syntax(text);
    i++;
    groups[groups.length - 1].push(parseClause(raw, typeName));
    skipSpaces();
    if (i >= text.length) break;
    const op = /^(AND|OR)\b/.exec(text.slice(i));
    if (!op) throw syntax(text);
    i += op[1].length;
    if (op[1] === 'OR') groups.push([]);
    skipSpaces();
  }
  return groups;
}

function parseClause(raw: string, typeName: string): Clause {
  const colon = raw.indexOf(':');
  // Graph needs the property: a bare "megan" is only valid for a few other resource types.
  if (colon <= 0) throw unsupportedQuery('Syntax error: search clauses must name a property, as in "displayName:megan".');
  const name = raw.slice(0, colon);
  const property = SEARCHABLE[typeName]?.find((p) => p.toLowerCase() === name.toLowerCase());
  if (!property) throw unsupportedQuery(`The property '${name}' does not support search.`);
  const words = tokens(raw.slice(colon + 1));
  return { property, words };
}

function syntax(text: string): Error {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return odataBadRequest(`Invalid $search clause: '${shown}'. Use "property:value" in double quotes, joined with AND or OR.`);
}

/** Lower-cased, diacritics folded, split on everything that is not a letter or digit. */
function tokens(value: string): string[] {
  // Folding is the slow part of a 100,000-user scan: skip it for plain ASCII, which most values are.
  const folded = /^[\x20-\x7e]*$/.test(value) ? value : value.normalize('NFD').replace(/\p{M}/gu, '');
  return folded.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function matches(value: unknown, words: string[]): boolean {
  if (words.length === 0) return true;
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => {
    if (typeof v !== 'string') return false;
    const have = tokens(v);
    return words.every((w) => have.some((t) => t.startsWith(w)));
  });
}
