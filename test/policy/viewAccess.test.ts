import { ROLE } from '../../src/policy/roles';
import { isAdmin, mayView } from '../../src/policy/viewAccess';

/** Who may see an account's profile and on-premises details through the bot. */
describe('mayView', () => {
  it.each<[string, { id: string; roleTemplateIds: string[] }, string, string | null, boolean]>([
    ['an admin of any role the bot knows', { id: 'a', roleTemplateIds: [ROLE.helpdeskAdministrator] }, 't', null, true],
    ['the person themselves', { id: 't', roleTemplateIds: [] }, 't', null, true],
    ['their manager', { id: 'm', roleTemplateIds: [] }, 't', 'm', true],
    ['a colleague', { id: 'c', roleTemplateIds: [] }, 't', 'm', false],
    ['a colleague, the target having no manager', { id: 'c', roleTemplateIds: [] }, 't', null, false],
    ['a holder of a role the bot does not know', { id: 'c', roleTemplateIds: ['00000000-0000-0000-0000-00000000abcd'] }, 't', null, false],
  ])('%s: %s', (_, viewer, target, manager, expected) => {
    expect(mayView(viewer, target, manager)).toBe(expected);
  });

  it('isAdmin: only a role the bot knows', () => {
    expect(isAdmin({ id: 'a', roleTemplateIds: [ROLE.userAdministrator] })).toBe(true);
    expect(isAdmin({ id: 'a', roleTemplateIds: [] })).toBe(false);
    expect(isAdmin({ id: 'a', roleTemplateIds: ['00000000-0000-0000-0000-00000000abcd'] })).toBe(false);
  });
});
