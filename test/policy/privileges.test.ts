import type { Privileges } from '../../src/directory/directory';
import { DirectoryError } from '../../src/errors';
import { mayApprove } from '../../src/policy/approvers';
import { decisionInput, mayChange } from '../../src/policy/changePolicy';
import { EMPTY_POLICY } from '../../src/policy/policyFile';
import { PrivilegeReader } from '../../src/policy/privilegeReader';
import { isAdminRole, roleDisplayNames, ROLE } from '../../src/policy/roles';
import { conflictOfInterest } from '../../src/requests/requestRules';

const none: Privileges = { activeRoleIds: [], heldRoleIds: [], roleAssignableGroups: [], eligibilityRead: true };
const holding = (...ids: string[]): Privileges => ({ ...none, activeRoleIds: ids, heldRoleIds: ids });

describe('decisionInput: who acts with what, who is protected by what', () => {
  const helpdesk = holding(ROLE.helpdeskAdministrator);
  const userAdmin = holding(ROLE.userAdministrator);

  it.each<[string, Privileges]>([
    ['an eligible (PIM) Global Administrator', { ...none, heldRoleIds: [ROLE.globalAdministrator] }],
    ['a member of a role-assignable group that holds nothing', { ...none, roleAssignableGroups: [{ id: 'g', displayName: 'Tier 0' }] }],
    ['a holder of a role the bot does not know', { ...none, activeRoleIds: ['00000000-0000-0000-0000-00000000abcd'], heldRoleIds: ['00000000-0000-0000-0000-00000000abcd'] }],
    ['an administrative-unit-scoped Helpdesk Administrator', { ...none, heldRoleIds: [ROLE.helpdeskAdministrator, ROLE.privilegedRoleAdministrator] }],
  ])('%s is protected like a privileged admin', (_, target) => {
    const input = decisionInput(helpdesk, target, false);
    expect(mayChange(input, 'password')).toBe('role');
    expect(mayChange(decisionInput(userAdmin, target, false), 'accountEnabled')).toBe('role');
    expect(mayChange(decisionInput(userAdmin, target, false), 'jobTitle')).toBe('role');
    expect(mayChange(decisionInput(holding(ROLE.globalAdministrator), target, false), 'password')).toBe(true);
  });

  it('reader-type roles are not privileged: Directory Readers like no role; Reports Reader out of a Password Administrator\'s reach', () => {
    const directoryReader = holding('88d8e3e3-8f55-4a1e-953a-9b9898b8876b');
    const reportsReader = holding('4a5d8f65-41da-4de4-8968-e035b65339cf');
    const passwordAdmin = holding(ROLE.passwordAdministrator);
    expect(mayChange(decisionInput(passwordAdmin, directoryReader, false), 'password')).toBe(true);
    expect(mayChange(decisionInput(passwordAdmin, reportsReader, false), 'password')).toBe('role');
    expect(mayChange(decisionInput(helpdesk, reportsReader, false), 'password')).toBe(true);
    expect(mayChange(decisionInput(userAdmin, reportsReader, false), 'accountEnabled')).toBe(true);
  });

  it('an ordinary user stays changeable by the roles Entra allows', () => {
    expect(mayChange(decisionInput(helpdesk, none, false), 'password')).toBe(true);
    expect(mayChange(decisionInput(userAdmin, none, false), 'accountEnabled')).toBe(true);
  });

  it('an actor acts only with active roles: eligible ones grant nothing', () => {
    const eligibleOnly: Privileges = { ...none, heldRoleIds: [ROLE.globalAdministrator] };
    expect(mayChange(decisionInput(eligibleOnly, none, false), 'password')).toBe('role');
    expect(isAdminRole(eligibleOnly.activeRoleIds)).toBe(false);
  });

  it('a protected account is protected whatever the roles', () => {
    expect(mayChange(decisionInput(holding(ROLE.globalAdministrator), none, true), 'jobTitle')).toBe('protected');
  });

  it('names the roles it knows, as Entra does', () => {
    expect(roleDisplayNames([ROLE.userAdministrator, 'unknown-role'])).toEqual(['User Administrator']);
  });
});

describe('mayApprove and conflicts of interest', () => {
  it('without a policy list: User and Global Administrators only', () => {
    expect(mayApprove(EMPTY_POLICY, [], 'a', [ROLE.userAdministrator])).toBe(true);
    expect(mayApprove(EMPTY_POLICY, [], 'a', [ROLE.globalAdministrator])).toBe(true);
    for (const role of [ROLE.helpdeskAdministrator, ROLE.passwordAdministrator, ROLE.privilegedAuthenticationAdministrator, ROLE.groupsAdministrator]) {
      expect(mayApprove(EMPTY_POLICY, [], 'a', [role])).toBe(false);
    }
  });

  it('with a policy list: exactly the people on it, whatever their roles', () => {
    const policy = { ...EMPTY_POLICY, approvers: ['lead@contoso.com'] };
    expect(mayApprove(policy, ['lead-id'], 'lead-id', [])).toBe(true);
    expect(mayApprove(policy, ['lead-id'], 'ga-id', [ROLE.globalAdministrator])).toBe(false);
  });

  it('nobody decides a request they submitted or one about themselves', () => {
    const request = { requesterId: 'manager', targetId: 'report' };
    expect(conflictOfInterest(request, 'manager')).toBe('request.ownRequest');
    expect(conflictOfInterest(request, 'report')).toBe('request.aboutYou');
    expect(conflictOfInterest(request, 'admin')).toBeNull();
  });
});

/** A Directory stand-in that answers getPrivileges from a table and counts the reads (other methods unused). */
class TableDirectory {
  reads: { id: string; eligibility: boolean }[] = [];
  failWith: DirectoryError | null = null;
  constructor(public table: Record<string, Privileges>) {}
  async getPrivileges(id: string, options: { eligibility: boolean }): Promise<Privileges> {
    this.reads.push({ id, eligibility: options.eligibility });
    if (this.failWith) throw this.failWith;
    return this.table[id] ?? none;
  }
  async getAccount(id: string) {
    return { userPrincipalName: `${id}@contoso.com` };
  }
}

describe('PrivilegeReader', () => {
  let now = 0;
  const clock = { now: () => new Date(now) };
  const make = (dir: TableDirectory) => new PrivilegeReader(dir as never, { eligibility: true }, clock);

  it("caches the caller's privileges for reads, at most 5 minutes, and reads them again when asked fresh", async () => {
    const dir = new TableDirectory({ a: holding(ROLE.userAdministrator) });
    const reader = make(dir);
    now = 0;
    await reader.caller('a');
    await reader.caller('a');
    expect(dir.reads).toHaveLength(1);
    await reader.caller('a', { fresh: true });
    expect(dir.reads).toHaveLength(2);
    now = 5 * 60_000;
    await reader.caller('a');
    expect(dir.reads).toHaveLength(3);
  });

  it("never caches a target, reads its eligibilities, and never the caller's", async () => {
    const dir = new TableDirectory({});
    const reader = make(dir);
    await reader.caller('x');
    await reader.target('x');
    await reader.target('x');
    expect(dir.reads).toEqual([{ id: 'x', eligibility: false }, { id: 'x', eligibility: true }, { id: 'x', eligibility: true }]);
  });

  it('a failed read is ROLES_UNKNOWN, for caller and target, and nothing is cached', async () => {
    const dir = new TableDirectory({});
    dir.failWith = new DirectoryError('GRAPH_THROTTLED', 'busy', 429, 'TooManyRequests', 'r1');
    const reader = make(dir);
    await expect(reader.caller('a')).rejects.toMatchObject({ code: 'ROLES_UNKNOWN', status: 429, requestId: 'r1' });
    await expect(reader.target('a')).rejects.toMatchObject({ code: 'ROLES_UNKNOWN' });
    dir.failWith = null;
    await reader.caller('a');
    expect(dir.reads).toHaveLength(3);
  });
});
