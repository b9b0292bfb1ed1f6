import { planChanges } from '../../src/changes/planChanges';
import type { Account } from '../../src/directory/account';
import { ACCOUNT_SELECT } from '../../src/directory/account';

function account(over: Partial<Account>): Account {
  const a = Object.fromEntries(ACCOUNT_SELECT.map((k) => [k, null])) as unknown as Account;
  return { ...a, id: 'u1', userPrincipalName: 'u@x', businessPhones: [], assignedLicenses: [], onPremisesProvisioningErrors: [], ...over };
}
const everything = { allowed: () => true as const };
const synced = account({ onPremisesSyncEnabled: true, onPremisesSamAccountName: 'fzahra', jobTitle: 'Data Engineer', usageLocation: 'NL' });
const cloud = account({ onPremisesSyncEnabled: null, jobTitle: 'Data Engineer', usageLocation: 'NL', accountEnabled: true });

describe('planChanges', () => {
  it('puts a synced account\'s job title on-premises and its usage location in the cloud', () => {
    const plan = planChanges(synced, [{ property: 'jobTitle', value: 'Head of Data' }, { property: 'usageLocation', value: 'Japan' }], everything);
    expect(plan.items).toEqual([
      { kind: 'onPremises', property: 'jobTitle', before: 'Data Engineer', after: 'Head of Data', command: "Set-ADUser -Identity 'fzahra' -Title 'Head of Data'" },
      { kind: 'cloud', property: 'usageLocation', before: 'NL', after: 'JP', write: { op: 'patch', patch: { usageLocation: 'JP' } } },
    ]);
    expect(plan.script).toContain('Start-ADSyncSyncCycle -PolicyType Delta');
    expect(plan.warnings).toContain('usageLocationMayBeOverwritten');
  });

  it('changes everything of a cloud-only account in the cloud', () => {
    const plan = planChanges(cloud, [{ property: 'jobTitle', value: 'Head of Data' }, { property: 'mobilePhone', value: '06 12345678' }], everything);
    expect(plan.items.map((i) => i.kind)).toEqual(['cloud', 'cloud']);
    expect(plan.items[1]).toMatchObject({ write: { op: 'patch', patch: { mobilePhone: '+31 6 12345678' } } });
    expect(plan.script).toBeNull();
  });

  it('blocks a synced account in the cloud as an emergency, warns, and gives Disable-ADAccount', () => {
    const plan = planChanges({ ...synced, accountEnabled: true }, [{ property: 'accountEnabled', value: false }], everything);
    expect(plan.items[0]).toMatchObject({ kind: 'cloud', write: { op: 'patch', patch: { accountEnabled: false } } });
    // A block stops new sign-ins only: the same plan signs the account out everywhere.
    expect(plan.items[1]).toMatchObject({ kind: 'cloud', property: 'signInSessions', write: { op: 'revokeSessions' } });
    expect(plan.warnings).toContain('syncRevertsBlock');
    expect(plan.script).toContain("Disable-ADAccount -Identity 'fzahra'");
  });

  it('enables a synced account that AD disabled only on-premises', () => {
    const plan = planChanges({ ...synced, accountEnabled: false }, [{ property: 'accountEnabled', value: true }], everything);
    expect(plan.items[0]).toMatchObject({ kind: 'onPremises', command: "Enable-ADAccount -Identity 'fzahra'" });
  });

  it('lifts the bot\'s own cloud block in the cloud, with Enable-ADAccount for AD and a warning that AD wins', () => {
    const plan = planChanges({ ...synced, accountEnabled: false }, [{ property: 'accountEnabled', value: true }], { ...everything, ownCloudBlock: true });
    expect(plan.items).toEqual([{ kind: 'cloud', property: 'accountEnabled', before: false, after: true, write: { op: 'patch', patch: { accountEnabled: true } } }]);
    expect(plan.script).toContain("Enable-ADAccount -Identity 'fzahra'");
    expect(plan.warnings).toEqual(['adDisabledWins']);
  });

  it('reports invalid values, refusals and no-ops per property', () => {
    const plan = planChanges(cloud, [
      { property: 'jobTitle', value: 'Data Engineer' },
      { property: 'department', value: 'x'.repeat(65) },
      { property: 'displayName', value: 'Someone' },
    ], { allowed: (p) => (p === 'displayName' ? 'protected' : true) });
    expect(plan.items).toEqual([
      { kind: 'noop', property: 'jobTitle', value: 'Data Engineer' },
      { kind: 'invalid', property: 'department', rule: 'tooLong', params: { max: 64 } },
      { kind: 'denied', property: 'displayName', reason: 'protected' },
    ]);
  });

  it('sets a synced user\'s manager in AD, by the manager\'s sAMAccountName', () => {
    const plan = planChanges(synced, [{ property: 'manager', value: 'Tom Baker' }], {
      ...everything,
      manager: { id: 'm1', displayName: 'Tom Baker', onPremisesSamAccountName: 'tbaker', onPremisesDistinguishedName: null },
    });
    expect(plan.items[0]).toMatchObject({ kind: 'onPremises', command: "Set-ADUser -Identity 'fzahra' -Manager 'tbaker'" });
  });

  it('refuses a cloud-only manager for a synced user', () => {
    const plan = planChanges(synced, [{ property: 'manager', value: 'Daan' }], {
      ...everything,
      manager: { id: 'm2', displayName: 'Daan Visser', onPremisesSamAccountName: null, onPremisesDistinguishedName: null },
    });
    expect(plan.items[0]).toMatchObject({ kind: 'invalid', property: 'manager' });
    expect(plan.script).toBeNull();
  });

  it('quotes hostile values in the on-premises commands', () => {
    const plan = planChanges(synced, [{ property: 'department', value: "R&D'; Remove-ADUser x; '" }], everything);
    expect(plan.items[0]).toMatchObject({ command: "Set-ADUser -Identity 'fzahra' -Department 'R&D''; Remove-ADUser x; '''" });
  });
});

describe('planChanges: reporting lines', () => {
  const boss = { id: 'b1', displayName: 'Boss', onPremisesSamAccountName: null, onPremisesDistinguishedName: null };
  it('nobody becomes their own manager', () => {
    const plan = planChanges(cloud, [{ property: 'manager', value: 'u@x' }], { ...everything, manager: { ...boss, id: 'U1' } });
    expect(plan.items).toEqual([{ kind: 'invalid', property: 'manager', rule: 'selfManager', params: {} }]);
  });
  it('a new manager who reports, through others, to this account would close a loop', () => {
    const plan = planChanges(cloud, [{ property: 'manager', value: 'boss' }], { ...everything, manager: boss, managerChain: ['m2', 'u1', 'm3'] });
    expect(plan.items).toEqual([{ kind: 'invalid', property: 'manager', rule: 'managerLoop', params: { manager: 'Boss' } }]);
  });
  it('a chain without the account is fine', () => {
    const plan = planChanges(cloud, [{ property: 'manager', value: 'boss' }], { ...everything, manager: boss, managerChain: ['m2', 'm3'] });
    expect(plan.items[0]).toMatchObject({ kind: 'cloud', property: 'manager', after: 'Boss' });
  });
});
