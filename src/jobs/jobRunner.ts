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

/** Claims of one job without a decision (its handler threw, or left it out, or its holder crashed) before it is failed. */
export const MAX_ATTEMPTS = 10;

/** Finished jobs (done, failed, cancelled) are kept this long, for "scheduled changes" and for operators, then deleted. */
export const JOB_RETENTION_MS = 30 * 86_400_000;
/** How often a runner deletes what is past retention (every instance does; deleting twice is harmless). */
export const PRUNE_EVERY_MS = 3_600_000;

export interface JobRunnerOptions {
  /** {@link MAX_ATTEMPTS} unless set. */
  maxAttempts?: number;
  /** {@link JOB_RETENTION_MS} unless set. */
  retentionMs?: number;
  /** {@link PRUNE_EVERY_MS} unless set. */
  pruneEveryMs?: number;
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

  private readonly options: Required<JobRunnerOptions>;
  /** When this runner last deleted finished jobs past retention (ms since the epoch); the first tick does. */
  private prunedAt = -Infinity;
  private pruning?: Promise<void>;

  constructor(private readonly jobs: JobStore, private readonly log: Logger, options: JobRunnerOptions = {}) {
    this.options = {
      maxAttempts: options.maxAttempts ?? MAX_ATTEMPTS,
      retentionMs: options.retentionMs ?? JOB_RETENTION_MS,
      pruneEveryMs: options.pruneEveryMs ?? PRUNE_EVERY_MS,
    };
  }

  register(kind: JobKind): void {
    if (this.kinds.has(kind.kind)) throw new Error(`job kind registered twice: ${kind.kind}`);
    this.kinds.set(kind.kind, kind);
  }

  /**
   * One pass over every kind, the kinds side by side; a kind whose previous pass still runs is joined, not doubled.
   * Returns how many jobs it settled.
   */
  async tick(): Promise<number> {
    this.pruneWhenDue();
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
    await this.pruning;
  }

  /** Deletes finished jobs past retention, at most once per `pruneEveryMs`, beside the passes (a failure is only logged). */
  private pruneWhenDue(): void {
    const now = Date.now();
    if (this.pruning || now - this.prunedAt < this.options.pruneEveryMs) return;
    this.prunedAt = now;
    this.pruning = this.jobs.prune(new Date(now - this.options.retentionMs).toISOString())
      .then((count) => { if (count) this.log.info('jobs.pruned', { count }); })
      .catch((error: unknown) => this.log.error('jobs.pruneFailed', { error }))
      .finally(() => { this.pruning = undefined; });
  }

  private async runKind(kind: JobKind): Promise<number> {
    const all = await this.jobs.claimDue([kind.kind], kind.batch, kind.leaseMs);
    const claimed = all.filter((job) => job.attempts <= this.options.maxAttempts);
    const given = await this.giveUp(kind, all.filter((job) => job.attempts > this.options.maxAttempts));
    if (!claimed.length) return given;
    let results: JobResult[];
    try {
      results = await kind.handler(claimed);
    } catch (error) {
      // The leases run out and the jobs are claimed again: nothing is lost, nothing recorded twice.
      this.log.error('jobs.handlerFailed', { kind: kind.kind, count: claimed.length, error });
      return given;
    }
    let settled = given;
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

  /**
   * Jobs claimed more than `maxAttempts` times without a decision are failed rather than handed to the handler again: a
   * job that always throws (or always crashes its holder) is not retried forever. Its handler is not asked, so no one is
   * told; the error log is what an operator sees.
   */
  private async giveUp(kind: JobKind, jobs: ClaimedJob[]): Promise<number> {
    const failed = await Promise.all(jobs.map(async (job) => {
      if (!(await this.jobs.finish(job, 'failed', { reason: 'tooManyAttempts', attempts: job.attempts - 1 }))) return false;
      this.log.error('jobs.tooManyAttempts', { kind: kind.kind, jobId: job.id, attempts: job.attempts - 1 });
      return true;
    }));
    return failed.filter(Boolean).length;
  }
}
