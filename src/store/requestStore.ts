import type { Json } from './json';

/** pending → approved | rejected | cancelled | expired; approved → applied | partlyApplied | failed. */
export type RequestState = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired' | 'applied' | 'partlyApplied' | 'failed';

export interface RequestInput {
  /** A UUID; generated when absent. */
  id?: string;
  requesterId: string;
  requesterUpn: string;
  targetId: string;
  targetUpn: string;
  /** The requested property changes. */
  changes: Json;
  reason: string | null;
  /** `YYYY-MM-DD`. */
  effectiveDate?: string | null;
  planSnapshot: Json | null;
  /** The account as it was when requested, to tell the approver what changed since. */
  accountSnapshot: Json | null;
  cardRefs?: Json | null;
}

export interface RequestRecord {
  id: string;
  requesterId: string;
  requesterUpn: string;
  targetId: string;
  targetUpn: string;
  changes: Json;
  reason: string | null;
  effectiveDate: string | null;
  planSnapshot: Json | null;
  accountSnapshot: Json | null;
  state: RequestState;
  /** 1 at creation, +1 on every change. */
  version: number;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedById: string | null;
  decidedByUpn: string | null;
  decisionComment: string | null;
  outcome: Json | null;
  /** Where the approval cards were posted (activity ids, conversation references). */
  cardRefs: Json | null;
}

export interface TransitionFields {
  /** Who decided: sets decidedAt to the store's clock. */
  decision?: { byId: string; byUpn: string; comment?: string | null };
  outcome?: Json;
}

export type TransitionResult = { ok: true; request: RequestRecord } | { ok: false; current: RequestRecord | null };

/**
 * Manager change requests. The store does not know which transitions are allowed (that is `requests/`);
 * it guarantees that each transition is one conditional statement, so racing decisions apply once.
 */
export interface RequestStore {
  create(request: RequestInput): Promise<RequestRecord>;
  get(id: string): Promise<RequestRecord | null>;
  /** Newest first. */
  listByRequester(requesterId: string, limit: number): Promise<RequestRecord[]>;
  /** Oldest first. */
  listPending(limit: number): Promise<RequestRecord[]>;
  /**
   * Moves the request to `to` if its state is one of `from`. The loser of a race gets `ok: false` and the
   * current row (who decided, and when); `current` is null when there is no such request.
   */
  transition(id: string, from: readonly RequestState[], to: RequestState, fields?: TransitionFields): Promise<TransitionResult>;
  /** Expires pending requests created before `cutoff`. With several instances sweeping, each row is returned to one caller. */
  expireOlderThan(cutoff: Date): Promise<RequestRecord[]>;
  /**
   * Replaces the plan and account snapshots of a pending request still at `expectedVersion`: the approver
   * saw the account had changed and is shown the new plan to confirm.
   */
  replan(id: string, expectedVersion: number, planSnapshot: Json, accountSnapshot: Json): Promise<TransitionResult>;
  /** Replaces the approval card references; null when there is no such request. */
  setCardRefs(id: string, refs: Json): Promise<RequestRecord | null>;
}
