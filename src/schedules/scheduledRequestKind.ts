import { fromZoned } from './resolveWhen';

/** The job kind of a manager's request approved before its effective date: applied on that day. */
export const SCHEDULED_REQUEST = 'scheduledRequest';

/** What the job keeps: the request, and where and how to tell its approver (the job's owner). */
export interface ScheduledRequestJob {
  requestId: string;
  tenantId: string;
  /** The approver's one-to-one conversation when they approved: their audit records name it. */
  conversationId: string;
}

/** What an approved-and-scheduled request keeps in its outcome until it runs: its job, and when in which zone. */
export interface RequestSchedule {
  jobId: string;
  /** ISO 8601 (UTC). */
  dueAt: string;
  /** The approver's zone the day starts in (null: not known, so 00:00 UTC). */
  timeZone: string | null;
}

/** The schedule of an approved request waiting for its effective date; null for any other request. */
export function scheduleOf(record: { state: string; outcome: unknown }): RequestSchedule | null {
  if (record.state !== 'approved') return null;
  const scheduled = (record.outcome as { scheduled?: RequestSchedule } | null)?.scheduled;
  return scheduled && typeof scheduled.jobId === 'string' && typeof scheduled.dueAt === 'string' ? scheduled : null;
}

/** The start of an effective date (`YYYY-MM-DD`): 00:00 in the approver's zone, else in UTC. */
export function startOfDay(effectiveDate: string, timeZone: string | null): Date {
  const [year, month, day] = effectiveDate.split('-').map(Number);
  return fromZoned(year, month, day, 0, 0, timeZone ?? 'UTC');
}

