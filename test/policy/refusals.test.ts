import { abilitiesOf, explainRefusal, type ChangeDecisionInput } from '../../src/policy/changePolicy';
import { ROLE } from '../../src/policy/roles';

const input = (actor: string[], target: string[], extra: Partial<ChangeDecisionInput> = {}): ChangeDecisionInput => ({
  actorRoleTemplateIds: actor, targetRoleTemplateIds: target, targetHasOtherRole: false, protectedTarget: false, ...extra,
});

describe('a refusal names what raises the bar, and only that', () => {
  it('a Helpdesk Administrator editing a Password Administrator\'s title: their own role is why, not the target\'s', () => {
    const why = explainRefusal(input([ROLE.helpdeskAdministrator], [ROLE.passwordAdministrator]), 'jobTitle');
    expect(why).toMatchObject({ becauseOfTarget: false, allowedRoles: ['userAdministrator', 'globalAdministrator'] });
  });

  it('a User Administrator resetting a Global Administrator: the role is why', () => {
    const why = explainRefusal(input([ROLE.userAdministrator], [ROLE.globalAdministrator]), 'password');
    expect(why).toMatchObject({ becauseOfTarget: true, rolesExplain: true, allowedRoles: ['privilegedAuthenticationAdministrator', 'globalAdministrator'] });
  });

  it('a User Administrator in a role-assignable group: the group is why, not their own role', () => {
    const why = explainRefusal(input([ROLE.userAdministrator], [ROLE.userAdministrator], { targetRoleAssignable: true }), 'jobTitle');
    expect(why).toMatchObject({ becauseOfTarget: true, rolesExplain: false, targetRoleAssignable: true });
  });

  it('licences do not depend on the target', () => {
    expect(explainRefusal(input([ROLE.helpdeskAdministrator], [ROLE.globalAdministrator]), 'licence').becauseOfTarget).toBe(false);
  });

  it('a role-assignable group\'s membership names the group', () => {
    expect(explainRefusal(input([ROLE.userAdministrator], []), 'group', { roleAssignableGroup: true })).toMatchObject({ roleAssignableGroup: true, allowedRoles: ['privilegedRoleAdministrator', 'globalAdministrator'] });
  });

  it('a reader-type role is named when it alone raises the bar (Password Administrator resetting a Reports Reader)', () => {
    const why = explainRefusal(input([ROLE.passwordAdministrator], ['4a5d8f65-41da-4de4-8968-e035b65339cf'], { targetReaderRole: true }), 'password');
    expect(why).toMatchObject({ becauseOfTarget: true, rolesExplain: false, targetReaderRole: true });
  });
});

describe('what help and welcome may offer', () => {
  it.each([
    ['Password Administrator', ROLE.passwordAdministrator, { profile: false, block: false, password: true, licence: false, group: false }],
    ['Helpdesk Administrator', ROLE.helpdeskAdministrator, { profile: false, block: false, password: true, licence: false, group: false }],
    ['User Administrator', ROLE.userAdministrator, { profile: true, block: true, password: true, licence: true, group: true }],
    ['License Administrator', ROLE.licenseAdministrator, { profile: false, block: false, password: false, licence: true, group: false }],
  ])('%s', (_name, role, abilities) => {
    expect(abilitiesOf([role])).toEqual(abilities);
  });
});
