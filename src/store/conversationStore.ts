import type { Json } from './json';

/**
 * A Bot Framework conversation reference, kept opaque: only `conversation.id` is read, to index it.
 * Botbuilder's `Partial<ConversationReference>` fits without importing botbuilder here.
 */
export interface ConversationRef {
  conversation?: { id?: string };
}

export interface ConversationRecord {
  /** The user's Entra object id (`aadObjectId`). */
  userId: string;
  conversationId: string | null;
  /** The reference as saved; cast back to botbuilder's type at the edge. */
  ref: Json;
  updatedAt: string;
}

/** Where to reach a user proactively (e.g. "your request was approved"). */
export interface ConversationStore {
  /** Inserts or replaces the user's reference. */
  save(userId: string, ref: ConversationRef): Promise<void>;
  getForUser(userId: string): Promise<ConversationRecord | null>;
  /** The most recently saved reference with this conversation id. */
  getForConversation(conversationId: string): Promise<ConversationRecord | null>;
}
