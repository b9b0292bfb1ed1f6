import type { Json } from './json';

export type AuditOperation =
  | 'update'
  | 'manager'
  | 'enable'
  | 'disable'
  | 'revokeSessions'
  | 'assignLicense'
  | 'removeLicense'
  | 'addToGroup'
  | 'removeFromGroup'
  | 'resetPassword'
  /** The approvals channel was chosen (target: the setting, not a person). */
  | 'approvalsChannel';

/**
 * `onPremises`: not applied because only on-premises AD can change it; `noop`: the value already matched; `held`: kept
 * on purpose for now (an offboarded person's licence, until their mailbox is shared).
 */
export type AuditOutcome = 'applied' | 'refused' | 'failed' | 'onPremises' | 'noop' | 'held';

/** One change (or refusal) to record. `before`/`after` must already be redacted: see {@link AuditLog.append}. */
export interface AuditRecordInput {
  /** ISO 8601; the store's clock (UTC) when absent. */
  time?: string;
  actorId: string;
  actorUpn: string;
  approverId?: string | null;
  approverUpn?: string | null;
  targetId: string;
  targetUpn: string;
  operation: AuditOperation;
  property?: string | null;
  before: Json | null;
  after: Json | null;
  outcome: AuditOutcome;
  /** An error code such as `ACCOUNT_SYNCED`. */
  reason?: string | null;
  graphRequestId?: string | null;
  planId?: string | null;
  requestId?: string | null;
  conversationId?: string | null;
  correlationId?: string | null;
}

export interface AuditRecord {
  id: string;
  /** ISO 8601, UTC. */
  time: string;
  actorId: string;
  actorUpn: string;
  approverId: string | null;
  approverUpn: string | null;
  targetId: string;
  targetUpn: string;
  operation: AuditOperation;
  property: string | null;
  before: Json | null;
  after: Json | null;
  outcome: AuditOutcome;
  reason: string | null;
  graphRequestId: string | null;
  planId: string | null;
  requestId: string | null;
  conversationId: string | null;
  correlationId: string | null;
}

/** The audit trail. Append-only by design: there is no update or delete, and the table refuses both. */
export interface AuditLog {
  /**
   * Records one entry. Throws (and stores nothing) when `before` or `after` holds a key named like a secret
   * (password, newPassword, passwordProfile, secret, token, …): callers redact first, this is a tripwire.
   */
  append(record: AuditRecordInput): Promise<AuditRecord>;
  /** Newest first; entries with the same time in reverse order of appending. */
  listForTarget(targetId: string, limit: number): Promise<AuditRecord[]>;
  /** Newest first, all targets. */
  listRecent(limit: number): Promise<AuditRecord[]>;
  /** Oldest first: the story of one plan. */
  listForPlan(planId: string): Promise<AuditRecord[]>;
  /**
   * The newest applied record of an admin's plan (not a manager's request) by `actorId` and/or about `targetId`:
   * what "undo my last change" and "undo the change to X" find. With `undoable`, only a plan that is not itself an undo
   * (its records carry a `correlationId`) and has no applied undo since. Null when there is none.
   */
  latestAppliedPlan(filter: { actorId?: string; targetId?: string; undoable?: boolean }): Promise<AuditRecord | null>;
}
