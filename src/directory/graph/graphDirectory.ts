import type { Account } from '../account';
import { ACCOUNT_SELECT } from '../account';
import type {
  AccountQuery, AccountSummary, BatchWrite, BatchWriteResult, Directory, Group, MailboxPurpose, Organization, Privileges,
  SingleAccountQuery, SubscribedSku, WriteResult,
} from '../directory';
import { DirectoryError } from '../../errors';
import type { DelegatedTokenSource } from '../delegatedTokens';
import { accountQueryRequest, accountsOf, MANAGER_EXPAND, normalizeAccount, normalizeSummary, SUMMARY_SELECT } from './accountQuery';
import { readAllPrivileges } from './allPrivileges';
import { findAccountsInBatches } from './batchFind';
import { readUsersInBatches } from './batchRead';
import { writeInBatches } from './batchWrite';
import { CoalescedListReads } from './coalescedListReads';
import { readMailbox } from './mailbox';
import { graphPath, odataString, queryString, searchClause } from './graphPath';
import type { GraphCallOptions, GraphTransport } from './graphTransport';
import { readAllPages, type Page } from './pages';
import {
  addMemberRef, assignLicense, patchUser, removeMemberRef, revokeSessions, setManagerRef, settles, type WriteRequest,
} from './writeRequests';

const GROUP_SELECT = 'id,displayName,mail,mailEnabled,securityEnabled,groupTypes,onPremisesSyncEnabled,onPremisesSamAccountName,membershipRule,isAssignableToRole';
/** The password authentication method has this fixed id for every user. */
const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
const ASSIGNMENT_SELECT = 'roleDefinitionId,directoryScopeId';

export interface GraphDirectoryMode {
  /**
   * Delegated mode (GRAPH_MODE=delegated): where the acting admin's own Graph token comes from. With it, `asUser(id)`
   * is a view whose writes carry that user's token; without it (application mode) every call carries the app's.
   */
  delegated?: DelegatedTokenSource;
}

/** `Directory` over Microsoft Graph v1.0. Reads always name their fields with `$select`. */
export class GraphDirectory implements Directory {
  /** Set on an `asUser` view in delegated mode: what every write of this view sends instead of the app's token. */
  private writeAs: Pick<GraphCallOptions, 'bearer'> = {};
  /** Lists read at the same moment (the caller's roles and the target's) go out in one `$batch`. */
  private readonly lists: CoalescedListReads;

  constructor(
    private readonly graph: GraphTransport,
    /** Graph's origin, for the `@odata.id` references that `$ref` writes carry. */
    private readonly origin = 'https://graph.microsoft.com',
    /** How bulk reads and writes wait out Retry-After (tests give a recording stand-in). */
    private readonly batchOptions: { sleep?: (ms: number) => Promise<void> } = {},
    private readonly mode: GraphDirectoryMode = {},
  ) {
    this.lists = new CoalescedListReads(graph);
  }

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
    const request = accountQueryRequest(query, limit);
    const r = await this.graph.call<Page<Account>>('GET', request.path, { headers: request.headers });
    return accountsOf(request, r.body.value);
  }

  findAccountsMany(queries: SingleAccountQuery[], limitEach: number): Promise<(Account[] | DirectoryError)[]> {
    return findAccountsInBatches(this.graph, queries, limitEach, this.batchOptions);
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
    // One round trip for the three lists (a `$batch`), shared with another person's read at the same moment: see
    // readListsSettled and CoalescedListReads for why that loses nothing.
    const lists = await this.lists.read<Record<string, unknown>>([
      assignmentsPath('roleAssignments', id),
      groupsPath,
      ...(options.eligibility ? [assignmentsPath('roleEligibilityScheduleInstances', id)] : []),
    ]);
    const [ownRows, memberships, eligibleRows = []] = lists as [Record<string, unknown>[], { id: string; displayName?: string; isAssignableToRole?: boolean }[], Record<string, unknown>[]?];
    const groups = memberships.filter((g) => g.isAssignableToRole === true);
    const viaGroups = await this.lists.read<Record<string, unknown>>(groups.map((g) => assignmentsPath('roleAssignments', String(g.id))));
    const active = [...ownRows, ...viaGroups.flat()].map(toAssignment);
    const eligible = eligibleRows.map(toAssignment);
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

  getAllPrivileges(options: { eligibility: boolean }): Promise<Map<string, Privileges>> {
    return readAllPrivileges(this.graph, options, this.batchOptions);
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
    return this.write(patchUser(id, patch));
  }

  async setManager(id: string, managerId: string | null): Promise<WriteResult> {
    return this.write(setManagerRef(id, managerId, this.origin));
  }

  async writeBatch(items: BatchWrite[], options: { onProgress?: (done: number) => void } = {}): Promise<BatchWriteResult[]> {
    // Delegated: no token, no batch. SignInRequired is thrown before anything is sent (later batches that cannot get
    // one fail item by item, unsent).
    if (this.writeAs.bearer && items.length > 0) await this.writeAs.bearer();
    return writeInBatches(this.graph, items, this.origin, { onProgress: options.onProgress, sleep: this.batchOptions.sleep, ...this.writeAs });
  }

  /** One write as its builder made it; an error that means the asked-for state holds counts as done. */
  private async write(request: WriteRequest): Promise<WriteResult> {
    try {
      const r = await this.graph.call(request.method, request.path, request.body === undefined ? { ...this.writeAs } : { body: request.body, ...this.writeAs });
      return { requestId: r.requestId };
    } catch (e) {
      if (e instanceof DirectoryError && settles(request, e)) return { requestId: e.requestId };
      throw e;
    }
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

  /**
   * Application mode: this (every call carries the app's token). Delegated mode: the same directory, whose writes
   * (updateAccount, setManager, group members, licences, sign-out, passwords, writeBatch) carry `userId`'s own token,
   * asked of the token source for each write; reads keep the app's. SignInRequired from the source comes out of the
   * write unchanged; a 403 is ENTRA_REFUSED.
   */
  asUser(userId: string): Directory {
    const source = this.mode.delegated;
    if (!source) return this;
    const view = new GraphDirectory(this.graph, this.origin, this.batchOptions, this.mode);
    view.writeAs = { bearer: () => source.tokenFor(userId) };
    return view;
  }

  async getGroupMemberIds(groupId: string): Promise<string[]> {
    const rows = await this.all<{ id: string }>(graphPath`/groups/${groupId}/members/microsoft.graph.user` + queryString({ $select: 'id', $top: '999' }));
    return rows.map((r) => String(r.id));
  }

  async getDirectGroupIds(id: string): Promise<string[]> {
    const rows = await this.all<{ id: string }>(graphPath`/users/${id}/memberOf/microsoft.graph.group` + queryString({ $select: 'id', $top: '999' }));
    return rows.map((r) => String(r.id));
  }

  async getDirectGroups(id: string): Promise<Group[]> {
    // Ordinary consistency, as getPrivileges reads them: a membership given a minute ago must be there.
    const rows = await this.all<Record<string, unknown>>(graphPath`/users/${id}/memberOf/microsoft.graph.group` + queryString({ $select: GROUP_SELECT, $top: '999' }));
    return rows.map(normalizeGroup);
  }

  getMailbox(id: string): Promise<{ purpose: MailboxPurpose } | null> {
    return readMailbox(this.graph, id);
  }

  async addGroupMember(groupId: string, memberId: string): Promise<WriteResult> {
    return this.write(addMemberRef(groupId, memberId, this.origin));
  }

  async removeGroupMember(groupId: string, memberId: string): Promise<WriteResult> {
    return this.write(removeMemberRef(groupId, memberId));
  }

  async assignLicenses(id: string, add: string[], remove: string[]): Promise<WriteResult> {
    return this.write(assignLicense(id, add, remove));
  }

  async revokeSignInSessions(id: string): Promise<WriteResult> {
    return this.write(revokeSessions(id));
  }

  async setTemporaryPassword(id: string, password: string): Promise<WriteResult> {
    const r = await this.graph.call('PATCH', graphPath`/users/${id}`, { body: { passwordProfile: { password, forceChangePasswordNextSignIn: true } }, ...this.writeAs });
    return { requestId: r.requestId };
  }

  async resetPasswordWithWriteback(id: string, password: string): Promise<WriteResult> {
    // 202 Accepted: the reset runs on; the operation's Location is not polled (the admin is told it is under way).
    const r = await this.graph.call('POST', graphPath`/users/${id}/authentication/methods/${PASSWORD_METHOD_ID}/resetPassword`, { body: { newPassword: password }, ...this.writeAs });
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
  private all<T>(path: string, headers?: Record<string, string>): Promise<T[]> {
    return readAllPages<T>(this.graph, path, headers);
  }
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

function assignmentsPath(set: 'roleAssignments' | 'roleEligibilityScheduleInstances', principalId: string): string {
  return `/roleManagement/directory/${set}` + queryString({ $filter: `principalId eq ${odataString(principalId)}`, $select: ASSIGNMENT_SELECT });
}

/** A missing scope is not the tenant: only an explicit '/' lets the holder act everywhere (fail closed). */
function toAssignment(r: Record<string, unknown>): { roleDefinitionId: string; directoryScopeId: string | null } {
  return { roleDefinitionId: String(r.roleDefinitionId ?? ''), directoryScopeId: (r.directoryScopeId as string | null | undefined) ?? null };
}
