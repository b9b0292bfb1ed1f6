import { GraphError, GraphMessages } from './graphError';
import type { GraphRequest } from './router';
import type { GraphObject, TenantState } from './tenantState';

/**
 * Entra's own rules for a write made with a user's delegated token (../shared/reference/entra-sync.md §4): what the
 * signed-in user's ACTIVE directory roles (tenant-wide assignments, directly or through a role-assignable group; a
 * PIM eligibility grants nothing until activated) allow them to do to the target, judged by what protects the target
 * (every role they hold or may activate, at any scope, and membership of a role-assignable group). Written from the
 * reference, not from the bot's policy: the emulator plays Entra, the bot's checks are the second line.
 *
 * Not modelled: administrative-unit scoped roles (they grant nothing here), restricted-management units, Conditional
 * Access, custom roles. A write this file does not know is Global Administrator's only (fail closed).
 */

const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
} as const;
type Role = keyof typeof ROLE;

/** Roles that leave their holder an ordinary target: Directory Readers, Guest Inviter. */
const NO_ADMIN_ROLES = new Set(['88d8e3e3-8f55-4a1e-953a-9b9898b8876b', '95e79109-95c0-4d8e-aee3-d01accf2d47b']);
/** §4's reader-type row: Message Center Reader, Reports Reader, Usage Summary Reports Reader. */
const READER_ROLES = new Set(['790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b', '4a5d8f65-41da-4de4-8968-e035b65339cf', '75934031-6c7e-415a-99d7-48dbd49e875e']);

/** The rows of §4's tables: what protects a target. A target in several rows needs an actor every one allows. */
type Row = 'none' | 'reader' | 'passwordAdmin' | 'helpdeskAdmin' | 'authenticationAdmin' | 'userAdmin' | 'privileged';

const ALL_ADMINS: Role[] = ['userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'];

/** §4, password reset (columns PwdAdm, Help, Auth, UserAdm, PAA, GA). */
const PASSWORD: Record<Row, Role[]> = {
  none: ['passwordAdministrator', 'helpdeskAdministrator', 'authenticationAdministrator', ...ALL_ADMINS],
  passwordAdmin: ['passwordAdministrator', 'helpdeskAdministrator', 'authenticationAdministrator', ...ALL_ADMINS],
  reader: ['helpdeskAdministrator', 'authenticationAdministrator', ...ALL_ADMINS],
  helpdeskAdmin: ['helpdeskAdministrator', ...ALL_ADMINS],
  authenticationAdmin: ['authenticationAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  userAdmin: ALL_ADMINS,
  privileged: ['privilegedAuthenticationAdministrator', 'globalAdministrator'],
};

/** §4, other sensitive actions (accountEnabled, phones, otherMails, userPrincipalName, onPremisesImmutableId). */
const SENSITIVE: Record<Row, Role[]> = {
  none: ['authenticationAdministrator', ...ALL_ADMINS],
  passwordAdmin: ['authenticationAdministrator', ...ALL_ADMINS],
  reader: ['authenticationAdministrator', ...ALL_ADMINS],
  authenticationAdmin: ['authenticationAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  helpdeskAdmin: ALL_ADMINS,
  userAdmin: ALL_ADMINS,
  privileged: ['privilegedAuthenticationAdministrator', 'globalAdministrator'],
};

/** Ordinary profile properties and the manager: User Administrator, and for a privileged target Global Administrator. */
const PROFILE: Record<Row, Role[]> = {
  none: ['userAdministrator', 'globalAdministrator'],
  passwordAdmin: ['userAdministrator', 'globalAdministrator'],
  reader: ['userAdministrator', 'globalAdministrator'],
  authenticationAdmin: ['userAdministrator', 'globalAdministrator'],
  helpdeskAdmin: ['userAdministrator', 'globalAdministrator'],
  userAdmin: ['userAdministrator', 'globalAdministrator'],
  privileged: ['globalAdministrator'],
};

/** Invalidating refresh tokens: the password table without the Password Administrator (who lacks that permission). */
const SIGN_IN_SESSIONS: Record<Row, Role[]> = Object.fromEntries(
  Object.entries(PASSWORD).map(([row, roles]) => [row, roles.filter((r) => r !== 'passwordAdministrator')]),
) as Record<Row, Role[]>;

const SENSITIVE_PROPERTIES = new Set(['accountenabled', 'businessphones', 'mobilephone', 'othermails', 'userprincipalname', 'onpremisesimmutableid']);
const LICENCE_ROLES: Role[] = ['licenseAdministrator', 'userAdministrator', 'globalAdministrator'];
const GROUP_ROLES: Role[] = ['groupsAdministrator', 'userAdministrator', 'globalAdministrator'];
const PRIVILEGED_ROLE_ROLES: Role[] = ['privilegedRoleAdministrator', 'globalAdministrator'];

const lower = (id: unknown) => String(id).toLowerCase();

/** Role template ids the user may act with now: tenant-wide assignments, directly or through a role-assignable group. */
export function activeRoleIds(state: TenantState, userId: string): Set<string> {
  const principals = principalsOf(state, userId);
  return new Set(state.roleAssignments().filter((a) => principals.has(lower(a.principalId)) && a.directoryScopeId === '/').map((a) => lower(a.roleDefinitionId)));
}

/** The user and the role-assignable groups they are a direct member of (such groups hold no groups). */
function principalsOf(state: TenantState, userId: string): Set<string> {
  const groups = state.groupMembers.sourcesOf(userId).filter((g) => state.group(g)?.isAssignableToRole === true);
  return new Set([lower(userId), ...groups.map(lower)]);
}

/** The rows of the tables that protect this target. */
function rowsOf(state: TenantState, target: GraphObject): Row[] {
  const principals = principalsOf(state, target.id);
  if (principals.size > 1) return ['privileged'];
  const held = new Set([...state.roleAssignments(), ...state.roleEligibilityScheduleInstances()]
    .filter((a) => principals.has(lower(a.principalId))).map((a) => lower(a.roleDefinitionId)));
  const rows = new Set<Row>();
  for (const id of held) {
    if (NO_ADMIN_ROLES.has(id)) continue;
    if (READER_ROLES.has(id)) rows.add('reader');
    else if (id === ROLE.passwordAdministrator) rows.add('passwordAdmin');
    else if (id === ROLE.helpdeskAdministrator) rows.add('helpdeskAdmin');
    else if (id === ROLE.authenticationAdministrator) rows.add('authenticationAdmin');
    else if (id === ROLE.userAdministrator || id === ROLE.groupsAdministrator) rows.add('userAdmin');
    // Global Admin, PAA, Privileged Role Admin and any other role.
    else return ['privileged'];
  }
  return rows.size ? [...rows] : ['none'];
}

function allowed(table: Record<Row, Role[]>, rows: Row[]): Role[] {
  return table[rows[0]].filter((r) => rows.every((row) => table[row].includes(r)));
}

/**
 * The roles one of which the signed-in user needs for this write; 'owner' when they own the group whose members it
 * changes; null when the emulator leaves the judgement to the route (the target does not exist: the route answers 404).
 */
export function rolesNeeded(state: TenantState, req: GraphRequest, actorId: string): Role[] | 'owner' | null {
  const s = req.segments.map((x) => x.toLowerCase());
  if (s[0] === 'users' && s.length >= 2) {
    const target = state.findUser(req.segments[1]);
    if (!target) return null;
    const rows = rowsOf(state, target);
    if (s.length === 2 && req.method === 'PATCH') return patchRoles(req.body, rows);
    if (s[2] === 'manager') return allowed(PROFILE, rows);
    if (s[2] === 'assignlicense' && s.length === 3) return LICENCE_ROLES;
    if (s[2] === 'revokesigninsessions' && s.length === 3) return allowed(SIGN_IN_SESSIONS, rows);
    if (s[2] === 'authentication') return allowed(PASSWORD, rows);
    return ['globalAdministrator'];
  }
  if (s[0] === 'groups' && s[2] === 'members' && s.length >= 4) {
    const group = state.group(req.segments[1]);
    if (!group) return null;
    // An owner manages the members of their group, a role-assignable one included.
    if (state.groupOwners.has(group.id, actorId)) return 'owner';
    return group.isAssignableToRole === true ? PRIVILEGED_ROLE_ROLES : GROUP_ROLES;
  }
  if (s[0] === 'directoryroles') return PRIVILEGED_ROLE_ROLES;
  return ['globalAdministrator'];
}

/** A user PATCH: every property's table must allow the actor (a password, a sensitive property, an ordinary one). */
function patchRoles(body: unknown, rows: Row[]): Role[] {
  const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body).map((k) => k.toLowerCase()) : [];
  const tables = keys.map((k) => {
    if (k === 'passwordprofile') return allowed(PASSWORD, rows);
    if (SENSITIVE_PROPERTIES.has(k)) return allowed(SENSITIVE, rows);
    // usageLocation gates licences: a License Administrator may set it on anyone but a privileged account.
    if (k === 'usagelocation' && !rows.includes('privileged')) return [...allowed(PROFILE, rows), 'licenseAdministrator' as Role];
    return allowed(PROFILE, rows);
  });
  if (tables.length === 0) return allowed(PROFILE, rows);
  return tables.reduce((acc, roles) => acc.filter((r) => roles.includes(r)));
}

/** Throws Graph's 403 when the signed-in user's active roles do not allow this write. */
export function authorizeDelegatedWrite(state: TenantState, req: GraphRequest, actorId: string): void {
  const needed = rolesNeeded(state, req, actorId);
  if (needed === null || needed === 'owner') return;
  const active = activeRoleIds(state, actorId);
  if (needed.some((r) => active.has(ROLE[r]))) return;
  throw new GraphError(403, 'Authorization_RequestDenied', GraphMessages.insufficientPrivileges);
}
