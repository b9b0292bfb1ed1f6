import type { JobKind, JobResult } from '../jobs/jobRunner';
import type { ClaimedJob } from '../store';
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

/**
 * The kind that applies approved requests on their effective date: a few per tick, one after the other. A crash
 * leaves the lease to run out; the journal's one claim of the request keeps the next holder from writing again.
 */
export function scheduledRequestKind(run: (job: ClaimedJob) => Promise<JobResult>, onError: (job: ClaimedJob, error: unknown) => void): JobKind {
  return {
    kind: SCHEDULED_REQUEST,
    batch: 5,
    leaseMs: 5 * 60_000,
    handler: async (jobs) => {
      const results: JobResult[] = [];
      for (const [i, job] of jobs.entries()) {
        try {
          results[i] = await run(job);
        } catch (error) {
          onError(job, error);
        }
      }
      return results;
    },
  };
}
