import type { ChangePlan, PlanItem } from '../../src/changes/changePlan';
import type { AuditRecord } from '../../src/store/auditLog';
import { guardUndo, type UndoSpec } from '../../src/undo/guardUndo';
import { adScript } from '../../src/sync/powerShell';

const words = { value: (v: unknown) => (v === null ? '(empty)' : String(v)), time: (iso: string) => `at:${iso}` };
const spec = (over: Partial<UndoSpec> = {}): UndoSpec => ({
  of: 'orig', actorUpn: 'daan@x', appliedAt: '2026-01-01T10:00:00.000Z', expect: [], onPremises: [], commands: [], irreversible: [], missingIdentity: false, ...over,
});
const plan = (items: PlanItem[], extra: Partial<ChangePlan> = {}): ChangePlan => ({ targetId: 't', synced: false, items, script: null, warnings: [], ...extra });
const title = (before: string, after: string): PlanItem => ({ kind: 'cloud', property: 'jobTitle', before, after, write: { op: 'patch', patch: { jobTitle: after } } });
const record = (over: Partial<AuditRecord>): AuditRecord => ({
  id: 'r', time: '2026-01-01T11:00:00.000Z', actorId: 'p', actorUpn: 'priya@x', approverId: null, approverUpn: null, targetId: 't', targetUpn: 'n@x',
  operation: 'update', property: 'jobTitle', before: 'Lead', after: 'Chief', outcome: 'applied', reason: null, graphRequestId: null, planId: 'other',
  requestId: null, conversationId: null, correlationId: null, ...over,
});

describe('guardUndo', () => {
  const expectLead = spec({ expect: [{ property: 'jobTitle', value: 'Lead' }] });

  it('keeps an item whose current value is still the one the original set', () => {
    expect(guardUndo(plan([title('Lead', 'Intern')]), expectLead, [], words).items).toEqual([title('Lead', 'Intern')]);
  });

  it('does not write over a value changed since: says what it is now, and who changed it when the audit knows', () => {
    const [unknown] = guardUndo(plan([title('Chief', 'Intern')]), expectLead, [], words).items;
    expect(unknown).toEqual({ kind: 'invalid', property: 'jobTitle', rule: 'undoChanged', params: { now: 'Chief' } });
    const history = [record({ planId: 'orig', time: '2026-01-01T10:00:00.000Z' }), record({ property: 'department' }), record({})];
    const [known] = guardUndo(plan([title('Chief', 'Intern')]), expectLead, history, words).items;
    expect(known).toEqual({ kind: 'invalid', property: 'jobTitle', rule: 'undoChangedBy', params: { now: 'Chief', by: 'priya@x', time: 'at:2026-01-01T11:00:00.000Z' } });
  });

  it('a change before the original, or a refused one, is not who changed it since', () => {
    const history = [record({ time: '2025-12-31T10:00:00.000Z' }), record({ outcome: 'refused' })];
    expect(guardUndo(plan([title('Chief', 'Intern')]), expectLead, history, words).items[0]).toMatchObject({ rule: 'undoChanged' });
  });

  it('adds what cannot be undone, once each, and the reversed AD part with one script', () => {
    const onPremises: PlanItem[] = [{ kind: 'onPremises', property: 'department', before: 'B', after: 'A', command: "Set-ADUser -Identity 'f' -Department 'A'" }];
    const fromPlanner = plan([title('Lead', 'Intern')], { synced: true, script: adScript(["Enable-ADAccount -Identity 'f'"]) });
    const guarded = guardUndo(fromPlanner, spec({
      expect: [{ property: 'jobTitle', value: 'Lead' }], irreversible: ['signInSessions', 'signInSessions', 'password'],
      onPremises: onPremises as UndoSpec['onPremises'], commands: ["Set-ADUser -Identity 'f' -Department 'A'"],
    }), [], words);
    expect(guarded.items.map((i) => [i.kind, i.property, 'rule' in i ? i.rule : null])).toEqual([
      ['cloud', 'jobTitle', null], ['invalid', 'signInSessions', 'undoSignOut'], ['invalid', 'password', 'undoPassword'], ['onPremises', 'department', null],
    ]);
    expect(guarded.script).toBe(adScript(["Enable-ADAccount -Identity 'f'", "Set-ADUser -Identity 'f' -Department 'A'"]));
  });

  it('warns when the AD part has no identity to address', () => {
    expect(guardUndo(plan([]), spec({ missingIdentity: true }), [], words).warnings).toEqual(['noOnPremisesIdentity']);
  });
});
