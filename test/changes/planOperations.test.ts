import { planRequest, type AccountOperation, type PlanOptions } from '../../src/changes/planChanges';
import type { Account } from '../../src/directory/account';
import { ACCOUNT_SELECT } from '../../src/directory/account';
import type { Group, SubscribedSku } from '../../src/directory/directory';
import type { ChangeSubject } from '../../src/language/request';

function account(over: Partial<Account>): Account {
  const a = Object.fromEntries(ACCOUNT_SELECT.map((k) => [k, null])) as unknown as Account;
  return { ...a, id: 'u1', userPrincipalName: 'u@x', businessPhones: [], assignedLicenses: [], onPremisesProvisioningErrors: [], ...over };
}
function group(over: Partial<Group>): Group {
  return {
    id: 'g1', displayName: 'Finance', mailEnabled: false, securityEnabled: true, groupTypes: [], onPremisesSyncEnabled: null,
    mail: null, onPremisesSamAccountName: null, membershipRule: null, isAssignableToRole: false, ...over,
  };
}
const sku = (over: Partial<SubscribedSku> = {}): SubscribedSku => ({
  skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', skuPartNumber: 'SPE_E3', capabilityStatus: 'Enabled', prepaidUnits: { enabled: 35 }, consumedUnits: 29, ...over,
});

const everything: PlanOptions = { allowed: () => true };
const cloud = account({ usageLocation: 'NL', accountEnabled: true, userType: 'Member' });
const synced = account({
  onPremisesSyncEnabled: true, onPremisesSamAccountName: 'fzahra', usageLocation: 'NL', accountEnabled: true, userType: 'Member',
  userPrincipalName: 'fatima.zahra@fabrikam.com',
});

/** Records every question the planner asks the policy, answering from `answers` (true when absent). */
function recording(answers: Partial<Record<ChangeSubject, true | 'role' | 'protected'>> = {}) {
  const asked: { subject: ChangeSubject; about?: { roleAssignableGroup?: boolean } }[] = [];
  const options: PlanOptions = {
    allowed: (subject, about) => {
      asked.push({ subject, about });
      return answers[subject] ?? true;
    },
  };
  return { asked, options };
}

describe('planRequest: licences', () => {
  const e3 = sku();
  const add: AccountOperation = { op: 'licence', add: true, sku: e3 };
  const remove: AccountOperation = { op: 'licence', add: false, sku: e3 };

  it('assigns a licence with free units in the cloud', () => {
    const plan = planRequest(cloud, [], add, everything);
    expect(plan.items).toEqual([
      { kind: 'cloud', property: 'licence', before: null, after: null, write: { op: 'licence', skuId: e3.skuId, assign: true }, object: { name: 'Microsoft 365 E3', add: true } },
    ]);
    expect(plan.script).toBeNull();
    expect(plan.warnings).toEqual([]);
  });

  it('is a no-op when the account already has it (skuId compared without case)', () => {
    const has = account({ ...cloud, assignedLicenses: [{ skuId: e3.skuId.toUpperCase(), disabledPlans: [] }] });
    expect(planRequest(has, [], add, everything).items).toEqual([
      { kind: 'noop', property: 'licence', value: null, object: { name: 'Microsoft 365 E3', add: true } },
    ]);
  });

  it('removes an assigned licence, even from an account without a usage location', () => {
    const has = account({ assignedLicenses: [{ skuId: e3.skuId, disabledPlans: [] }], usageLocation: null });
    const plan = planRequest(has, [], remove, { ...everything, usageLocationOffer: 'NL' });
    expect(plan.items).toEqual([
      { kind: 'cloud', property: 'licence', before: null, after: null, write: { op: 'licence', skuId: e3.skuId, assign: false }, object: { name: 'Microsoft 365 E3', add: false } },
    ]);
  });

  it('is a no-op to remove a licence that is not assigned', () => {
    expect(planRequest(cloud, [], remove, everything).items).toEqual([
      { kind: 'noop', property: 'licence', value: null, object: { name: 'Microsoft 365 E3', add: false } },
    ]);
  });

  it.each([[8, 8], [5, 7]])('refuses when no unit is free (%d bought, %d in use)', (enabled, consumed) => {
    const full = sku({ skuPartNumber: 'POWER_BI_PRO', prepaidUnits: { enabled }, consumedUnits: consumed });
    expect(planRequest(cloud, [], { op: 'licence', add: true, sku: full }, everything).items).toEqual([
      { kind: 'invalid', property: 'licence', rule: 'noFreeLicences', params: { name: 'Power BI Pro', total: enabled } },
    ]);
  });

  it('refuses a suspended subscription', () => {
    const suspended = sku({ capabilityStatus: 'Suspended' });
    expect(planRequest(cloud, [], { op: 'licence', add: true, sku: suspended }, everything).items[0])
      .toMatchObject({ kind: 'invalid', rule: 'licenceSuspended' });
  });

  it('sets the offered usage location first when the account has none, and says so', () => {
    const plan = planRequest(account({ usageLocation: null }), [], add, { ...everything, usageLocationOffer: 'NL' });
    expect(plan.items.map((i) => [i.kind, i.property])).toEqual([['cloud', 'usageLocation'], ['cloud', 'licence']]);
    expect(plan.items[0]).toEqual({ kind: 'cloud', property: 'usageLocation', before: null, after: 'NL', write: { op: 'patch', patch: { usageLocation: 'NL' } } });
    expect(plan.warnings).toEqual(['usageLocationForLicence']);
  });

  it('warns that AD may overwrite the offered usage location of a synced account', () => {
    const plan = planRequest({ ...synced, usageLocation: null }, [], add, { ...everything, usageLocationOffer: 'NL' });
    expect(plan.items.map((i) => i.property)).toEqual(['usageLocation', 'licence']);
    expect(plan.warnings).toEqual(expect.arrayContaining(['usageLocationForLicence', 'usageLocationMayBeOverwritten']));
    expect(plan.script).toBeNull();
  });

  it('refuses when the account has no usage location and there is none to offer', () => {
    for (const offer of [undefined, null, '']) {
      expect(planRequest(account({ usageLocation: null }), [], add, { ...everything, usageLocationOffer: offer }).items).toEqual([
        { kind: 'invalid', property: 'licence', rule: 'usageLocationMissing', params: { name: 'Microsoft 365 E3' } },
      ]);
    }
  });

  it('does not offer a usage location the caller may not set', () => {
    const { options } = recording({ usageLocation: 'role' });
    const plan = planRequest(account({ usageLocation: null }), [], add, { ...options, usageLocationOffer: 'NL' });
    expect(plan.items).toEqual([{ kind: 'invalid', property: 'licence', rule: 'usageLocationMissing', params: { name: 'Microsoft 365 E3' } }]);
  });

  it('uses a usage location requested in the same message instead of the offer', () => {
    const plan = planRequest(account({ usageLocation: null }), [{ property: 'usageLocation', value: 'Japan' }], add, { ...everything, usageLocationOffer: 'NL' });
    expect(plan.items.map((i) => [i.kind, i.property, 'after' in i ? i.after : undefined])).toEqual([
      ['cloud', 'usageLocation', 'JP'],
      ['cloud', 'licence', null],
    ]);
    expect(plan.warnings).not.toContain('usageLocationForLicence');
  });

  it('is denied when the caller may not manage licences', () => {
    const { options, asked } = recording({ licence: 'role' });
    expect(planRequest(cloud, [], add, options).items).toEqual([{ kind: 'denied', property: 'licence', reason: 'role' }]);
    expect(asked.map((a) => a.subject)).toEqual(['licence']);
  });
});

describe('planRequest: group membership', () => {
  const op = (g: Group, add = true, isMember = false): AccountOperation => ({ op: 'group', add, group: g, isMember });

  it('is a no-op to add a member or remove a non-member', () => {
    const g = group({});
    expect(planRequest(cloud, [], op(g, true, true), everything).items).toEqual([{ kind: 'noop', property: 'group', value: null, object: { name: 'Finance', add: true } }]);
    expect(planRequest(cloud, [], op(g, false, false), everything).items).toEqual([{ kind: 'noop', property: 'group', value: null, object: { name: 'Finance', add: false } }]);
  });

  it('refuses a dynamic group and gives its rule', () => {
    const dynamic = group({ displayName: 'All NL staff', groupTypes: ['DynamicMembership'], membershipRule: '(user.usageLocation -eq "NL")' });
    expect(planRequest(cloud, [], op(dynamic), everything).items).toEqual([
      { kind: 'invalid', property: 'group', rule: 'dynamicGroup', params: { group: 'All NL staff', rule: '(user.usageLocation -eq "NL")' } },
    ]);
  });

  it('refuses a dynamic Microsoft 365 group too', () => {
    const dynamic = group({ groupTypes: ['Unified', 'DynamicMembership'], mailEnabled: true, membershipRule: 'user.department -eq "Sales"' });
    expect(planRequest(cloud, [], op(dynamic), everything).items[0]).toMatchObject({ kind: 'invalid', rule: 'dynamicGroup' });
  });

  it('adds a synced account to a synced group in AD, by the group\'s sAMAccountName, with a script', () => {
    const adGroup = group({ displayName: 'GG Finance', onPremisesSyncEnabled: true, onPremisesSamAccountName: 'GG-Finance' });
    const plan = planRequest(synced, [], op(adGroup), everything);
    expect(plan.items).toEqual([
      { kind: 'onPremises', property: 'group', before: null, after: null, object: { name: 'GG Finance', add: true, adName: 'GG-Finance' }, command: "Add-ADGroupMember -Identity 'GG-Finance' -Members 'fzahra'" },
    ]);
    expect(plan.script).toBe([
      'Import-Module ActiveDirectory',
      "Add-ADGroupMember -Identity 'GG-Finance' -Members 'fzahra'",
      '# On the Microsoft Entra Connect server, to sync now instead of within 30 minutes:',
      'Start-ADSyncSyncCycle -PolicyType Delta',
    ].join('\n'));
  });

  it('removes from a synced group in AD without asking for confirmation, by display name when there is no sAMAccountName', () => {
    const adGroup = group({ displayName: "O'Brien's team", onPremisesSyncEnabled: true });
    const plan = planRequest(synced, [], op(adGroup, false, true), everything);
    expect(plan.items[0]).toMatchObject({ kind: 'onPremises', command: "Remove-ADGroupMember -Identity 'O''Brien''s team' -Members 'fzahra' -Confirm:$false" });
  });

  it('refuses to put a cloud-only account in a group synchronized from AD', () => {
    const adGroup = group({ displayName: 'GG Finance', onPremisesSyncEnabled: true, onPremisesSamAccountName: 'GG-Finance' });
    const plan = planRequest(cloud, [], op(adGroup), everything);
    expect(plan.items).toEqual([{ kind: 'invalid', property: 'group', rule: 'cloudAccountInAdGroup', params: { group: 'GG Finance' } }]);
    expect(plan.script).toBeNull();
  });

  it('refuses an account no longer synchronized, though it keeps its old sAMAccountName', () => {
    // onPremisesSyncEnabled false: the AD object, if any, is no longer linked, so AD membership would not reach Entra.
    const once = account({ onPremisesSyncEnabled: false, onPremisesSamAccountName: 'oldname', onPremisesImmutableId: 'abc=' });
    const adGroup = group({ displayName: 'GG Finance', onPremisesSyncEnabled: true, onPremisesSamAccountName: 'GG-Finance' });
    const plan = planRequest(once, [], op(adGroup), everything);
    expect(plan.items).toEqual([{ kind: 'invalid', property: 'group', rule: 'cloudAccountInAdGroup', params: { group: 'GG Finance' } }]);
    expect(plan.script).toBeNull();
  });

  it('gives a synced account without an on-premises identity an AD item and the warning, not a cloud-only refusal', () => {
    const adGroup = group({ displayName: 'GG Finance', onPremisesSyncEnabled: true, onPremisesSamAccountName: 'GG-Finance' });
    const plan = planRequest(account({ onPremisesSyncEnabled: true }), [], op(adGroup), everything);
    expect(plan.items).toEqual([{ kind: 'onPremises', property: 'group', before: null, after: null, object: { name: 'GG Finance', add: true, adName: 'GG-Finance' }, command: '' }]);
    expect(plan.warnings).toEqual(['noOnPremisesIdentity']);
    expect(plan.script).toBeNull();
  });

  it('sends a mail-enabled security group or distribution list to Exchange, with the command, quoted', () => {
    const dl = group({ displayName: 'Sales NL', mailEnabled: true, securityEnabled: false, mail: "sales'nl@fabrikam.com" });
    const plan = planRequest(synced, [], op(dl), everything);
    expect(plan.items).toEqual([
      {
        kind: 'invalid', property: 'group', rule: 'mailEnabledGroup',
        params: { group: 'Sales NL', command: "Add-DistributionGroupMember -Identity 'sales''nl@fabrikam.com' -Member 'fatima.zahra@fabrikam.com'" },
      },
    ]);
    expect(plan.script).toBeNull();
  });

  it('gives Remove-DistributionGroupMember, by display name when the group has no mail', () => {
    const mesg = group({ displayName: 'Finance Alerts', mailEnabled: true, securityEnabled: true });
    const item = planRequest(cloud, [], op(mesg, false, true), everything).items[0];
    expect(item).toMatchObject({ kind: 'invalid', rule: 'mailEnabledGroup', params: { command: "Remove-DistributionGroupMember -Identity 'Finance Alerts' -Member 'u@x' -Confirm:$false" } });
  });

  it.each([
    ['a Microsoft 365 group', group({ id: 'g-m365', mailEnabled: true, groupTypes: ['Unified'], mail: 'team@fabrikam.com' })],
    ['a Microsoft 365 group (type in lower case)', group({ id: 'g-m365', mailEnabled: true, groupTypes: ['unified'] })],
    ['a security group', group({ id: 'g-sec' })],
  ])('writes membership of %s in the cloud, also for a synced account', (_name, g) => {
    for (const who of [cloud, synced]) {
      const plan = planRequest(who, [], op(g), everything);
      expect(plan.items).toEqual([
        { kind: 'cloud', property: 'group', before: null, after: null, write: { op: 'membership', groupId: g.id, add: true }, object: { name: g.displayName, add: true } },
      ]);
      expect(plan.script).toBeNull();
    }
  });

  it('removes from a cloud group in the cloud', () => {
    const plan = planRequest(cloud, [], op(group({ id: 'g-sec' }), false, true), everything);
    expect(plan.items[0]).toMatchObject({ kind: 'cloud', write: { op: 'membership', groupId: 'g-sec', add: false } });
  });

  it('tells the policy whether the group is role-assignable, and follows its answer', () => {
    const privileged = group({ displayName: 'Tier 0 admins', isAssignableToRole: true });
    const { options, asked } = recording({ group: 'role' });
    expect(planRequest(cloud, [], op(privileged), options).items).toEqual([{ kind: 'denied', property: 'group', reason: 'role' }]);
    expect(asked).toEqual([{ subject: 'group', about: { roleAssignableGroup: true } }]);

    const plain = recording();
    planRequest(cloud, [], op(group({})), plain.options);
    expect(plain.asked).toEqual([{ subject: 'group', about: { roleAssignableGroup: false } }]);
  });
});

describe('planRequest: sign-in sessions', () => {
  it('revokes a member\'s sessions in the cloud, also a synced member\'s', () => {
    for (const who of [cloud, synced]) {
      expect(planRequest(who, [], { op: 'revokeSessions' }, everything).items).toEqual([
        { kind: 'cloud', property: 'signInSessions', before: null, after: null, write: { op: 'revokeSessions' } },
      ]);
    }
  });

  it('refuses a guest', () => {
    expect(planRequest(account({ userType: 'Guest' }), [], { op: 'revokeSessions' }, everything).items).toEqual([
      { kind: 'invalid', property: 'signInSessions', rule: 'guestSessions', params: {} },
    ]);
  });

  it('is denied when the policy says so', () => {
    const { options } = recording({ signInSessions: 'protected' });
    expect(planRequest(cloud, [], { op: 'revokeSessions' }, options).items).toEqual([{ kind: 'denied', property: 'signInSessions', reason: 'protected' }]);
  });
});

describe('planRequest: password reset', () => {
  const reset: AccountOperation = { op: 'resetPassword' };

  it('is denied outside a one-to-one chat', () => {
    for (const personalChat of [undefined, false]) {
      expect(planRequest(cloud, [], reset, { ...everything, personalChat }).items).toEqual([{ kind: 'denied', property: 'password', reason: 'notPersonalChat' }]);
    }
  });

  it('asks the policy about the password and reports its refusal first', () => {
    const { options, asked } = recording({ password: 'role' });
    expect(planRequest(cloud, [], reset, { ...options, personalChat: true }).items).toEqual([{ kind: 'denied', property: 'password', reason: 'role' }]);
    expect(asked.map((a) => a.subject)).toEqual(['password']);
  });

  it('resets a cloud-only account\'s password through passwordProfile', () => {
    const plan = planRequest(cloud, [], reset, { ...everything, personalChat: true, passwordWriteback: true });
    expect(plan.items).toEqual([{ kind: 'cloud', property: 'password', before: null, after: null, write: { op: 'resetPassword', via: 'passwordProfile' } }]);
    expect(plan.script).toBeNull();
  });

  it('resets a synced account\'s password in the cloud when the tenant writes it back', () => {
    const plan = planRequest(synced, [], reset, { ...everything, personalChat: true, passwordWriteback: true });
    expect(plan.items).toEqual([{ kind: 'cloud', property: 'password', before: null, after: null, write: { op: 'resetPassword', via: 'writeback' } }]);
    expect(plan.script).toBeNull();
  });

  it('gives a synced account without writeback the AD commands, prompting for the password at the console', () => {
    const plan = planRequest(synced, [], reset, { ...everything, personalChat: true, passwordWriteback: false });
    const commands = [
      "Set-ADAccountPassword -Identity 'fzahra' -Reset -NewPassword (Read-Host -AsSecureString -Prompt 'Temporary password')",
      "Set-ADUser -Identity 'fzahra' -ChangePasswordAtLogon $true",
    ];
    expect(plan.items).toEqual([{ kind: 'onPremises', property: 'password', before: null, after: null, command: commands.join('\n') }]);
    expect(plan.script).toBe(['Import-Module ActiveDirectory', ...commands, '# On the Microsoft Entra Connect server, to sync now instead of within 30 minutes:', 'Start-ADSyncSyncCycle -PolicyType Delta'].join('\n'));
    // No password is made or carried anywhere in the plan.
    const text = JSON.stringify(plan);
    expect(text).not.toMatch(/AsPlainText|ConvertTo-SecureString|passwordProfile|"newPassword"|"password"\s*:/);
    expect(plan.items.every((i) => !('after' in i) || i.after === null)).toBe(true);
  });

  it('puts no password in a cloud plan either', () => {
    for (const [who, writeback] of [[cloud, false], [synced, true]] as const) {
      const plan = planRequest(who, [], reset, { ...everything, personalChat: true, passwordWriteback: writeback });
      expect(Object.keys(plan.items[0].kind === 'cloud' ? plan.items[0].write : {}).sort()).toEqual(['op', 'via']);
      expect(plan.items[0]).toMatchObject({ before: null, after: null });
    }
  });

  it('warns when a synced account without writeback has no on-premises identity', () => {
    const plan = planRequest(account({ onPremisesSyncEnabled: true }), [], reset, { ...everything, personalChat: true });
    expect(plan.items).toEqual([{ kind: 'onPremises', property: 'password', before: null, after: null, command: '' }]);
    expect(plan.warnings).toContain('noOnPremisesIdentity');
    expect(plan.script).toBeNull();
  });
});

describe('planRequest: a synced account without an on-premises identity', () => {
  const nameless = account({ onPremisesSyncEnabled: true, accountEnabled: true, jobTitle: 'Analyst' });

  it('warns for an AD-mastered profile change', () => {
    const plan = planRequest(nameless, [{ property: 'jobTitle', value: 'Lead' }], null, everything);
    expect(plan.items).toEqual([{ kind: 'onPremises', property: 'jobTitle', before: 'Analyst', after: 'Lead', command: '' }]);
    expect(plan.warnings).toEqual(['noOnPremisesIdentity']);
    expect(plan.script).toBeNull();
  });

  it('warns for a block, whose Disable-ADAccount it cannot address', () => {
    const plan = planRequest(nameless, [{ property: 'accountEnabled', value: false }], null, everything);
    expect(plan.warnings).toEqual(expect.arrayContaining(['syncRevertsBlock', 'noOnPremisesIdentity']));
    expect(plan.script).toBeNull();
  });

  it('does not warn for cloud-only changes', () => {
    const plan = planRequest(nameless, [{ property: 'usageLocation', value: 'NL' }], { op: 'revokeSessions' }, everything);
    expect(plan.warnings).not.toContain('noOnPremisesIdentity');
  });

  it('uses the distinguished name when there is no sAMAccountName', () => {
    const dn = account({ onPremisesSyncEnabled: true, onPremisesDistinguishedName: "CN=Sean O'Neil,OU=Staff,DC=fabrikam,DC=local" });
    const plan = planRequest(dn, [], { op: 'resetPassword' }, { ...everything, personalChat: true });
    expect(plan.items[0]).toMatchObject({ kind: 'onPremises', command: expect.stringContaining("-Identity 'CN=Sean O''Neil,OU=Staff,DC=fabrikam,DC=local'") });
    expect(plan.warnings).toEqual([]);
  });
});

describe('planRequest: blocking sign-in also signs out', () => {
  const block = [{ property: 'accountEnabled' as const, value: false }];

  it('adds a sessions item after the block when the caller may revoke sessions', () => {
    const plan = planRequest(cloud, block, null, everything);
    expect(plan.items).toEqual([
      { kind: 'cloud', property: 'accountEnabled', before: true, after: false, write: { op: 'patch', patch: { accountEnabled: false } } },
      { kind: 'cloud', property: 'signInSessions', before: null, after: null, write: { op: 'revokeSessions' } },
    ]);
  });

  it.each(['role', 'protected'] as const)('adds nothing when the caller may not revoke sessions (%s)', (answer) => {
    const { options } = recording({ signInSessions: answer });
    const plan = planRequest(cloud, block, null, options);
    expect(plan.items.map((i) => i.property)).toEqual(['accountEnabled']);
  });

  it('adds nothing when the account is already blocked', () => {
    const plan = planRequest(account({ accountEnabled: false }), block, null, everything);
    expect(plan.items).toEqual([{ kind: 'noop', property: 'accountEnabled', value: false }]);
  });

  it('adds nothing when the block itself is denied', () => {
    const { options } = recording({ accountEnabled: 'role' });
    expect(planRequest(cloud, block, null, options).items).toEqual([{ kind: 'denied', property: 'accountEnabled', reason: 'role' }]);
  });

  it('does not revoke twice when sessions are revoked in the same request', () => {
    const plan = planRequest(cloud, block, { op: 'revokeSessions' }, everything);
    expect(plan.items.filter((i) => i.property === 'signInSessions')).toHaveLength(1);
  });

  it('does not sign out on enabling', () => {
    const plan = planRequest(account({ accountEnabled: false }), [{ property: 'accountEnabled', value: true }], null, everything);
    expect(plan.items.map((i) => i.property)).toEqual(['accountEnabled']);
  });
});
