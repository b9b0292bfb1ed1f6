import type { Privileges } from '../directory/directory';
import type { ChangeableProperty, ChangeSubject } from '../language/request';
import { BENIGN_ROLE_IDS, knownRoles, READER_ROLE_IDS, type RoleName } from './roles';

/**
 * Who may change which property of whom, following Entra's own rules (../shared/reference/entra-sync.md §4):
 * the bot never grants more than Entra would.
 */
/** Reader-type roles count as unprivileged here, as in §4's tables. */
type Tier = 'unprivileged' | 'reader' | 'passwordAdmin' | 'helpdeskAdmin' | 'authenticationAdmin' | 'userAdmin' | 'privileged';

/**
 * Every tier the target's roles put it in. The tiers are not one ladder (the Authentication Admin row and the
 * Helpdesk/User Admin rows each allow an actor the other does not), so each applies: see {@link allowedBy}.
 */
export function targetTiers(targetRoleTemplateIds: readonly string[], hasOtherRole: boolean, roleAssignableMember = false, readerRole = false): Tier[] {
  const roles = new Set(knownRoles(targetRoleTemplateIds));
  // Any role the bot does not know (and Global Admin, PAA, PRA) counts as privileged: fail closed. So does membership
  // of a role-assignable group, whatever the group holds today (Entra protects its members the same way).
  if (hasOtherRole || roleAssignableMember || roles.has('globalAdministrator') || roles.has('privilegedAuthenticationAdministrator') || roles.has('privilegedRoleAdministrator')
    || roles.has('licenseAdministrator') || roles.has('hybridIdentityAdministrator')) return ['privileged'];
  const tiers: Tier[] = [];
  if (roles.has('userAdministrator') || roles.has('groupsAdministrator')) tiers.push('userAdmin');
  if (roles.has('authenticationAdministrator')) tiers.push('authenticationAdmin');
  if (roles.has('helpdeskAdministrator')) tiers.push('helpdeskAdmin');
  if (roles.has('passwordAdministrator')) tiers.push('passwordAdmin');
  if (readerRole) tiers.push('reader');
  return tiers.length ? tiers : ['unprivileged'];
}

/** The actor roles every one of the target's tiers allows: a role of the target never loosens another's row. */
function allowedBy(table: Record<Tier, RoleName[]>, tiers: Tier[]): RoleName[] {
  return table[tiers[0]].filter((r) => tiers.every((t) => table[t].includes(r)));
}

/** Sensitive properties: §4's "other sensitive actions" table applies. */
const SENSITIVE: ReadonlySet<ChangeableProperty> = new Set(['accountEnabled', 'businessPhones', 'mobilePhone']);

/** §4, "other sensitive actions": which actor roles may act on which target tier. */
const SENSITIVE_TABLE: Record<Tier, RoleName[]> = {
  unprivileged: ['authenticationAdministrator', 'userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  reader: ['authenticationAdministrator', 'userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  passwordAdmin: ['authenticationAdministrator', 'userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  authenticationAdmin: ['authenticationAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  helpdeskAdmin: ['userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  userAdmin: ['userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  privileged: ['privilegedAuthenticationAdministrator', 'globalAdministrator'],
};

/** Ordinary profile properties: User Administrators and Global Administrators; privileged targets only by a GA. */
const PROFILE_TABLE: Record<Tier, RoleName[]> = {
  unprivileged: ['userAdministrator', 'globalAdministrator'],
  reader: ['userAdministrator', 'globalAdministrator'],
  passwordAdmin: ['userAdministrator', 'globalAdministrator'],
  authenticationAdmin: ['userAdministrator', 'globalAdministrator'],
  helpdeskAdmin: ['userAdministrator', 'globalAdministrator'],
  userAdmin: ['userAdministrator', 'globalAdministrator'],
  privileged: ['globalAdministrator'],
};

export interface ChangeDecisionInput {
  actorRoleTemplateIds: readonly string[];
  targetRoleTemplateIds: readonly string[];
  /** The target holds a directory role the bot does not know: treated as privileged. */
  targetHasOtherRole: boolean;
  /** Accounts nobody may change through the bot (policy file). */
  protectedTarget: boolean;
  /** The target is a member of a role-assignable group: protected like a holder of a privileged role. */
  targetRoleAssignable?: boolean;
  /** The target holds a reader-type role (Reports Reader, …): a Password Administrator may not reset them. */
  targetReaderRole?: boolean;
}

/**
 * The decision's input from what was read: the actor acts with the roles assigned to them tenant-wide and active
 * now (an eligible role must be activated first); the target is protected by every role they hold or may activate,
 * at any scope, and by membership of a role-assignable group.
 */
export function decisionInput(actor: Privileges, target: Privileges, protectedTarget: boolean): ChangeDecisionInput {
  const unknown = target.heldRoleIds.filter((id) => knownRoles([id]).length === 0);
  return {
    actorRoleTemplateIds: actor.activeRoleIds,
    targetRoleTemplateIds: target.heldRoleIds,
    targetHasOtherRole: unknown.some((id) => !BENIGN_ROLE_IDS.has(id) && !READER_ROLE_IDS.has(id)),
    protectedTarget,
    targetRoleAssignable: target.roleAssignableGroups.length > 0,
    targetReaderRole: unknown.some((id) => READER_ROLE_IDS.has(id)),
  };
}

/** true, or why not. usageLocation may also be set by License Administrators (it gates licences). */
export function mayChangeProperty(input: ChangeDecisionInput, property: ChangeableProperty): true | 'protected' | 'role' {
  if (input.protectedTarget) return 'protected';
  const actor = new Set(knownRoles(input.actorRoleTemplateIds));
  return propertyRoles(input, property).some((r) => actor.has(r)) ? true : 'role';
}

function propertyRoles(input: ChangeDecisionInput, property: ChangeableProperty): RoleName[] {
  const tiers = targetTiers(input.targetRoleTemplateIds, input.targetHasOtherRole, input.targetRoleAssignable, input.targetReaderRole);
  const table = SENSITIVE.has(property) ? SENSITIVE_TABLE : PROFILE_TABLE;
  return [...allowedBy(table, tiers), ...(property === 'usageLocation' && !tiers.includes('privileged') ? (['licenseAdministrator'] as RoleName[]) : [])];
}

/** §4, password reset: which actor roles may reset the password of which target tier. */
const PASSWORD_TABLE: Record<Tier, RoleName[]> = {
  unprivileged: ['passwordAdministrator', 'helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  reader: ['helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  passwordAdmin: ['passwordAdministrator', 'helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  helpdeskAdmin: ['helpdeskAdministrator', 'userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  authenticationAdmin: ['authenticationAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  userAdmin: ['userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
  privileged: ['privilegedAuthenticationAdministrator', 'globalAdministrator'],
};

/** Licences: License Administrators manage them for anyone, as do User and Global Administrators. */
const LICENCE_ROLES: RoleName[] = ['licenseAdministrator', 'userAdministrator', 'globalAdministrator'];
const GROUP_ROLES: RoleName[] = ['groupsAdministrator', 'userAdministrator', 'globalAdministrator'];
/** Members of a role-assignable group hold its roles: only these may change them. */
const ROLE_ASSIGNABLE_GROUP_ROLES: RoleName[] = ['privilegedRoleAdministrator', 'globalAdministrator'];

/**
 * Why a change was refused and the way forward: the roles that may make it, and whether it is the target that raises
 * the bar (its roles, a role the bot does not know, a role-assignable group, a reader-type role) — only then is the
 * target named as the reason. Only for a refusal to show; the decision is {@link mayChange}'s.
 */
export interface Refusal {
  /** The actor roles that may make this change. */
  allowedRoles: RoleName[];
  /** The target's protection is why: an unprivileged account would allow more roles. */
  becauseOfTarget: boolean;
  /** The target's known roles alone raise the bar this high (else a group, an unknown or a reader role does). */
  rolesExplain: boolean;
  targetRoles: RoleName[];
  targetOtherRole: boolean;
  targetRoleAssignable: boolean;
  targetReaderRole: boolean;
  /** The group itself is role-assignable (group membership changes only). */
  roleAssignableGroup: boolean;
}

export function explainRefusal(input: ChangeDecisionInput, subject: ChangeSubject, about: { roleAssignableGroup?: boolean } = {}): Refusal {
  const allowed = allowedRoles(input, subject, about);
  const unprivileged: ChangeDecisionInput = { ...input, targetRoleTemplateIds: [], targetHasOtherRole: false, targetRoleAssignable: false, targetReaderRole: false };
  const same = (a: RoleName[], b: RoleName[]) => a.length === b.length && a.every((r) => b.includes(r));
  const rolesOnly = allowedRoles({ ...unprivileged, targetRoleTemplateIds: input.targetRoleTemplateIds }, subject, about);
  return {
    allowedRoles: allowed,
    becauseOfTarget: !same(allowed, allowedRoles(unprivileged, subject, about)),
    rolesExplain: knownRoles(input.targetRoleTemplateIds).length > 0 && same(allowed, rolesOnly),
    targetRoles: knownRoles(input.targetRoleTemplateIds),
    targetOtherRole: input.targetHasOtherRole,
    targetRoleAssignable: input.targetRoleAssignable === true,
    targetReaderRole: input.targetReaderRole === true,
    roleAssignableGroup: about.roleAssignableGroup === true,
  };
}

/**
 * true, or why not, for any plan subject. Revoking sessions follows the password table without the
 * Password Administrator, who may reset passwords but not invalidate refresh tokens.
 */
export function mayChange(input: ChangeDecisionInput, subject: ChangeSubject, about: { roleAssignableGroup?: boolean } = {}): true | 'protected' | 'role' {
  if (input.protectedTarget) return 'protected';
  const actor = new Set(knownRoles(input.actorRoleTemplateIds));
  return allowedRoles(input, subject, about).some((r) => actor.has(r)) ? true : 'role';
}

/** The actor roles that may change `subject` of this target. */
function allowedRoles(input: ChangeDecisionInput, subject: ChangeSubject, about: { roleAssignableGroup?: boolean }): RoleName[] {
  const tiers = () => targetTiers(input.targetRoleTemplateIds, input.targetHasOtherRole, input.targetRoleAssignable, input.targetReaderRole);
  switch (subject) {
    case 'password':
      return allowedBy(PASSWORD_TABLE, tiers());
    case 'signInSessions':
      return allowedBy(PASSWORD_TABLE, tiers()).filter((r) => r !== 'passwordAdministrator');
    case 'licence':
      return LICENCE_ROLES;
    case 'group':
      return about.roleAssignableGroup ? ROLE_ASSIGNABLE_GROUP_ROLES : GROUP_ROLES;
    default:
      return propertyRoles(input, subject);
  }
}

/** What someone's roles let them do to an ordinary account: what their help and welcome offer, and nothing more. */
export interface Abilities {
  profile: boolean;
  block: boolean;
  password: boolean;
  licence: boolean;
  group: boolean;
}

export function abilitiesOf(actorRoleTemplateIds: readonly string[]): Abilities {
  const ordinary: ChangeDecisionInput = { actorRoleTemplateIds, targetRoleTemplateIds: [], targetHasOtherRole: false, protectedTarget: false };
  const can = (subject: ChangeSubject) => mayChange(ordinary, subject) === true;
  return { profile: can('jobTitle'), block: can('accountEnabled'), password: can('password'), licence: can('licence'), group: can('group') };
}
