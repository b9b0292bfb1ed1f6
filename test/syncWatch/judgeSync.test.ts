import { judgeSync, nextStep, type SyncVerdict } from '../../src/syncWatch/judgeSync';
import { expectedValues, selectFor, type SyncWatch } from '../../src/syncWatch/watchedChange';
import type { ChangePlan } from '../../src/changes/changePlan';

const HANDED_OVER = '2026-12-07T07:00:00.000Z';
const OVERDUE_MS = 90 * 60_000;
const at = (minutes: number) => new Date(Date.parse(HANDED_OVER) + minutes * 60_000);

function watch(extra: Partial<SyncWatch> = {}): SyncWatch {
  return {
    targetId: 'u1', targetName: 'Fatima Zahra', handedOverAt: HANDED_OVER, expiresAt: at(7 * 24 * 60).toISOString(),
    expected: [{ property: 'department', value: 'Key Accounts' }, { property: 'businessPhones', value: '+31 20 123 4567' }],
    adminId: 'admin', language: 'en', timeZone: 'Europe/Amsterdam', card: null,
    view: { targetName: 'Fatima Zahra', plan: { targetId: 'u1', synced: true, items: [], script: null, warnings: [] }, planId: 'p' },
    ...extra,
  };
}

const user = (sync: string | null, values: Record<string, unknown>) => ({ id: 'u1', onPremisesLastSyncDateTime: sync, ...values });
const matching = { department: 'Key Accounts', businessPhones: ['+31 20 123 4567'] };

describe('judgeSync: what one read says about a hand-over', () => {
  it.each<[string, Record<string, unknown> | null | undefined, number, SyncVerdict['kind'], boolean | null]>([
    ['the read failed', undefined, 5, 'unknown', null],
    ['the account is gone', null, 5, 'gone', null],
    ['a sync after the hand-over with every value', user(at(42).toISOString(), matching), 45, 'landed', null],
    ['a sync after the hand-over without the department', user(at(42).toISOString(), { ...matching, department: 'Sales' }), 45, 'mismatch', null],
    ['the values, but the last sync was before the hand-over', user(at(-5).toISOString(), matching), 10, 'waiting', false],
    ['a sync exactly at the hand-over does not count', user(HANDED_OVER, matching), 10, 'waiting', false],
    ['no sync for 89 minutes', user(at(-5).toISOString(), {}), 89, 'waiting', false],
    ['no sync for 90 minutes', user(at(-5).toISOString(), {}), 90, 'waiting', true],
    ['never synced', user(null, {}), 120, 'waiting', true],
  ])('%s', (_name, current, minutes, kind, overdue) => {
    const verdict = judgeSync(watch(), current, at(minutes), OVERDUE_MS);
    expect(verdict.kind).toBe(kind);
    if (overdue !== null) expect(verdict).toEqual({ kind: 'waiting', overdue });
  });

  it('names what differs, phones by their first number, empty and null alike', () => {
    const w = watch({ expected: [{ property: 'department', value: 'Key Accounts' }, { property: 'mobilePhone', value: null }, { property: 'accountEnabled', value: false }] });
    const verdict = judgeSync(w, user(at(3).toISOString(), { department: 'Sales', mobilePhone: '', accountEnabled: true }), at(4), OVERDUE_MS);
    expect(verdict).toEqual({
      kind: 'mismatch', syncedAt: at(3).toISOString(),
      differences: [{ expected: w.expected[0], actual: 'Sales' }, { expected: w.expected[2], actual: true }],
    });
  });

  it('compares the manager by id', () => {
    const w = watch({ expected: [{ property: 'manager', value: 'm1', shown: 'Noor Hassan' }] });
    expect(judgeSync(w, user(at(3).toISOString(), { manager: { id: 'm1' } }), at(4), OVERDUE_MS).kind).toBe('landed');
    expect(judgeSync(w, user(at(3).toISOString(), {}), at(4), OVERDUE_MS).kind).toBe('mismatch');
  });
});

describe('nextStep: tell once, keep watching quietly, tell again when it lands', () => {
  const mismatch: SyncVerdict = { kind: 'mismatch', syncedAt: at(30).toISOString(), differences: [] };

  it('ends the watch when the change landed or the account is gone', () => {
    expect(nextStep(watch(), { kind: 'landed', syncedAt: at(3).toISOString() }, at(4))).toMatchObject({ notice: 'landed', finished: true });
    expect(nextStep(watch(), { kind: 'gone' }, at(4))).toMatchObject({ notice: 'gone', finished: true });
  });

  it('tells a mismatch once, then watches quietly; a later landing is told', () => {
    const first = nextStep(watch(), mismatch, at(31));
    expect(first).toMatchObject({ notice: 'mismatch', finished: false });
    expect(first.watch.mismatchToldAt).toBe(at(30).toISOString());
    expect(nextStep(first.watch, { ...mismatch, syncedAt: at(60).toISOString() }, at(61))).toMatchObject({ notice: null, finished: false });
    expect(nextStep(first.watch, { kind: 'landed', syncedAt: at(90).toISOString() }, at(91))).toMatchObject({ notice: 'landed', finished: true });
  });

  it('warns once that the sync looks stuck', () => {
    expect(nextStep(watch(), { kind: 'waiting', overdue: false }, at(10))).toMatchObject({ notice: null, finished: false });
    const warned = nextStep(watch(), { kind: 'waiting', overdue: true }, at(91));
    expect(warned).toMatchObject({ notice: 'overdue', finished: false, watch: { overdueWarned: true } });
    expect(nextStep(warned.watch, { kind: 'waiting', overdue: true }, at(200))).toMatchObject({ notice: null, finished: false });
  });

  it('expires after 7 days, told once, unless the last look found the change', () => {
    const late = at(7 * 24 * 60 + 1);
    expect(nextStep(watch(), { kind: 'waiting', overdue: true }, late)).toMatchObject({ notice: 'expired', finished: true });
    expect(nextStep(watch({ mismatchToldAt: at(30).toISOString() }), mismatch, late)).toMatchObject({ notice: 'expired', finished: true });
    expect(nextStep(watch(), { kind: 'unknown' }, late)).toMatchObject({ notice: 'expired', finished: true });
    expect(nextStep(watch(), { kind: 'landed', syncedAt: late.toISOString() }, late)).toMatchObject({ notice: 'landed', finished: true });
  });

  it('looks again after a failed read', () => {
    expect(nextStep(watch(), { kind: 'unknown' }, at(5))).toMatchObject({ notice: null, finished: false });
  });
});

describe('expectedValues: what a hand-over should bring to Entra', () => {
  const plan: ChangePlan = {
    targetId: 'u1', synced: true, script: 'Set-ADUser …', warnings: [],
    items: [
      { kind: 'onPremises', property: 'jobTitle', before: 'Analyst', after: 'Head of Data', command: 'Set-ADUser' },
      { kind: 'onPremises', property: 'manager', before: 'A', after: 'Noor Hassan', command: 'Set-ADUser' },
      { kind: 'onPremises', property: 'group', before: null, after: null, command: 'Add-ADGroupMember', object: { name: 'Sales', add: true } },
      { kind: 'onPremises', property: 'password', before: null, after: null, command: 'Set-ADAccountPassword' },
      { kind: 'cloud', property: 'usageLocation', before: null, after: 'JP', write: { op: 'patch', patch: { usageLocation: 'JP' } } },
    ],
  };

  it('takes the on-premises profile items, the manager by id; groups and passwords cannot be read back', () => {
    expect(expectedValues(plan, 'm1')).toEqual([
      { property: 'jobTitle', value: 'Head of Data' },
      { property: 'manager', value: 'm1', shown: 'Noor Hassan' },
    ]);
    expect(expectedValues(plan, null)).toEqual([{ property: 'jobTitle', value: 'Head of Data' }]);
  });

  it('selects the sync time and the expected properties (the manager is expanded, not selected)', () => {
    expect(selectFor([watch({ expected: expectedValues(plan, 'm1') }), watch()])).toEqual(['id', 'onPremisesLastSyncDateTime', 'jobTitle', 'department', 'businessPhones']);
  });
});
