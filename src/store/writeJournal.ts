import type { AuditRecordInput } from './auditLog';
import type { Json } from './json';
import type { ClaimResult, PlanFinalState } from './planStore';
import type { RequestState, TransitionFields, TransitionResult } from './requestStore';

/** A write in progress, or done: what was to be written, by whom, and who holds it now. */
export interface JournalEntry {
  id: string;
  subjectKind: 'plan' | 'request';
  /** The plan's or the request's id. */
  subjectId: string;
  /** Everything needed to finish the write without the process that started it (see assistant/writeIntent.ts). */
  intent: Json;
  state: 'writing' | 'done';
  leaseUntil: string;
  /** Who holds the entry: whoever finishes it must show this token. */
  leaseToken: string;
  /** How many times a recovery has taken the entry over. */
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: Json | null;
}

/** How a journalled write ends: the subject's final state and outcome, and the audit records, all at once. */
export type JournalFinish =
  | { kind: 'plan'; state: PlanFinalState; outcome: Json }
  | { kind: 'request'; state: RequestState; outcome: Json };

/**
 * The write journal: no Graph write without a durable intent, no finished write without its audit records.
 * `beginPlan` and `beginApproval` record the intent in the same transaction as the claim or the decision; `finish`
 * closes the subject, appends the audit records and closes the entry in one transaction, only while the caller
 * still holds the entry, so a write is audited exactly once whoever finishes it — the writer, a replay of its spool,
 * or a recovery on any instance after the writer crashed.
 */
export interface WriteJournal {
  /** Claims an open plan of `actorId` (as PlanStore.claim) and, when claimed, records the intent with a lease. */
  beginPlan(planId: string, actorId: string, intent: Json, leaseMs: number): Promise<{ claim: ClaimResult; entry: JournalEntry | null }>;
  /** Moves a pending request to approved (as RequestStore.transition) and, when it moved, records the intent. */
  beginApproval(requestId: string, fields: TransitionFields, intent: Json, leaseMs: number): Promise<{ decided: TransitionResult; entry: JournalEntry | null }>;
  /**
   * Claims an approved request whose write was scheduled for later (its effective date) and records the intent: an
   * approval applied at once has its entry already, so only a scheduled one can be claimed, and only once (racing
   * instances, a run after a crash). Null when it is not approved (cancelled, failed, finished) or already claimed.
   */
  beginScheduled(requestId: string, intent: Json, leaseMs: number): Promise<JournalEntry | null>;
  /**
   * Closes an approved request that no write has claimed (a scheduled one: cancelled by its requester, or not
   * applicable at its time) as `to`; `ok: false` when a write claimed it first or it is no longer approved.
   */
  closeScheduled(requestId: string, to: 'cancelled' | 'failed', fields: TransitionFields): Promise<TransitionResult>;
  /**
   * Finishes the subject, appends the audit records and closes the entry, in one transaction, if `token` still
   * holds it; 'lost' (nothing written) when someone else finished it or took it over.
   */
  finish(entryId: string, token: string, subject: JournalFinish, audit: readonly AuditRecordInput[]): Promise<'finished' | 'lost'>;
  /** Keeps an entry open for another look later (a write whose answer never came): a new lease, same holder. */
  extend(entryId: string, token: string, leaseMs: number): Promise<boolean>;
  /** Takes over up to `limit` open entries whose lease ran out (a crashed or slow writer), each with a new token. */
  claimAbandoned(limit: number, leaseMs: number): Promise<JournalEntry[]>;
  get(subjectId: string): Promise<JournalEntry | null>;
}
