import type { Json } from './json';

/** A posted card to be replaced by another one: where it is, and what replaces it. */
export interface CardReplacementInput {
  /** The conversation reference the card was posted in (botbuilder's shape, opaque here). */
  conversation: Json;
  activityId: string;
  /** The replacing card, whole. Never a secret: it is what stays in the chat. */
  card: Json;
  /** How long from now, by the database's clock, the card is due to be replaced. */
  delayMs: number;
}

export interface CardReplacement {
  id: string;
  conversation: Json;
  activityId: string;
  card: Json;
  /** Claims so far, this one included: how many times replacing it has been tried. */
  attempts: number;
  /** This claim's own token: only its holder can put the replacement back or remove it. */
  claimToken: string;
}

/**
 * Cards the bot must replace later (a card that shows a temporary password, after a few minutes), kept in the
 * database so that a restart or another instance still does it. Whoever replaces a card claims it first, for a
 * lease: while it lasts no one else claims it, and one that dies mid-way lets the lease run out. A worker whose
 * lease ran out meanwhile cannot undo the next one's claim (each claim has its own token).
 */
export interface CardReplacementStore {
  /** Schedules a replacement; returns its id. */
  schedule(input: CardReplacementInput): Promise<string>;
  /** Claims one replacement whatever its due time (its own timer says it is due); null when done or claimed. */
  claim(id: string, leaseMs: number): Promise<CardReplacement | null>;
  /** Claims up to `limit` replacements that are due and not claimed, oldest due first. */
  claimDue(limit: number, leaseMs: number): Promise<CardReplacement[]>;
  /** Due again `delayMs` from now, and free to claim then; nothing when the claim is no longer this one. */
  retryLater(claimed: CardReplacement, delayMs: number): Promise<void>;
  /** Forgets a replacement, done or given up; nothing when the claim is no longer this one. */
  remove(claimed: CardReplacement): Promise<void>;
}
