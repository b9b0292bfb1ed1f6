import type { ClaimedJob } from '../store';
import type { JobKind, JobResult } from './jobRunner';

/**
 * A kind whose jobs each write through Graph on their own (a scheduled change, a scheduled request): a few per tick,
 * run one after the other. A job whose run throws is left out of the results, so it is claimed again once its lease
 * runs out (a Graph outage, a store hiccup); the journal's one claim of what it writes keeps a next holder from
 * writing again.
 */
export function oneByOne(
  kind: string, run: (job: ClaimedJob) => Promise<JobResult>, onError: (job: ClaimedJob, error: unknown) => void,
): JobKind {
  return {
    kind,
    batch: 5,
    // Outlasts one job's writes with Graph's retries.
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
