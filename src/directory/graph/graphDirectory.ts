import type { Account } from '../account';
import { ACCOUNT_SELECT } from '../account';
import type {
  AccountQuery, AccountSummary, Directory, Group, Organization, Privileges, SubscribedSku, WriteResult,
} from '../directory';
import { DirectoryError } from '../../errors';
import { graphPath, odataString, queryString, searchClause } from './graphPath';
import type { GraphTransport } from './graphTransport';
import { readUsersInBatches } from './batchRead';

const SUMMARY_SELECT = 'id,displayName,userPrincipalName,mail,jobTitle,department';
/** An account's manager in the same request as the account: one round trip instead of two. */
const MANAGER_EXPAND = `manager($select=${SUMMARY_SELECT})`;
const GROUP_SELECT = 'id,displayName,mail,mailEnabled,securityEnabled,groupTypes,onPremisesSyncEnabled,onPremisesSamAccountName,membershipRule,isAssignableToRole';
/** The password authentication method has this fixed id for every user. */
const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
/**
 * The most pages a list is followed for. A list that goes on past it is an error (GRAPH_INCOMPLETE), never a
 * shorter answer: a membership or role missing from a cut-short list would be taken for "not there".
 */
const MAX_PAGES = 100;
const ASSIGNMENT_SELECT = 'roleDefinitionId,directoryScopeId';

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** `Directory` over Microsoft Graph v1.0. Reads always name their fields with `$select`. */
export class GraphDirectory implements Directory {
  constructor(
    private readonly graph: GraphTransport,
    /** Graph's origin, for the `@odata.id` references that `$ref` writes carry. */
    private readonly origin = 'https://graph.microsoft.com',
  ) {}

  async getAccount(id: string): Promise<Account | null> {
    try {
      const r = await this.graph.call<Account>('GET', graphPath`/users/${id}` + queryString({ $select: ACCOUNT_SELECT.join(','), $expand: MANAGER_EXPAND }));
      return normalizeAccount(r.body, true);
    } catch (e) {
      if (e instanceof DirectoryError && e.code === 'GRAPH_NOT_FOUND') return null;
      throw e;
    }
  }

  readUsers(ids: readonly string[], select: readonly string[], options: { managerId?: boolean } = {}): Promise<Map<string, Record<string, unknown> | null>> {
    return readUsersInBatches(this.graph, ids, select, options.managerId === true);
  }

  async findAccounts(query: AccountQuery, limit: number): Promise<Account[]> {
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
    const r = await this.graph.call<Page<Account>>('GET', path, { headers });
    return r.body.value.slice(0, top).map((a) => normalizeAccount(a, expand !== undefined));
  }

  async getManager(id: string): Promise<AccountSummary | null> {
    try {
      const r = await this.graph.call<AccountSummary>('GET', graphPath`/users/${id}/manager` + queryString({ $select: SUMMARY_SELECT }));
      return normalizeSummary(r.body);
    } catch (e) {
      if (e instanceof DirectoryError && e.code === 'GRAPH_NOT_FOUND') return null;
      throw e;
    }
  }

  async getDirectReports(id: string): Promise<AccountSummary[]> {
    const rows = await this.all<AccountSummary>(graphPath`/users/${id}/directReports` + queryString({ $select: SUMMARY_SELECT }));
    return rows.map(normalizeSummary);
  }

  async getPrivileges(id: string, options: { eligibility: boolean }): Promise<Privileges> {
    // Role-assignable groups cannot contain groups, so the direct memberships hold all of them. They are read with
    // ordinary consistency and filtered here: an advanced query ($filter on isAssignableToRole) is answered from an
    // index that may lag, and a membership given or taken a minute ago must count now. 999 groups a page.
    const groupsPath = graphPath`/users/${id}/memberOf/microsoft.graph.group` + queryString({ $select: 'id,displayName,isAssignableToRole', $top: '999' });
    const [own, memberships, eligible] = await Promise.all([
      this.assignmentsOf('roleAssignments', id),
      this.all<{ id: string; displayName?: string; isAssignableToRole?: boolean }>(groupsPath),
      options.eligibility ? this.assignmentsOf('roleEligibilityScheduleInstances', id) : Promise.resolve([]),
    ]);
    const groups = memberships.filter((g) => g.isAssignableToRole === true);
    const viaGroups = (await Promise.all(groups.map((g) => this.assignmentsOf('roleAssignments', String(g.id))))).flat();
    const active = [...own, ...viaGroups];
    const ids = (list: { roleDefinitionId: string }[]) => [...new Set(list.map((a) => a.roleDefinitionId.toLowerCase()))];
    return {
      // Only a tenant-wide assignment lets the bot act for someone on any account; one scoped to an administrative
      // unit still protects its holder.
      activeRoleIds: ids(active.filter((a) => a.directoryScopeId === '/')),
      heldRoleIds: ids([...active, ...eligible]),
      roleAssignableGroups: groups.map((g) => ({ id: String(g.id), displayName: String(g.displayName ?? '') })),
      eligibilityRead: options.eligibility,
    };
  }

  /** A principal's active role assignments or PIM eligibilities, at any scope. */
  private async assignmentsOf(set: 'roleAssignments' | 'roleEligibilityScheduleInstances', principalId: string) {
    const rows = await this.all<{ roleDefinitionId?: string; directoryScopeId?: string | null }>(
      `/roleManagement/directory/${set}` + queryString({ $filter: `principalId eq ${odataString(principalId)}`, $select: ASSIGNMENT_SELECT }),
    );
    // A missing scope is not the tenant: only an explicit '/' lets the holder act everywhere (fail closed).
    return rows.map((r) => ({ roleDefinitionId: String(r.roleDefinitionId ?? ''), directoryScopeId: r.directoryScopeId ?? null }));
  }

  async getOrganization(): Promise<Organization> {
    const r = await this.graph.call<Page<Organization>>('GET', '/organization' + queryString({ $select: 'id,displayName,onPremisesSyncEnabled,onPremisesLastSyncDateTime,countryLetterCode,verifiedDomains' }));
    const org = r.body.value[0] as Omit<Organization, 'verifiedDomains'> & { verifiedDomains?: { name?: string; isDefault?: boolean }[] };
    const domains = [...(org.verifiedDomains ?? [])].sort((a, b) => Number(b.isDefault === true) - Number(a.isDefault === true));
    return {
      id: org.id,
      displayName: org.displayName,
      onPremisesSyncEnabled: org.onPremisesSyncEnabled ?? null,
      onPremisesLastSyncDateTime: org.onPremisesLastSyncDateTime ?? null,
      countryLetterCode: org.countryLetterCode ?? null,
      verifiedDomains: domains.map((d) => String(d.name ?? '')).filter(Boolean),
    };
  }

  async listSubscribedSkus(): Promise<SubscribedSku[]> {
    const rows = await this.all<SubscribedSku>('/subscribedSkus' + queryString({ $select: 'skuId,skuPartNumber,capabilityStatus,prepaidUnits,consumedUnits' }));
    return rows.map((s) => ({
      skuId: s.skuId,
      skuPartNumber: s.skuPartNumber,
      capabilityStatus: s.capabilityStatus,
      prepaidUnits: { enabled: s.prepaidUnits?.enabled ?? 0 },
      consumedUnits: s.consumedUnits ?? 0,
    }));
  }

  async updateAccount(id: string, patch: Record<string, unknown>): Promise<WriteResult> {
    const r = await this.graph.call('PATCH', graphPath`/users/${id}`, { body: patch });
    return { requestId: r.requestId };
  }

  async setManager(id: string, managerId: string | null): Promise<WriteResult> {
    const r = managerId === null
      ? await this.graph.call('DELETE', graphPath`/users/${id}/manager/$ref`)
      : await this.graph.call('PUT', graphPath`/users/${id}/manager/$ref`, { body: { '@odata.id': `${this.origin}/v1.0/users/${encodeURIComponent(managerId)}` } });
    return { requestId: r.requestId };
  }

  async findGroups(name: string, limit: number): Promise<Group[]> {
    const top = Math.min(Math.max(limit, 1), 999);
    const lit = odataString(name.trim());
    // Exact first: "Sales" must not be ambiguous just because "Sales Europe" exists too.
    for (const filter of [`displayName eq ${lit}`, `startswith(displayName,${lit})`]) {
      const r = await this.graph.call<Page<Record<string, unknown>>>('GET', '/groups' + queryString({ $filter: filter, $select: GROUP_SELECT, $top: String(top) }));
      if (r.body.value.length) return r.body.value.map(normalizeGroup);
    }
    return [];
  }

  async searchGroups(words: string[], limit: number): Promise<Group[]> {
    const top = Math.min(Math.max(limit, 1), 999);
    const search = words.map((w) => searchClause('displayName', w)).join(' OR ');
    if (!search) return [];
    // $search is an advanced query: Graph refuses it without ConsistencyLevel (and answers from an index that may lag,
    // which is fine for suggestions).
    const path = '/groups' + queryString({ $search: search, $select: GROUP_SELECT, $top: top, $count: 'true' });
    const r = await this.graph.call<Page<Record<string, unknown>>>('GET', path, { headers: { ConsistencyLevel: 'eventual' } });
    return r.body.value.slice(0, top).map(normalizeGroup);
  }

  async getGroup(id: string): Promise<Group | null> {
    try {
      const r = await this.graph.call<Record<string, unknown>>('GET', graphPath`/groups/${id}` + queryString({ $select: GROUP_SELECT }));
      return normalizeGroup(r.body);
    } catch (e) {
      if (e instanceof DirectoryError && e.code === 'GRAPH_NOT_FOUND') return null;
      throw e;
    }
  }

  async getDirectGroupIds(id: string): Promise<string[]> {
    const rows = await this.all<{ id: string }>(graphPath`/users/${id}/memberOf/microsoft.graph.group` + queryString({ $select: 'id', $top: '999' }));
    return rows.map((r) => String(r.id));
  }

  async addGroupMember(groupId: string, memberId: string): Promise<WriteResult> {
    try {
      const r = await this.graph.call('POST', graphPath`/groups/${groupId}/members/$ref`, { body: { '@odata.id': `${this.origin}/v1.0/directoryObjects/${encodeURIComponent(memberId)}` } });
      return { requestId: r.requestId };
    } catch (e) {
      // A retried POST can land twice; "already exist" means the member is there, which is what was asked.
      if (e instanceof DirectoryError && e.status === 400 && /already exist/i.test(e.message)) return { requestId: e.requestId };
      throw e;
    }
  }

  async removeGroupMember(groupId: string, memberId: string): Promise<WriteResult> {
    try {
      const r = await this.graph.call('DELETE', graphPath`/groups/${groupId}/members/${memberId}/$ref`);
      return { requestId: r.requestId };
    } catch (e) {
      // Not (or no longer) a member: the asked-for state holds.
      if (e instanceof DirectoryError && e.code === 'GRAPH_NOT_FOUND') return { requestId: e.requestId };
      throw e;
    }
  }

  async assignLicenses(id: string, add: string[], remove: string[]): Promise<WriteResult> {
    const r = await this.graph.call('POST', graphPath`/users/${id}/assignLicense`, {
      body: { addLicenses: add.map((skuId) => ({ skuId, disabledPlans: [] })), removeLicenses: remove },
    });
    return { requestId: r.requestId };
  }

  async revokeSignInSessions(id: string): Promise<WriteResult> {
    const r = await this.graph.call('POST', graphPath`/users/${id}/revokeSignInSessions`);
    return { requestId: r.requestId };
  }

  async setTemporaryPassword(id: string, password: string): Promise<WriteResult> {
    const r = await this.graph.call('PATCH', graphPath`/users/${id}`, { body: { passwordProfile: { password, forceChangePasswordNextSignIn: true } } });
    return { requestId: r.requestId };
  }

  async resetPasswordWithWriteback(id: string, password: string): Promise<WriteResult> {
    // 202 Accepted: the reset runs on; the operation's Location is not polled (the admin is told it is under way).
    const r = await this.graph.call('POST', graphPath`/users/${id}/authentication/methods/${PASSWORD_METHOD_ID}/resetPassword`, { body: { newPassword: password } });
    return { requestId: r.requestId };
  }

  async listRoleMembers(roleTemplateIds: readonly string[]): Promise<AccountSummary[]> {
    // Only activated roles are listed, a few dozen at most: one read, then one per wanted role.
    const wanted = new Set(roleTemplateIds.map((id) => id.toLowerCase()));
    const roles = await this.all<{ id: string; roleTemplateId: string }>('/directoryRoles' + queryString({ $select: 'id,roleTemplateId' }));
    const members = (await Promise.all(
      roles.filter((r) => wanted.has(String(r.roleTemplateId).toLowerCase()))
        .map((r) => this.all<Record<string, unknown>>(graphPath`/directoryRoles/${r.id}/members` + queryString({ $select: SUMMARY_SELECT }))),
    )).flat();
    // A role held by a role-assignable group is held by its members (such groups are flat: users only).
    const groups = members.filter((m) => m['@odata.type'] === '#microsoft.graph.group');
    const viaGroups = (await Promise.all(groups.map((g) =>
      this.all<Record<string, unknown>>(graphPath`/groups/${String(g.id)}/members/microsoft.graph.user` + queryString({ $select: SUMMARY_SELECT }))))).flat();
    const byId = new Map<string, AccountSummary>();
    for (const m of [...members, ...viaGroups]) {
      if (m['@odata.type'] === undefined || m['@odata.type'] === '#microsoft.graph.user') byId.set(String(m.id), normalizeSummary(m as Partial<AccountSummary>));
    }
    return [...byId.values()];
  }

  async ping(): Promise<boolean> {
    try {
      await this.graph.call('GET', '/organization' + queryString({ $select: 'id' }));
      return true;
    } catch {
      return false;
    }
  }

  /** Every page of a list, or an error: never a silently shorter list. */
  private async all<T>(path: string, headers?: Record<string, string>): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = path;
    for (let page = 0; next; page++) {
      if (page === MAX_PAGES) throw new DirectoryError('GRAPH_INCOMPLETE', `more than ${MAX_PAGES} pages: ${path.split('?')[0]}`, 0, null, null);
      const r: { body: Page<T>; status: number } = await this.graph.call<Page<T>>('GET', next, { headers });
      if (!Array.isArray(r.body?.value)) throw new DirectoryError('GRAPH_INCOMPLETE', `a page without a value list: ${path.split('?')[0]}`, r.status, null, null);
      out.push(...r.body.value);
      next = r.body['@odata.nextLink'];
    }
    return out;
  }
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

function normalizeGroup(g: Record<string, unknown>): Group {
  return {
    id: String(g.id),
    displayName: String(g.displayName ?? ''),
    mail: (g.mail as string | null) ?? null,
    mailEnabled: g.mailEnabled === true,
    securityEnabled: g.securityEnabled === true,
    groupTypes: Array.isArray(g.groupTypes) ? (g.groupTypes as string[]) : [],
    onPremisesSyncEnabled: (g.onPremisesSyncEnabled as boolean | null) ?? null,
    onPremisesSamAccountName: (g.onPremisesSamAccountName as string | null) ?? null,
    membershipRule: (g.membershipRule as string | null) ?? null,
    isAssignableToRole: g.isAssignableToRole === true,
  };
}

function normalizeSummary(u: Partial<AccountSummary>): AccountSummary {
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
function normalizeAccount(u: Partial<Account>, managerExpanded: boolean): Account {
  const out = {} as Record<string, unknown>;
  for (const key of ACCOUNT_SELECT) out[key] = (u as Record<string, unknown>)[key] ?? null;
  out.businessPhones = u.businessPhones ?? [];
  out.assignedLicenses = u.assignedLicenses ?? [];
  out.onPremisesProvisioningErrors = u.onPremisesProvisioningErrors ?? [];
  if (managerExpanded) out.manager = u.manager ? normalizeSummary(u.manager) : null;
  return out as unknown as Account;
}
