import type { ItemOutcome } from '../cards/changePlanCard';

/** The longest reason a manager may give. */
export const REASON_MAX = 500;

/** Whether an effective date (`YYYY-MM-DD`, or empty) can be asked for today, given how long a request lives. */
export function checkEffectiveDate(date: string, today: string, ttlDays: number): 'ok' | 'dateInvalid' | 'datePast' | 'dateTooLate' {
  if (!date) return 'ok';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    return 'dateInvalid';
  }
  if (date < today) return 'datePast';
  if (date > addDays(today, ttlDays)) return 'dateTooLate';
  return 'ok';
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A pending request older than the time to live has expired, whether or not a sweep has marked it yet. */
export function isOverdue(request: { state: string; createdAt: string }, now: Date, ttlMs: number): boolean {
  return request.state === 'pending' && Date.parse(request.createdAt) < now.getTime() - ttlMs;
}

/** The state an approved request ends in, from what each Graph write did. */
export function outcomeState(outcomes: readonly ItemOutcome[]): 'applied' | 'partlyApplied' | 'failed' {
  const failed = outcomes.filter((o) => !o.ok).length;
  if (failed === 0) return 'applied';
  return failed === outcomes.length ? 'failed' : 'partlyApplied';
}

/**
 * Segregation of duties: why this person may not decide this request at all, whatever their roles — they submitted
 * it, or it is about their own account — or null when nothing stands in their way.
 */
export function conflictOfInterest(request: { requesterId: string; targetId: string }, personId: string): 'request.ownRequest' | 'request.aboutYou' | null {
  if (request.requesterId === personId) return 'request.ownRequest';
  if (request.targetId === personId) return 'request.aboutYou';
  return null;
}
