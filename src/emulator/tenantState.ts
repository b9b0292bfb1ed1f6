import { jsonClone } from './jsonClone';
import { RelationIndex } from './relationIndex';
import { licensedPlans } from './servicePlans';
import type { TenantFixture, TenantFixtureInput } from './tenantFixture';

/** A Graph object as stored: plain JSON, mutable only through TenantState. */
export type GraphObject = Record<string, unknown> & { id: string };
export type DirectoryObjectKind = 'user' | 'group' | 'directoryRole';

/** A password change the emulator saw. The password itself is never kept. */
export interface PasswordChange {
  at: string;
  via: 'passwordProfile' | 'resetPassword';
  forceChangePasswordNextSignIn: boolean | null;
  /** The long-running operation a resetPassword answered with (its Location). */
  operationId?: string;
}

const key = (id: string) => id.toLowerCase();

/**
 * The tenant in memory, per emulator instance. Users are indexed by id, userPrincipalName and mail, so the
 * lookups the bot makes most are O(1) even with 100,000 users; relations are kept in both directions.
 */
export class TenantState {
  readonly organization: GraphObject;
  /** Fixture switch, not a Graph property: whether a synced user's password may be reset from the cloud. */
  readonly passwordWritebackEnabled: boolean;
  private readonly userList: GraphObject[] = [];
  private readonly usersById = new Map<string, GraphObject>();
  private readonly usersByUpn = new Map<string, GraphObject>();
  /** Mail is not unique in Entra: one address can sit on several objects. Arrays, as 100,000 Sets cost seconds. */
  private readonly usersByMail = new Map<string, GraphObject[]>();
  private readonly groupList: GraphObject[] = [];
  private readonly groupsById = new Map<string, GraphObject>();
  private readonly roleList: GraphObject[] = [];
  private readonly rolesById = new Map<string, GraphObject>();
  private readonly skusById = new Map<string, GraphObject>();
  private readonly skuList: GraphObject[] = [];
  /** manager → direct report */
  readonly managers = new RelationIndex();
  /** group → member (user or group) */
  readonly groupMembers = new RelationIndex();
  /** directory role → member */
  readonly roleMembers = new RelationIndex();
  /** group → owner (a user): owners manage the group's members with a delegated token whatever their roles. */
  readonly groupOwners = new RelationIndex();
  /** PIM eligibilities: not memberships, so they change nothing the other reads show. */
  private readonly eligibilities: GraphObject[] = [];
  /** Scoped role assignments from the tenant file, beside those derived from the directory roles' members. */
  private readonly scopedAssignments: GraphObject[] = [];
  private readonly revocations = new Map<string, string[]>();
  private readonly passwordChanges = new Map<string, PasswordChange[]>();

  constructor(fixture: TenantFixture) {
    // Deep copies: the validated fixture stays pristine for reset(), whatever the tests write.
    const { passwordWritebackEnabled, ...organization } = jsonClone(fixture.organization);
    this.organization = organization as GraphObject;
    this.passwordWritebackEnabled = passwordWritebackEnabled;
    for (const u of fixture.users) {
      const { manager: _manager, ...user } = jsonClone(u);
      this.userList.push(user as GraphObject);
      this.usersById.set(key(user.id), user as GraphObject);
      this.indexUser(user as GraphObject);
    }
    for (const u of fixture.users) {
      if (u.manager) this.managers.add(this.findUser(u.manager)!.id, u.id);
    }
    for (const g of fixture.groups) {
      const { members, owners, ...group } = jsonClone(g);
      this.groupList.push(group as GraphObject);
      this.groupsById.set(key(group.id), group as GraphObject);
      for (const m of members) this.groupMembers.add(group.id, m);
      for (const o of owners ?? []) this.groupOwners.add(group.id, o);
    }
    for (const r of fixture.directoryRoles) {
      const { members, ...role } = jsonClone(r);
      this.roleList.push(role as GraphObject);
      this.rolesById.set(key(role.id), role as GraphObject);
      for (const m of members) this.roleMembers.add(role.id, m);
    }
    for (const e of fixture.roleEligibilityScheduleInstances) this.eligibilities.push(jsonClone(e) as GraphObject);
    for (const a of fixture.roleAssignments) this.scopedAssignments.push({ condition: null, principalOrganizationId: fixture.organization.id, ...jsonClone(a) } as GraphObject);
    for (const s of fixture.subscribedSkus) {
      const sku = { id: `${fixture.organization.id}_${s.skuId}`, ...jsonClone(s) } as GraphObject;
      this.skuList.push(sku);
      this.skusById.set(key(s.skuId), sku);
    }
    // A tenant file names licences; Graph serves the plans they bring (a saved state keeps its own).
    // Dated as the tenant file dates the user (else its organization, else a fixed day), so every load agrees.
    const since = typeof organization.createdDateTime === 'string' ? organization.createdDateTime : '2020-01-01T00:00:00Z';
    for (const user of this.userList) {
      if (user.assignedPlans === undefined) Object.assign(user, licensedPlans(user, (id) => this.sku(id), String(user.createdDateTime ?? since)));
    }
  }

  // ---- users

  /** By object id or userPrincipalName, as `/users/{id | userPrincipalName}` accepts both. */
  findUser(idOrUpn: string): GraphObject | undefined {
    return this.usersById.get(key(idOrUpn)) ?? this.usersByUpn.get(key(idOrUpn));
  }

  userById(id: string): GraphObject | undefined {
    return this.usersById.get(key(id));
  }

  userByUpn(upn: string): GraphObject | undefined {
    return this.usersByUpn.get(key(upn));
  }

  usersWithMail(mail: string): GraphObject[] {
    return [...(this.usersByMail.get(key(mail)) ?? [])];
  }

  /** All users in tenant order. The live array: callers must not modify it. */
  allUsers(): readonly GraphObject[] {
    return this.userList;
  }

  /** Applies already validated changes; keeps the look-up maps in step. */
  updateUser(user: GraphObject, changes: Record<string, unknown>): void {
    this.unindexUser(user);
    Object.assign(user, changes);
    this.indexUser(user);
  }

  managerOf(userId: string): GraphObject | undefined {
    const managerKey = this.managers.sourcesOf(userId)[0];
    return managerKey === undefined ? undefined : this.userById(managerKey);
  }

  directReports(userId: string): GraphObject[] {
    return this.managers.targetsOf(userId).map((id) => this.userById(id)!);
  }

  /** A user has at most one manager: setting one replaces the previous. */
  setManager(userId: string, managerId: string): void {
    this.removeManager(userId);
    this.managers.add(managerId, userId);
  }

  removeManager(userId: string): boolean {
    const current = this.managers.sourcesOf(userId)[0];
    return current !== undefined && this.managers.remove(current, userId);
  }

  // ---- groups, roles, licences

  group(id: string): GraphObject | undefined {
    return this.groupsById.get(key(id));
  }

  allGroups(): readonly GraphObject[] {
    return this.groupList;
  }

  directoryRole(id: string): GraphObject | undefined {
    return this.rolesById.get(key(id));
  }

  allDirectoryRoles(): readonly GraphObject[] {
    return this.roleList;
  }

  /**
   * Active role assignments as `roleManagement/directory/roleAssignments` serves them, derived from the
   * directory roles' members (a role-assignable group that holds a role is one principal, as in Graph):
   * one per (role, principal), all tenant-wide.
   */
  roleAssignments(): GraphObject[] {
    const tenantId = this.organization.id;
    const derived = this.roleList.flatMap((role) => this.roleMembers.targetsOf(role.id).flatMap((member) => {
      const principal = this.directoryObject(member);
      if (!principal) return [];
      return [{
        id: `${String(role.roleTemplateId)}_${principal.object.id}`,
        principalId: principal.object.id,
        roleDefinitionId: String(role.roleTemplateId),
        directoryScopeId: '/',
        appScopeId: null,
        condition: null,
        principalOrganizationId: tenantId,
      }];
    }));
    return [...derived, ...this.scopedAssignments];
  }

  roleEligibilityScheduleInstances(): readonly GraphObject[] {
    return this.eligibilities;
  }

  sku(skuId: string): GraphObject | undefined {
    return this.skusById.get(key(skuId));
  }

  allSkus(): readonly GraphObject[] {
    return this.skuList;
  }

  /** A user, group or directory role by id, tagged with its kind (for members, memberOf, $ref bodies). */
  directoryObject(id: string): { kind: DirectoryObjectKind; object: GraphObject } | undefined {
    const user = this.userById(id);
    if (user) return { kind: 'user', object: user };
    const group = this.group(id);
    if (group) return { kind: 'group', object: group };
    const role = this.directoryRole(id);
    return role ? { kind: 'directoryRole', object: role } : undefined;
  }

  /** Groups and roles `id` is a direct member of. */
  memberOf(id: string): { kind: DirectoryObjectKind; object: GraphObject }[] {
    const groups = this.groupMembers.sourcesOf(id).map((g) => ({ kind: 'group' as const, object: this.group(g)! }));
    const roles = this.roleMembers.sourcesOf(id).map((r) => ({ kind: 'directoryRole' as const, object: this.directoryRole(r)! }));
    return [...groups, ...roles];
  }

  /** Groups and roles `id` belongs to directly or through nested groups (cycles are tolerated). */
  transitiveMemberOf(id: string): { kind: DirectoryObjectKind; object: GraphObject }[] {
    const seen = new Set<string>();
    const out: { kind: DirectoryObjectKind; object: GraphObject }[] = [];
    const queue = [id];
    while (queue.length > 0) {
      for (const entry of this.memberOf(queue.shift()!)) {
        const k = key(entry.object.id);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(entry);
        if (entry.kind === 'group') queue.push(entry.object.id);
      }
    }
    return out;
  }

  // ---- actions the emulator records for tests

  recordSignInRevocation(userId: string, at: string): void {
    this.revocations.set(key(userId), [...(this.revocations.get(key(userId)) ?? []), at]);
  }

  recordPasswordChange(userId: string, change: PasswordChange): void {
    this.passwordChanges.set(key(userId), [...(this.passwordChanges.get(key(userId)) ?? []), change]);
  }

  // ---- the whole tenant, to be kept across restarts

  /**
   * The tenant as it is now, as a tenant file (relations back in the fixture-only `manager` and `members`),
   * so that loading it gives this state again; with `asOf` when its dates are relative (see tenantAsOf.ts). The emulator's records of sign-out and password events are not
   * part of it: they are there for tests to read, not tenant data.
   */
  snapshot(asOf: Date | null): TenantFixtureInput {
    const ids = (keys: string[]) => keys.map((k) => this.directoryObject(k)?.object.id ?? k);
    return jsonClone({
      ...(asOf ? { asOf: asOf.toISOString() } : {}),
      organization: { ...this.organization, passwordWritebackEnabled: this.passwordWritebackEnabled },
      users: this.userList.map((u) => ({ ...u, manager: this.managerOf(u.id)?.id ?? null })),
      groups: this.groupList.map((g) => {
        const owners = ids(this.groupOwners.targetsOf(g.id));
        return { ...g, members: ids(this.groupMembers.targetsOf(g.id)), ...(owners.length ? { owners } : {}) };
      }),
      subscribedSkus: this.skuList,
      directoryRoles: this.roleList.map((r) => ({ ...r, members: ids(this.roleMembers.targetsOf(r.id)) })),
      roleEligibilityScheduleInstances: this.eligibilities,
      roleAssignments: this.scopedAssignments,
      // The objects came from a validated file and are changed only by validated writes; a reader validates again.
    }) as unknown as TenantFixtureInput;
  }

  // ---- read-only views for tests (copies: a test cannot change the tenant behind the emulator's back)

  getUser(idOrUpn: string): GraphObject | undefined {
    const user = this.findUser(idOrUpn);
    return user && jsonClone(user);
  }

  getGroup(id: string): GraphObject | undefined {
    const group = this.group(id);
    return group && jsonClone(group);
  }

  getSku(skuId: string): GraphObject | undefined {
    const sku = this.sku(skuId);
    return sku && jsonClone(sku);
  }

  getManagerId(userId: string): string | null {
    return this.managerOf(userId)?.id ?? null;
  }

  getGroupMemberIds(groupId: string): string[] {
    return this.groupMembers.targetsOf(groupId).map((m) => this.directoryObject(m)?.object.id ?? m);
  }

  getSignInRevocations(userId: string): string[] {
    return [...(this.revocations.get(key(userId)) ?? [])];
  }

  getPasswordChanges(userId: string): PasswordChange[] {
    return jsonClone(this.passwordChanges.get(key(userId)) ?? []);
  }

  private indexUser(user: GraphObject): void {
    this.usersByUpn.set(key(String(user.userPrincipalName)), user);
    if (typeof user.mail === 'string' && user.mail) {
      const mailKey = key(user.mail);
      const list = this.usersByMail.get(mailKey);
      if (list) list.push(user);
      else this.usersByMail.set(mailKey, [user]);
    }
  }

  private unindexUser(user: GraphObject): void {
    this.usersByUpn.delete(key(String(user.userPrincipalName)));
    if (typeof user.mail !== 'string') return;
    const list = this.usersByMail.get(key(user.mail));
    if (list) this.usersByMail.set(key(user.mail), list.filter((u) => u !== user));
  }
}
