import type { Account } from '../account';
import { ACCOUNT_SELECT } from '../account';
import type { AccountQuery, AccountSummary } from '../directory';
import { odataString, queryString, searchClause } from './graphPath';

export const SUMMARY_SELECT = 'id,displayName,userPrincipalName,mail,jobTitle,department';
/** An account's manager in the same request as the account: one round trip instead of two. */
export const MANAGER_EXPAND = `manager($select=${SUMMARY_SELECT})`;

/** The one `GET /users?…` a `findAccounts` query is (findAccounts and findAccountsMany both send it). */
export interface AccountQueryRequest {
  path: string;
  headers?: Record<string, string>;
  top: number;
  managerExpanded: boolean;
}

export function accountQueryRequest(query: AccountQuery, limit: number): AccountQueryRequest {
  const top = Math.min(Math.max(limit, 1), 999);
  let filter: string | undefined;
  let search: string | undefined;
  switch (query.by) {
    case 'upnOrMail':
      filter = `userPrincipalName eq ${odataString(query.value)} or mail eq ${odataString(query.value)}`;
      break;
    case 'upnOrMailIn': {
      const list = query.values.map(odataString).join(',');
      filter = `userPrincipalName in (${list}) or mail in (${list})`;
      break;
    }
    case 'name':
      filter = nameFilter(query.value);
      break;
    case 'search':
      search = query.words.flatMap((w) => [searchClause('displayName', w), searchClause('mail', w)]).join(' OR ');
      break;
  }
  // The manager comes along with an exact or name look-up (the profile shows it, approvals check it); a $search
  // is an advanced query, with which Graph does not promise $expand, and only makes suggestions anyway.
  const expand = search ? undefined : MANAGER_EXPAND;
  const path = '/users' + queryString({ $filter: filter, $search: search, $select: ACCOUNT_SELECT.join(','), $expand: expand, $top: top, $count: search ? 'true' : undefined });
  // $search and $count are advanced queries: Graph refuses them without this header.
  const headers = search ? { ConsistencyLevel: 'eventual' } : undefined;
  return { path, headers, top, managerExpanded: expand !== undefined };
}

/** The accounts of one answered page, as findAccounts returns them. */
export function accountsOf(request: AccountQueryRequest, rows: Partial<Account>[]): Account[] {
  return rows.slice(0, request.top).map((a) => normalizeAccount(a, request.managerExpanded));
}

/**
 * One `$filter` for a typed name: the exact display name, a display name starting with it, or — for two or
 * more words — a first name starting with the first word and a surname starting with the last.
 * A single word may be any of display name, first name, surname or sign-in name.
 */
function nameFilter(value: string): string {
  const text = value.trim().replace(/\s+/g, ' ');
  const words = text.split(' ');
  const lit = odataString(text);
  const clauses = [`displayName eq ${lit}`, `startswith(displayName,${lit})`];
  if (words.length === 1) {
    clauses.push(`startswith(givenName,${lit})`, `startswith(surname,${lit})`, `startswith(userPrincipalName,${lit})`);
  } else {
    clauses.push(`(startswith(givenName,${odataString(words[0])}) and startswith(surname,${odataString(words[words.length - 1])}))`);
    clauses.push(`startswith(surname,${odataString(words.slice(1).join(' '))})`);
  }
  return clauses.join(' or ');
}

export function normalizeSummary(u: Partial<AccountSummary>): AccountSummary {
  return {
    id: String(u.id),
    displayName: u.displayName ?? null,
    userPrincipalName: String(u.userPrincipalName),
    mail: u.mail ?? null,
    jobTitle: u.jobTitle ?? null,
    department: u.department ?? null,
  };
}

/**
 * Graph leaves out what is not set on some objects; the rest of the code may rely on every field.
 * With `managerExpanded`, a missing manager means there is none (Graph leaves `manager` out then).
 */
export function normalizeAccount(u: Partial<Account>, managerExpanded: boolean): Account {
  const out = {} as Record<string, unknown>;
  for (const key of ACCOUNT_SELECT) out[key] = (u as Record<string, unknown>)[key] ?? null;
  out.businessPhones = u.businessPhones ?? [];
  out.assignedLicenses = u.assignedLicenses ?? [];
  out.onPremisesProvisioningErrors = u.onPremisesProvisioningErrors ?? [];
  if (managerExpanded) out.manager = u.manager ? normalizeSummary(u.manager) : null;
  return out as unknown as Account;
}
