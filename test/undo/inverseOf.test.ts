import type { ChangePlan, PlanItem } from '../../src/changes/changePlan';
import { canUndo, inverseOf, type AppliedChange } from '../../src/undo/inverseOf';

const plan = (items: PlanItem[], extra: Partial<ChangePlan> = {}): ChangePlan => ({ targetId: 't', synced: false, items, script: null, warnings: [], ...extra });
const ok = (...properties: string[]) => properties.map((property) => ({ property, ok: true }));
const patch = (property: PlanItem['property'], before: string | boolean | null, after: string | boolean | null): PlanItem =>
  ({ kind: 'cloud', property, before, after, write: { op: 'patch', patch: { [property]: after } } });
const context = { identity: 'nvisser' };

describe('inverseOf: each applied cloud item back to its before-value', () => {
  it.each([
    ['a profile property', patch('jobTitle', 'Intern', 'Lead'), { property: 'jobTitle', value: 'Intern' }, { property: 'jobTitle', value: 'Lead' }],
    ['a cleared property is set again', patch('mobilePhone', '+31 6 1234 5678', null), { property: 'mobilePhone', value: '+31 6 1234 5678' }, { property: 'mobilePhone', value: null }],
    ['a property that was empty is cleared', patch('department', null, 'Sales'), { property: 'department', value: null }, { property: 'department', value: 'Sales' }],
    ['a block is lifted', patch('accountEnabled', true, false), { property: 'accountEnabled', value: true }, { property: 'accountEnabled', value: false }],
    ['an unblock is blocked again', patch('accountEnabled', false, true), { property: 'accountEnabled', value: false }, { property: 'accountEnabled', value: true }],
  ] as const)('%s', (_, item, change, expectation) => {
    const inverse = inverseOf({ plan: plan([item]), outcomes: ok(item.property) }, context);
    expect(inverse.changes).toEqual([change]);
    expect(inverse.expect).toEqual([expectation]);
    expect(inverse).toMatchObject({ operations: [], onPremises: [], commands: [], irreversible: [] });
  });

  it.each([
    ['licence assigned → removed', { op: 'licence', skuId: 's', assign: true }, { op: 'licence', skuId: 's', add: false }],
    ['licence removed → assigned', { op: 'licence', skuId: 's', assign: false }, { op: 'licence', skuId: 's', add: true }],
    ['group added → removed', { op: 'membership', groupId: 'g', add: true }, { op: 'group', groupId: 'g', add: false }],
    ['group removed → added', { op: 'membership', groupId: 'g', add: false }, { op: 'group', groupId: 'g', add: true }],
  ] as const)('%s', (_, write, operation) => {
    const property = write.op === 'licence' ? 'licence' : 'group';
    const item: PlanItem = { kind: 'cloud', property, before: null, after: null, write, object: { name: 'X', add: 'assign' in write ? write.assign : write.add } };
    expect(inverseOf({ plan: plan([item]), outcomes: ok(property) }, context).operations).toEqual([operation]);
  });

  it('the manager: set back to the recorded previous manager, or removed when there was none', () => {
    const item: PlanItem = { kind: 'cloud', property: 'manager', before: 'Daan Visser', after: 'Milan Kowalski', write: { op: 'manager', managerId: 'milan' } };
    const back = inverseOf({ plan: plan([item]), outcomes: ok('manager'), previousManagerId: 'daan' }, context);
    expect(back).toMatchObject({ managerId: 'daan', changes: [{ property: 'manager', value: 'Daan Visser' }], expect: [{ property: 'manager', value: 'Milan Kowalski' }] });
    const none = inverseOf({ plan: plan([{ ...item, before: null }]), outcomes: ok('manager'), previousManagerId: null }, context);
    expect(none).toMatchObject({ managerId: null, changes: [{ property: 'manager', value: null }] });
    // A plan made before the previous manager was recorded: said, not guessed by name.
    expect(inverseOf({ plan: plan([item]), outcomes: ok('manager') }, context)).toMatchObject({ changes: [], irreversible: ['manager'] });
  });

  it('sign-outs and password resets cannot be undone; failed items are not reversed', () => {
    const items: PlanItem[] = [
      patch('accountEnabled', true, false),
      { kind: 'cloud', property: 'signInSessions', before: null, after: null, write: { op: 'revokeSessions' } },
      { kind: 'cloud', property: 'password', before: null, after: null, write: { op: 'resetPassword', via: 'passwordProfile' } },
      patch('jobTitle', 'A', 'B'),
    ];
    const outcomes = [...ok('accountEnabled', 'signInSessions', 'password'), { property: 'jobTitle', ok: false }];
    const inverse = inverseOf({ plan: plan(items), outcomes }, context);
    expect(inverse.changes).toEqual([{ property: 'accountEnabled', value: true }]);
    expect(inverse.irreversible).toEqual(['signInSessions', 'password']);
  });

  it('the usage location a licence needed is kept while the licence is removed', () => {
    const items: PlanItem[] = [
      patch('usageLocation', null, 'NL'),
      { kind: 'cloud', property: 'licence', before: null, after: null, write: { op: 'licence', skuId: 's', assign: true }, object: { name: 'E3', add: true } },
    ];
    const inverse = inverseOf({ plan: plan(items, { warnings: ['usageLocationForLicence'] }), outcomes: ok('usageLocation', 'licence') }, context);
    expect(inverse).toMatchObject({ changes: [], operations: [{ op: 'licence', add: false }], irreversible: ['usageLocation'] });
  });
});

describe('inverseOf: the AD part gets the inverse commands', () => {
  const onPrem = (property: PlanItem['property'], before: string | boolean | null, after: string | boolean | null, command = 'x'): PlanItem =>
    ({ kind: 'onPremises', property, before, after, command });
  const synced = (items: PlanItem[], rest: Partial<AppliedChange> = {}): AppliedChange => ({ plan: plan(items, { synced: true }), outcomes: [], ...rest });

  it.each([
    ['a title', onPrem('jobTitle', 'HR Director', 'Head of Data'), "Set-ADUser -Identity 'fzahra' -Title 'HR Director'"],
    ["a value with a quote", onPrem('surname', "O'Brien", 'Brien'), "Set-ADUser -Identity 'fzahra' -Surname 'O''Brien'"],
    ['a value that was empty is cleared', onPrem('department', null, 'Sales'), "Set-ADUser -Identity 'fzahra' -Clear department"],
    ['the country, with its codes', onPrem('country', 'Netherlands', 'Belgium'), "Set-ADUser -Identity 'fzahra' -Replace @{c='NL';co='Netherlands';countryCode=528}"],
    ['an AD enable is disabled again', onPrem('accountEnabled', false, true), "Disable-ADAccount -Identity 'fzahra'"],
  ] as const)('%s', (_, item, command) => {
    const inverse = inverseOf(synced([item]), { identity: 'fzahra' });
    expect(inverse.commands).toEqual([command]);
    expect(inverse.onPremises).toEqual([expect.objectContaining({ kind: 'onPremises', property: item.property, before: (item as { after: unknown }).after, after: (item as { before: unknown }).before, command })]);
    expect(inverse.changes).toEqual([]);
  });

  it('the manager in AD: the previous manager by their AD name, or cleared', () => {
    const item = onPrem('manager', 'Anna de Boer', 'Daan Visser');
    expect(inverseOf(synced([item], { previousManagerId: 'anna' }), { identity: 'fzahra', previousManagerIdentity: 'aboer' }).commands).toEqual(["Set-ADUser -Identity 'fzahra' -Manager 'aboer'"]);
    expect(inverseOf(synced([item], { previousManagerId: null }), { identity: 'fzahra' }).commands).toEqual(["Set-ADUser -Identity 'fzahra' -Clear manager"]);
  });

  it('a synced group the other way round; a password reset in AD cannot be undone', () => {
    const group: PlanItem = { kind: 'onPremises', property: 'group', before: null, after: null, command: 'x', object: { name: 'Logistiek Planning', add: true } };
    const inverse = inverseOf(synced([group, onPrem('password', null, null)]), { identity: 'fzahra', groupIdentity: 'LogistiekPlanning' });
    expect(inverse.commands).toEqual(["Remove-ADGroupMember -Identity 'LogistiekPlanning' -Members 'fzahra' -Confirm:$false"]);
    expect(inverse.onPremises[0].object).toEqual({ name: 'Logistiek Planning', add: false });
    expect(inverse.irreversible).toEqual(['password']);
  });

  it('without an on-premises identity: the items, no commands, and the gap marked', () => {
    const inverse = inverseOf(synced([onPrem('jobTitle', 'A', 'B')]), { identity: null });
    expect(inverse).toMatchObject({ commands: [], missingIdentity: true, onPremises: [expect.objectContaining({ command: '' })] });
  });
});

describe('canUndo', () => {
  it('only an applied item that can be taken back', () => {
    const signOut: PlanItem = { kind: 'cloud', property: 'signInSessions', before: null, after: null, write: { op: 'revokeSessions' } };
    expect(canUndo(plan([patch('jobTitle', 'A', 'B')]), ok('jobTitle'))).toBe(true);
    expect(canUndo(plan([patch('jobTitle', 'A', 'B')]), [{ property: 'jobTitle', ok: false }])).toBe(false);
    expect(canUndo(plan([signOut]), ok('signInSessions'))).toBe(false);
    expect(canUndo(plan([signOut, patch('accountEnabled', true, false)]), ok('signInSessions', 'accountEnabled'))).toBe(true);
  });
});
