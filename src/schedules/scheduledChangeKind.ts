import type { JobKind, JobResult } from '../jobs/jobRunner';
import type { ClaimedJob } from '../store';

/** The job kind of a change confirmed for later ("… tomorrow at 9"). */
export const SCHEDULED_CHANGE = 'scheduledChange';

/** What a scheduled change's job keeps: the stored plan, and what is needed to plan it again and tell its admin. */
export interface ScheduledJob {
  planId: string;
  language: 'en' | 'nl';
  /** The admin's zone when they scheduled it (null: not known, times in UTC). */
  timeZone: string | null;
  tenantId: string;
}

/**
 * The scheduler's kind: a few changes per tick, one after the other (each re-plans and writes through Graph). The
 * lease outlasts a change's writes with Graph's retries; a crash leaves it to run out, and the journal's one claim
 * of the plan keeps the next holder from writing again.
 */
export function scheduledChangeKind(run: (job: ClaimedJob) => Promise<JobResult>, onError: (job: ClaimedJob, error: unknown) => void): JobKind {
  return {
    kind: SCHEDULED_CHANGE,
    batch: 5,
    leaseMs: 5 * 60_000,
    handler: async (jobs) => {
      const results: JobResult[] = [];
      for (const [i, job] of jobs.entries()) {
        try {
          results[i] = await run(job);
        } catch (error) {
          // Left out: claimed again once the lease runs out (a Graph outage, a store hiccup).
          onError(job, error);
        }
      }
      return results;
    },
  };
}
