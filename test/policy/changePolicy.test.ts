import { mayChange, mayChangeProperty } from '../../src/policy/changePolicy';
import { ROLE } from '../../src/policy/roles';

const decide = (actor: string[], target: string[], property: Parameters<typeof mayChangeProperty>[1], other = false) =>
  mayChangeProperty({ actorRoleTemplateIds: actor, targetRoleTemplateIds: target, targetHasOtherRole: other, protectedTarget: false }, property);

describe('mayChangeProperty follows Entra\'s rules', () => {
  it.each([
    [[ROLE.userAdministrator], [], 'jobTitle', true],
    [[ROLE.userAdministrator], [ROLE.globalAdministrator], 'jobTitle', 'role'],
    [[ROLE.globalAdministrator], [ROLE.globalAdministrator], 'jobTitle', true],
    [[ROLE.helpdeskAdministrator], [], 'jobTitle', 'role'],
    [[ROLE.helpdeskAdministrator], [ROLE.globalAdministrator], 'mobilePhone', 'role'],
    [[ROLE.authenticationAdministrator], [], 'mobilePhone', true],
    [[ROLE.authenticationAdministrator], [ROLE.helpdeskAdministrator], 'mobilePhone', 'role'],
    [[ROLE.userAdministrator], [ROLE.helpdeskAdministrator], 'accountEnabled', true],
    [[ROLE.userAdministrator], [ROLE.authenticationAdministrator], 'accountEnabled', 'role'],
    [[ROLE.privilegedAuthenticationAdministrator], [ROLE.globalAdministrator], 'accountEnabled', true],
    [[ROLE.licenseAdministrator], [], 'usageLocation', true],
    [[ROLE.licenseAdministrator], [], 'department', 'role'],
    [[], [], 'jobTitle', 'role'],
  ] as const)('actor %j, target %j, %s → %s', (actor, target, property, expected) => {
    expect(decide([...actor], [...target], property)).toBe(expected);
  });

  it('treats a role it does not know as privileged', () => {
    expect(decide([ROLE.userAdministrator], [], 'jobTitle', true)).toBe('role');
  });

  it('refuses protected accounts to everyone', () => {
    expect(mayChangeProperty({ actorRoleTemplateIds: [ROLE.globalAdministrator], targetRoleTemplateIds: [], targetHasOtherRole: false, protectedTarget: true }, 'jobTitle')).toBe('protected');
  });
});

describe('mayChange: account operations follow §4', () => {
  const R = ROLE;
  const input = (actor: string[], target: string[], over: Partial<{ targetHasOtherRole: boolean; protectedTarget: boolean }> = {}) =>
    ({ actorRoleTemplateIds: actor, targetRoleTemplateIds: target, targetHasOtherRole: false, protectedTarget: false, ...over });
  const may = (actor: string[], target: string[], subject: Parameters<typeof mayChange>[1], about?: Parameters<typeof mayChange>[2]) =>
    mayChange(input(actor, target), subject, about);

  const PWD = R.passwordAdministrator;
  const HELP = R.helpdeskAdministrator;
  const AUTH = R.authenticationAdministrator;
  const USER = R.userAdministrator;
  const PAA = R.privilegedAuthenticationAdministrator;
  const GA = R.globalAdministrator;
  const actors = { PWD, HELP, AUTH, USER, PAA, GA };
  type Actor = keyof typeof actors;

  // §4 password reset, row by row: the target's roles, then which actor columns have a ✓.
  const passwordRows: [string, string[], Actor[]][] = [
    ['no admin role', [], ['PWD', 'HELP', 'AUTH', 'USER', 'PAA', 'GA']],
    ['Password Admin', [PWD], ['PWD', 'HELP', 'AUTH', 'USER', 'PAA', 'GA']],
    ['Helpdesk Admin', [HELP], ['HELP', 'USER', 'PAA', 'GA']],
    ['Authentication Admin', [AUTH], ['AUTH', 'PAA', 'GA']],
    ['Groups Admin', [R.groupsAdministrator], ['USER', 'PAA', 'GA']],
    ['User Admin', [USER], ['USER', 'PAA', 'GA']],
    ['Global Admin', [GA], ['PAA', 'GA']],
    ['Privileged Authentication Admin', [PAA], ['PAA', 'GA']],
    ['Privileged Role Admin', [R.privilegedRoleAdministrator], ['PAA', 'GA']],
    ['License Admin (any other role)', [R.licenseAdministrator], ['PAA', 'GA']],
    ['Hybrid Identity Admin (any other role)', [R.hybridIdentityAdministrator], ['PAA', 'GA']],
  ];
  const cells = (rows: typeof passwordRows, without: Actor[] = []) => rows.flatMap(([row, target, yes]) =>
    (Object.keys(actors) as Actor[]).map((a) => [row, a, target, yes.includes(a) && !without.includes(a) ? true : 'role'] as const));

  it.each(cells(passwordRows))('password of %s by %s', (_row, actor, target, expected) => {
    expect(may([actors[actor]], [...target], 'password')).toBe(expected);
  });

  it.each([
    ['Helpdesk Admin cannot reset a Global Admin\'s password', [HELP], [GA], 'role'],
    ['Password Admin resets an unprivileged user\'s password', [PWD], [], true],
    ['Password Admin resets another Password Admin\'s password', [PWD], [PWD], true],
    ['Password Admin cannot reset a Helpdesk Admin\'s password', [PWD], [HELP], 'role'],
    ['Authentication Admin resets another Authentication Admin\'s password', [AUTH], [AUTH], true],
    ['Authentication Admin cannot reset a User Admin\'s password', [AUTH], [USER], 'role'],
    ['User Admin cannot reset an Authentication Admin\'s password', [USER], [AUTH], 'role'],
    ['a License Admin is no password admin', [R.licenseAdministrator], [], 'role'],
    ['Groups Admin is no password admin', [R.groupsAdministrator], [], 'role'],
    ['no role at all', [], [], 'role'],
  ] as const)('%s', (_name, actor, target, expected) => {
    expect(may([...actor], [...target], 'password')).toBe(expected);
  });

  it('treats a target role the bot does not know as privileged', () => {
    expect(mayChange(input([HELP], [], { targetHasOtherRole: true }), 'password')).toBe('role');
    expect(mayChange(input([PAA], [], { targetHasOtherRole: true }), 'password')).toBe(true);
  });

  it('lets an actor with several roles act through any of them', () => {
    expect(may([PWD, USER], [HELP], 'password')).toBe(true);
  });

  it('reads role template ids without regard to case', () => {
    expect(may([HELP.toUpperCase()], [GA.toUpperCase()], 'password')).toBe('role');
    expect(may([GA.toUpperCase()], [], 'password')).toBe(true);
  });

  // A target holding two roles is protected by both rows: an actor needs a ✓ in each.
  it.each([
    ['Helpdesk + Authentication Admin', [HELP, AUTH], ['PAA', 'GA']],
    ['User + Authentication Admin', [USER, AUTH], ['PAA', 'GA']],
    ['Groups + Authentication Admin', [R.groupsAdministrator, AUTH], ['PAA', 'GA']],
    ['Helpdesk + User Admin', [HELP, USER], ['USER', 'PAA', 'GA']],
    ['Password + Helpdesk Admin', [PWD, HELP], ['HELP', 'USER', 'PAA', 'GA']],
    ['Password + Authentication Admin', [PWD, AUTH], ['AUTH', 'PAA', 'GA']],
    ['Helpdesk Admin + Global Admin', [HELP, GA], ['PAA', 'GA']],
  ] as const)('password of a %s: only the actors both rows allow', (_row, target, yes) => {
    for (const a of Object.keys(actors) as Actor[]) {
      expect([a, may([actors[a]], [...target], 'password')]).toEqual([a, (yes as readonly Actor[]).includes(a) ? true : 'role']);
    }
  });

  it.each(cells(passwordRows, ['PWD']))('sign-in sessions of %s by %s (the password table without Password Admin)', (_row, actor, target, expected) => {
    expect(may([actors[actor]], [...target], 'signInSessions')).toBe(expected);
  });

  it('a target with two roles also restricts who may sign them out', () => {
    expect(may([AUTH], [HELP, AUTH], 'signInSessions')).toBe('role');
    expect(may([HELP], [HELP, AUTH], 'signInSessions')).toBe('role');
    expect(may([PAA], [HELP, AUTH], 'signInSessions')).toBe(true);
  });

  it('applies the sensitive-actions table to a target with two roles too', () => {
    // Authentication Admin row: Auth ✓, User Admin –; Helpdesk Admin row: Auth –, User Admin ✓.
    expect(mayChangeProperty(input([AUTH], [HELP, AUTH]), 'mobilePhone')).toBe('role');
    expect(mayChangeProperty(input([USER], [HELP, AUTH]), 'accountEnabled')).toBe('role');
    expect(mayChangeProperty(input([PAA], [HELP, AUTH]), 'accountEnabled')).toBe(true);
    expect(mayChangeProperty(input([USER], [HELP, USER]), 'accountEnabled')).toBe(true);
  });

  it.each([
    [R.licenseAdministrator, true],
    [USER, true],
    [GA, true],
    [R.groupsAdministrator, 'role'],
    [HELP, 'role'],
    [PWD, 'role'],
    [AUTH, 'role'],
    [PAA, 'role'],
    [R.privilegedRoleAdministrator, 'role'],
  ] as const)('licence by %s → %s, whoever the target', (actor, expected) => {
    for (const target of [[], [GA], [USER]]) expect(may([actor], target, 'licence')).toBe(expected);
  });

  it.each([
    [R.groupsAdministrator, true, 'role'],
    [USER, true, 'role'],
    [GA, true, true],
    [R.privilegedRoleAdministrator, 'role', true],
    [HELP, 'role', 'role'],
    [R.licenseAdministrator, 'role', 'role'],
    [PAA, 'role', 'role'],
  ] as const)('group membership by %s: ordinary group → %s, role-assignable group → %s', (actor, ordinary, roleAssignable) => {
    expect(may([actor], [], 'group')).toBe(ordinary);
    expect(may([actor], [], 'group', { roleAssignableGroup: false })).toBe(ordinary);
    expect(may([actor], [], 'group', { roleAssignableGroup: true })).toBe(roleAssignable);
  });

  it('refuses a protected target to everyone, for every subject', () => {
    for (const subject of ['password', 'signInSessions', 'licence', 'group', 'jobTitle', 'accountEnabled'] as const) {
      expect(mayChange(input([GA], [], { protectedTarget: true }), subject, { roleAssignableGroup: true })).toBe('protected');
    }
  });

  it('passes profile properties to the property rules', () => {
    expect(may([USER], [], 'jobTitle')).toBe(true);
    expect(may([HELP], [], 'jobTitle')).toBe('role');
    expect(may([R.licenseAdministrator], [], 'usageLocation')).toBe(true);
    expect(may([R.licenseAdministrator], [GA], 'usageLocation')).toBe('role');
  });
});
