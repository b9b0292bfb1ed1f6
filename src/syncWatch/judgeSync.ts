import type { Value } from '../changes/changePlan';
import type { ExpectedValue, SyncWatch } from './watchedChange';

/** A property whose value in Entra is not yet the one the script sets. */
export interface Difference {
  expected: ExpectedValue;
  actual: Value;
}

/** What one read of the target says about a hand-over. */
export type SyncVerdict =
  /** The read failed (throttled, unavailable): nothing is known, look again. */
  | { kind: 'unknown' }
  /** The account is gone from the directory. */
  | { kind: 'gone' }
  /** A sync after the hand-over, and Entra shows every expected value. */
  | { kind: 'landed'; syncedAt: string }
  /** A sync after the hand-over that did not carry (all of) the change. */
  | { kind: 'mismatch'; syncedAt: string; differences: Difference[] }
  /** No sync since the hand-over; `overdue` once that has lasted longer than the limit. */
  | { kind: 'waiting'; overdue: boolean };

/** What the watcher does with a verdict: whom to tell what, and whether the watch goes on. */
export interface WatchStep {
  notice: 'landed' | 'mismatch' | 'overdue' | 'expired' | 'gone' | null;
  finished: boolean;
  /** The watch as it goes on (what was told is remembered, so nothing is told twice). */
  watch: SyncWatch;
}

/**
 * Compares the target as Graph returned it (`$select` of the sync time and the expected properties; null: no such
 * user; undefined: the read failed) with what the hand-over expects.
 */
export function judgeSync(watch: SyncWatch, current: Record<string, unknown> | null | undefined, now: Date, overdueMs: number): SyncVerdict {
  if (current === undefined) return { kind: 'unknown' };
  if (current === null) return { kind: 'gone' };
  const handedOver = Date.parse(watch.handedOverAt);
  const syncedAt = typeof current.onPremisesLastSyncDateTime === 'string' ? current.onPremisesLastSyncDateTime : null;
  if (!syncedAt || !(Date.parse(syncedAt) > handedOver)) return { kind: 'waiting', overdue: now.getTime() - handedOver >= overdueMs };
  const differences = watch.expected
    .map((expected) => ({ expected, actual: actualValue(current, expected.property) }))
    .filter((d) => !sameValue(d.expected.value, d.actual));
  return differences.length ? { kind: 'mismatch', syncedAt, differences } : { kind: 'landed', syncedAt };
}

/**
 * The next step for a verdict: a change that landed or a target that is gone ends the watch; a mismatch is told once
 * (the watch goes on quietly and tells again when the change lands); a sync that looks stuck is warned about once; an
 * expired watch is told once and ends, unless this last look found the change landed.
 */
export function nextStep(watch: SyncWatch, verdict: SyncVerdict, now: Date): WatchStep {
  if (verdict.kind === 'landed') return { notice: 'landed', finished: true, watch };
  if (verdict.kind === 'gone') return { notice: 'gone', finished: true, watch };
  if (now.getTime() >= Date.parse(watch.expiresAt)) return { notice: 'expired', finished: true, watch };
  if (verdict.kind === 'mismatch') {
    if (watch.mismatchToldAt) return { notice: null, finished: false, watch };
    return { notice: 'mismatch', finished: false, watch: { ...watch, mismatchToldAt: verdict.syncedAt } };
  }
  if (verdict.kind === 'waiting' && verdict.overdue && !watch.overdueWarned && !watch.mismatchToldAt) {
    return { notice: 'overdue', finished: false, watch: { ...watch, overdueWarned: true } };
  }
  return { notice: null, finished: false, watch };
}

/** The property's value as the plan compares it: a phone list by its first number, the manager by id. */
export function actualValue(user: Record<string, unknown>, property: ExpectedValue['property']): Value {
  if (property === 'businessPhones') {
    const phones = user.businessPhones;
    return Array.isArray(phones) && typeof phones[0] === 'string' ? phones[0] : null;
  }
  if (property === 'manager') {
    const manager = user.manager as { id?: unknown } | null | undefined;
    return typeof manager?.id === 'string' ? manager.id : null;
  }
  const value = user[property];
  return typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

/** Empty and absent are the same to Entra (a cleared attribute is returned as null). */
function sameValue(expected: Value, actual: Value): boolean {
  const norm = (v: Value) => (v === '' ? null : v);
  return norm(expected) === norm(actual);
}
