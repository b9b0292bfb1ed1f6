/** Entra built-in role template ids the bot reasons about (../shared/reference/entra-sync.md §4). */
export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  hybridIdentityAdministrator: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
} as const;

export type RoleName = keyof typeof ROLE;

const BY_TEMPLATE = new Map<string, RoleName>(Object.entries(ROLE).map(([name, id]) => [id, name as RoleName]));

/** The role names the bot knows among a user's role template ids; unknown roles are kept out. */
export function knownRoles(roleTemplateIds: readonly string[]): RoleName[] {
  return roleTemplateIds.map((id) => BY_TEMPLATE.get(id.toLowerCase())).filter((r): r is RoleName => r !== undefined);
}

/** Roles that administer user accounts in some way: holders are treated as admins by the bot. */
export const ADMIN_ROLES: ReadonlySet<RoleName> = new Set(Object.keys(ROLE) as RoleName[]);

/** Entra's own names of the roles, as the admin center shows them (not translated there either). */
const DISPLAY_NAME: Record<RoleName, string> = {
  globalAdministrator: 'Global Administrator',
  userAdministrator: 'User Administrator',
  helpdeskAdministrator: 'Helpdesk Administrator',
  passwordAdministrator: 'Password Administrator',
  authenticationAdministrator: 'Authentication Administrator',
  privilegedAuthenticationAdministrator: 'Privileged Authentication Administrator',
  privilegedRoleAdministrator: 'Privileged Role Administrator',
  groupsAdministrator: 'Groups Administrator',
  licenseAdministrator: 'License Administrator',
  hybridIdentityAdministrator: 'Hybrid Identity Administrator',
};

/** Entra's name of one role the bot knows. */
export function roleDisplayName(role: RoleName): string {
  return DISPLAY_NAME[role];
}

/** The names of the roles the bot knows among these template ids. */
export function roleDisplayNames(roleTemplateIds: readonly string[]): string[] {
  return knownRoles(roleTemplateIds).map((r) => DISPLAY_NAME[r]);
}

/** Whether someone acts as an admin through the bot: they hold, active and tenant-wide, a role it knows. */
export function isAdminRole(roleTemplateIds: readonly string[]): boolean {
  return knownRoles(roleTemplateIds).length > 0;
}

/**
 * Roles §4 counts as no admin role at all when the target holds them (Directory Readers, Guest Inviter), and the
 * reader-type roles a Helpdesk Administrator may still reset but a Password Administrator may not. Any other role the
 * bot does not know makes its holder privileged (fail closed), UX Success Manager included, whose id is not listed.
 */
export const BENIGN_ROLE_IDS: ReadonlySet<string> = new Set([
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', // Directory Readers
  '95e79109-95c0-4d8e-aee3-d01accf2d47b', // Guest Inviter
]);
export const READER_ROLE_IDS: ReadonlySet<string> = new Set([
  '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b', // Message Center Reader
  '4a5d8f65-41da-4de4-8968-e035b65339cf', // Reports Reader
  '75934031-6c7e-415a-99d7-48dbd49e875e', // Usage Summary Reports Reader
]);
