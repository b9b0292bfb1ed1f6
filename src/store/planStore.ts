import type { Json } from './json';

/** `open` until someone confirms or cancels; `claimed` while being applied; then a final state. */
export type PlanState = 'open' | 'claimed' | 'applied' | 'failed' | 'partial' | 'cancelled';
export type PlanFinalState = 'applied' | 'failed' | 'partial';

/**
 * - `alreadyClaimed`: the plan is no longer open (claimed, finished or cancelled; `get` tells which);
 * - `notOwner`: someone other than the plan's actor clicked;
 * - `expired`: open, but past `expiresAt`.
 */
export type ClaimResult = 'claimed' | 'alreadyClaimed' | 'notFound' | 'expired' | 'notOwner';
export type CancelResult = 'cancelled' | 'alreadyClaimed' | 'notFound' | 'notOwner';

export interface PlanInput {
  /** A UUID; generated when absent. */
  id?: string;
  actorId: string;
  targetId: string;
  conversationId: string;
  payload: Json;
  /** ISO 8601. */
  expiresAt: string;
}

export interface PlanRecord {
  id: string;
  actorId: string;
  targetId: string;
  conversationId: string;
  payload: Json;
  state: PlanState;
  /** 1 at creation, +1 on every change. */
  version: number;
  createdAt: string;
  expiresAt: string;
  claimedAt: string | null;
  finishedAt: string | null;
  outcome: Json | null;
}

export type PlanUpdateResult = { ok: true; plan: PlanRecord } | { ok: false; current: PlanRecord | null };

/**
 * Change plans kept on the server while a confirmation card is on screen: the card carries only the plan id.
 * Every state change is one conditional statement, so a double click, or two bot instances, act once.
 */
export interface PlanStore {
  create(plan: PlanInput): Promise<PlanRecord>;
  get(id: string): Promise<PlanRecord | null>;
  /** Moves an open, unexpired plan of `actorId` to `claimed`; exactly one of any number of racing calls gets `claimed`. */
  claim(id: string, actorId: string): Promise<ClaimResult>;
  /** Records the result of applying a claimed plan; null when the plan is not (or no longer) claimed. */
  finish(id: string, outcome: Json, state: PlanFinalState): Promise<PlanRecord | null>;
  /** Cancels an open plan of `actorId` (expired or not). */
  cancel(id: string, actorId: string): Promise<CancelResult>;
  /**
   * Replaces the payload of an open plan (re-plan) if its version is still `expectedVersion`; optionally moves
   * its expiry. The loser of a race gets the current row.
   */
  updatePayload(id: string, payload: Json, expectedVersion: number, expiresAt?: string): Promise<PlanUpdateResult>;
}
