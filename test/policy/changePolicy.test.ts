import { mayChangeProperty } from '../../src/policy/changePolicy';
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
