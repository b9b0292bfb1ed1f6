import type { ChangePlan, PlanItem, Value } from '../changes/changePlan';
import type { AuditRecord } from '../store/auditLog';
import { stableJson } from '../text/stableJson';
import { adScript, scriptCommands } from '../sync/powerShell';
import type { Expectation, Irreversible } from './inverseOf';

/** What an undo plan keeps beside its changes: the original it reverses, and what it must find before writing. */
export interface UndoSpec {
  /** The original plan's id: the undo's audit records carry it. */
  of: string;
  /** Who made the original, and when it was applied (ISO 8601). */
  actorUpn: string;
  appliedAt: string;
  expect: Expectation[];
  onPremises: Extract<PlanItem, { kind: 'onPremises' }>[];
  commands: string[];
  irreversible: Irreversible[];
  missingIdentity: boolean;
}

export interface UndoWords {
  /** A value as the card shows it ("(empty)", "Blocked", the text). */
  value(v: Value): string;
  /** A time in the reader's language and zone. */
  time(iso: string): string;
}

const IRREVERSIBLE_RULE: Record<Irreversible, { property: PlanItem['property']; rule: string }> = {
  signInSessions: { property: 'signInSessions', rule: 'undoSignOut' },
  password: { property: 'password', rule: 'undoPassword' },
  usageLocation: { property: 'usageLocation', rule: 'undoKeepsUsageLocation' },
  manager: { property: 'manager', rule: 'undoManagerUnknown' },
  mailbox: { property: 'licence', rule: 'undoMailbox' },
};

/**
 * The undo plan as confirmed and applied: the normal planner's plan of the inverse, where a cloud item whose current
 * value is no longer the value the original set is not written (optimistic concurrency) but says what it is now, and
 * who changed it when our audit knows; then what cannot be undone, and the original's AD part reversed.
 * `history`: the target's audit records, newest first.
 */
export function guardUndo(plan: ChangePlan, spec: UndoSpec, history: readonly AuditRecord[], words: UndoWords): ChangePlan {
  const items: PlanItem[] = plan.items.map((item) => {
    const expected = spec.expect.find((e) => e.property === item.property);
    if (item.kind !== 'cloud' || !expected) return item;
    // Changed since, by anyone through the bot (an earlier undo included), even back to the same value: a change made
    // after the original is not ours to take back. Otherwise the value must still be the one the original set.
    const later = laterChange(history, spec, item.property);
    if (!later && same(item.before, expected.value)) return item;
    const params = { now: words.value(item.before), ...(later ? { by: later.actorUpn, time: words.time(later.time) } : {}) };
    return { kind: 'invalid', property: item.property, rule: later ? 'undoChangedBy' : 'undoChanged', params };
  });
  for (const what of new Set(spec.irreversible)) items.push({ kind: 'invalid', ...IRREVERSIBLE_RULE[what], params: {} });
  items.push(...spec.onPremises);
  const commands = [...scriptCommands(plan.script), ...spec.commands];
  const warnings = spec.missingIdentity && !plan.warnings.includes('noOnPremisesIdentity') ? [...plan.warnings, 'noOnPremisesIdentity' as const] : plan.warnings;
  return { ...plan, items, script: commands.length ? adScript(commands) : null, warnings };
}

/** The latest applied change of this property by anyone after the original (an undo of it included), newest first. */
function laterChange(history: readonly AuditRecord[], spec: UndoSpec, property: string): AuditRecord | undefined {
  const since = Date.parse(spec.appliedAt);
  return history.find((r) => r.property === property && r.outcome === 'applied' && r.planId !== spec.of && Date.parse(r.time) >= since);
}

function same(a: Value, b: Value): boolean {
  return stableJson(a ?? null) === stableJson(b ?? null);
}
