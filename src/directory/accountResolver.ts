import type { Account } from './account';
import type { Directory } from './directory';
import { foldName, nameWords } from '../text/foldName';
import { similarity } from '../text/similarity';

export type Resolution =
  | { kind: 'one'; account: Account }
  | { kind: 'many'; candidates: Account[] }
  /** `otherDomain`: the typed address is in none of the tenant's domains; the suggestions share its local part. */
  | { kind: 'none'; suggestions: Account[]; otherDomain?: true };

export interface ResolveOptions {
  /** The tenant's verified domains (cached by the caller): a missed address is looked for again on these. */
  verifiedDomains?: () => Promise<string[]>;
}

/** How many accounts one name look-up reads (`findAccounts` / `findAccountsMany` with `by: 'name'`). */
export const NAME_FETCH = 50;

/**
 * The accounts among `found` (a `by: 'name'` look-up) that the typed name means, most exact first: the exact display
 * name; else every typed word a whole word of the name ("Jan" is Jan de Vries, not Anouk Jansen); else prefixes.
 */
export function byName(text: string, found: readonly Account[]): Account[] {
  const words = nameWords(text);
  if (!words.length) return [];
  const folded = foldName(text.trim());
  const exact = found.filter((a) => foldName(a.displayName ?? '') === folded);
  if (exact.length) return dedupe(exact);
  const byWords = found.filter((a) => wordsMatch(words, a));
  const byWholeWords = byWords.filter((a) => wordsMatch(words, a, true));
  return dedupe(byWholeWords.length ? byWholeWords : byWords);
}

/** More than this many people answering to a name is not a choice card, it is a request to be precise. */
export const MAX_CANDIDATES = 10;
const FETCH = NAME_FETCH;

/**
 * Finds the one account a person meant, in at most two Graph requests, and never guesses between two:
 * 1. UPN or mail exact; otherwise one `$filter` for the exact display name and prefixes of the name's words;
 *    matched here case- and diacritics-insensitively (exact name first, then every typed word a whole word of the
 *    name, then every typed word a prefix of a name word);
 * 2. only when nothing matched: `$search` on the first letters of each word, for close suggestions; for an address
 *    outside the tenant's verified domains, its local part on each of them ("pieter.bakker@fabrikam.com" when the
 *    tenant is fabrikam.nl) — offered as a suggestion, never used as if it had been typed.
 */
export async function resolveAccount(directory: Directory, query: string, callerId: string, options: ResolveOptions = {}): Promise<Resolution> {
  const text = query.trim();
  if (/^(me|ik|mij|mijzelf|myself)$/i.test(text)) {
    const self = await directory.getAccount(callerId);
    return self ? { kind: 'one', account: self } : { kind: 'none', suggestions: [] };
  }
  if (text.includes('@')) {
    const found = await directory.findAccounts({ by: 'upnOrMail', value: text }, 2);
    if (found.length || !options.verifiedDomains) return decide(found, []);
    return retryOnVerifiedDomains(directory, text, await options.verifiedDomains());
  }
  const words = nameWords(text);
  if (words.length === 0) return { kind: 'none', suggestions: [] };
  const found = await directory.findAccounts({ by: 'name', value: text }, FETCH);
  const folded = foldName(text);
  const named = byName(text, found);
  if (named.length) return decide(named, []);

  const nearby = await directory.findAccounts({ by: 'search', words: words.map((w) => w.slice(0, 3)) }, FETCH);
  const nearbyExact = nearby.filter((a) => foldName(a.displayName ?? '') === folded || wordsMatch(words, a));
  if (nearbyExact.length) return decide(nearbyExact, []);
  return { kind: 'none', suggestions: rankSuggestions(folded, [...found, ...nearby]) };
}

/** The most domains a missed address is tried on, in one request (Graph's `in` takes a short list). */
const MAX_DOMAINS = 10;

async function retryOnVerifiedDomains(directory: Directory, address: string, domains: string[]): Promise<Resolution> {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const typedDomain = address.slice(at + 1).toLowerCase();
  const others = domains.filter((d) => d.toLowerCase() !== typedDomain).slice(0, MAX_DOMAINS);
  if (!local || others.length === 0) return { kind: 'none', suggestions: [] };
  const found = await directory.findAccounts({ by: 'upnOrMailIn', values: others.map((d) => `${local}@${d}`) }, MAX_CANDIDATES);
  const suggestions = dedupe(found).slice(0, 3);
  // Said only when true: the typed domain is none of the tenant's (not merely a domain this person has no address on).
  const foreign = !domains.some((d) => d.toLowerCase() === typedDomain);
  return foreign ? { kind: 'none', suggestions, otherDomain: true } : { kind: 'none', suggestions };
}

function decide(matches: Account[], suggestions: Account[]): Resolution {
  const unique = dedupe(matches);
  if (unique.length === 1) return { kind: 'one', account: unique[0] };
  if (unique.length > 1) return { kind: 'many', candidates: unique.slice(0, MAX_CANDIDATES) };
  return { kind: 'none', suggestions };
}

/** Every typed word is the start (`whole`: all) of a different word of the person's name or sign-in name. */
function wordsMatch(typed: string[], account: Account, whole = false): boolean {
  const own = [...nameWords(account.displayName ?? ''), ...nameWords(account.userPrincipalName.split('@')[0])];
  const used = new Set<number>();
  return typed.every((w) => {
    const i = own.findIndex((o, idx) => !used.has(idx) && (whole ? o === w : o.startsWith(w)));
    if (i < 0) return false;
    used.add(i);
    return true;
  });
}

function rankSuggestions(folded: string, pool: Account[]): Account[] {
  return dedupe(pool)
    .map((a) => ({ a, score: similarity(folded, foldName(a.displayName ?? a.userPrincipalName)) }))
    .filter((x) => x.score >= 0.5)
    .sort((x, y) => y.score - x.score)
    .slice(0, 3)
    .map((x) => x.a);
}

function dedupe(list: Account[]): Account[] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.id) && (seen.add(a.id), true));
}
