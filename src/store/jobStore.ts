import type { Json } from './json';

export type JobState = 'pending' | 'done' | 'failed' | 'cancelled';

/** Work that outlives a turn: a scheduled change, a watched sync, … — one row, claimed by any instance when due. */
export interface JobRecord {
  id: string;
  /** The room that owns it registers a handler for its kind (e.g. `scheduledChange`, `syncWatch`). */
  kind: string;
  /** ISO 8601: not claimed before then. */
  dueAt: string;
  payload: Json;
  state: JobState;
  /** Who started it (an Entra object id): theirs to list and cancel; null for the bot's own. */
  ownerId: string | null;
  /**
   * Claims since the job was last decided (added, or rescheduled by its handler): a handler that keeps throwing, or a
   * holder that keeps crashing, raises it; a watcher looked at every few minutes does not.
   */
  attempts: number;
  outcome: Json | null;
  createdAt: string;
  updatedAt: string;
}

/** A job this process holds a lease on; only the token's holder may finish or reschedule it. */
export interface ClaimedJob extends JobRecord {
  leaseToken: string;
}

export interface JobInput {
  /** A UUID, when the job must exist once per thing (a bulk run per plan): adding it again returns the one there. */
  id?: string;
  kind: string;
  dueAt: string;
  payload: Json;
  ownerId?: string | null;
}

export interface JobStore {
  add(job: JobInput): Promise<JobRecord>;
  get(id: string): Promise<JobRecord | null>;
  /**
   * Up to `limit` pending jobs of these kinds that are due and not leased by a live holder, leased to the caller for
   * `leaseMs` (`FOR UPDATE SKIP LOCKED`: instances claiming at the same moment get different jobs). A holder that
   * crashed leaves its lease to run out, and the job is claimed again.
   */
  claimDue(kinds: readonly string[], limit: number, leaseMs: number): Promise<ClaimedJob[]>;
  /** Records the outcome once: false when the lease was lost (another instance holds the job now). */
  finish(job: ClaimedJob, state: 'done' | 'failed', outcome: Json): Promise<boolean>;
  /**
   * Gives the job back to be claimed again at `dueAt` (a watcher's next look), with a new payload if given: a decision,
   * so its attempts start again from 0.
   */
  reschedule(job: ClaimedJob, dueAt: string, payload?: Json): Promise<boolean>;
  /**
   * The holder records how far it got (a bulk run's results so far) and holds the job `leaseMs` longer: false when the
   * lease was lost. Not a decision: the count of claims stays, so a holder that keeps crashing is still given up on.
   */
  progress(job: ClaimedJob, payload: Json, leaseMs: number): Promise<boolean>;
  /** Cancels a pending job of `ownerId`, unless it is being run right now. */
  cancel(id: string, ownerId: string): Promise<'cancelled' | 'notFound' | 'notOwner' | 'running' | 'finished'>;
  /** Deletes the finished jobs (done, failed, cancelled) last changed before `olderThan` (ISO 8601); returns how many. */
  prune(olderThan: string): Promise<number>;
  /** The owner's jobs of a kind in these states, soonest first. */
  listByOwner(ownerId: string, kind: string, states: readonly JobState[], limit: number): Promise<JobRecord[]>;
}
