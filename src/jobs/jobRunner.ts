import type { Json } from '../store/json';
import type { ClaimedJob, JobStore } from '../store';
import type { Logger } from '../logger';

/**
 * What a handler decides for one job: finished (done or failed, with an outcome), or look again later. `afterRecorded` runs
 * only once that decision is recorded: what it tells people is told by the holder whose decision counted, so a lease
 * lost under a slow tick does not tell them twice (a crash between the two tells them not at all, and the next look
 * decides again).
 */
export type JobResult = ({ state: 'done' | 'failed'; outcome: Json } | { retryAt: Date; payload?: Json }) & { afterRecorded?: () => Promise<void> };

/**
 * Runs the due jobs of one kind, all claimed in this tick together: a watcher reads Graph for all its items at once
 * rather than one request per item. Returns one result per job, in the same order. A job it leaves out (or a thrown
 * error) is retried after the lease runs out, by this instance or another.
 */
export type JobHandler = (jobs: ClaimedJob[]) => Promise<JobResult[]>;

export interface JobKind {
  kind: string;
  handler: JobHandler;
  /** How many due jobs of this kind one tick takes (a watcher: many; a scheduled change: a few). */
  batch: number;
  /** How long a claim holds: longer than the handler takes for a batch. */
  leaseMs: number;
}

/**
 * The one mechanism for work that outlives a turn (../shared/design.md, "Work that outlives a turn"): rooms register
 * their kinds; any instance claims due jobs on a tick, runs the kind's handler, and records each outcome once. The
 * runner knows nothing of what a job does.
 */
export class JobRunner {
  private readonly kinds = new Map<string, JobKind>();
  private timer?: NodeJS.Timeout;
  /** Each kind's pass in progress: a slow kind (a watcher reading 1,000 accounts) holds up no other. */
  private readonly running = new Map<string, Promise<number>>();

  constructor(private readonly jobs: JobStore, private readonly log: Logger) {}

  register(kind: JobKind): void {
    if (this.kinds.has(kind.kind)) throw new Error(`job kind registered twice: ${kind.kind}`);
    this.kinds.set(kind.kind, kind);
  }

  /**
   * One pass over every kind, the kinds side by side; a kind whose previous pass still runs is joined, not doubled.
   * Returns how many jobs it settled.
   */
  async tick(): Promise<number> {
    const passes = [...this.kinds.values()].map((kind) => {
      let pass = this.running.get(kind.kind);
      if (!pass) {
        pass = this.runKind(kind).finally(() => this.running.delete(kind.kind));
        this.running.set(kind.kind, pass);
      }
      return pass;
    });
    return (await Promise.all(passes)).reduce((a, b) => a + b, 0);
  }

  /** Ticks every `intervalMs` (not keeping the process alive for it); the first at once, for jobs due while down. */
  start(intervalMs: number): void {
    this.stop();
    const run = () => void this.tick().catch((error: unknown) => this.log.error('jobs.tickFailed', { error }));
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all([...this.running.values()].map((pass) => pass.catch(() => undefined)));
  }

  private async runKind(kind: JobKind): Promise<number> {
    const claimed = await this.jobs.claimDue([kind.kind], kind.batch, kind.leaseMs);
    if (!claimed.length) return 0;
    let results: JobResult[];
    try {
      results = await kind.handler(claimed);
    } catch (error) {
      // The leases run out and the jobs are claimed again: nothing is lost, nothing recorded twice.
      this.log.error('jobs.handlerFailed', { kind: kind.kind, count: claimed.length, error });
      return 0;
    }
    let settled = 0;
    await Promise.all(claimed.map(async (job, i) => {
      const result = results[i];
      if (!result) return;
      const kept = 'retryAt' in result
        ? await this.jobs.reschedule(job, result.retryAt.toISOString(), result.payload)
        : await this.jobs.finish(job, result.state, result.outcome);
      if (!kept) {
        this.log.warn('jobs.leaseLost', { kind: kind.kind, jobId: job.id });
        return;
      }
      settled++;
      await result.afterRecorded?.().catch((error: unknown) => this.log.warn('jobs.afterFailed', { kind: kind.kind, jobId: job.id, error }));
    }));
    return settled;
  }
}
