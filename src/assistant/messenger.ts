import type { AdaptiveCard } from '../cards/renderCard';
import type { Json } from '../store/json';
import type { Reply } from './reply';

/** A message the bot posted, by where it is: enough to update it later. Stored with a request. */
export interface PostedMessage {
  /** The conversation reference, opaque here (botbuilder's shape). */
  conversation: Json;
  activityId: string;
  /** Whose 1:1 chat it is in, when it was sent to one person: their card is updated in their language. */
  userId?: string;
}

/**
 * Messages the bot starts itself (approval cards, "your request was approved"), as opposed to replies
 * within a turn. The Teams implementation lives in bot/; the assistant only sees this port.
 */
export interface Messenger {
  /** Sends to the user's 1:1 chat with the bot; null when the bot has never talked with them there. */
  sendToUser(userId: string, reply: Reply): Promise<PostedMessage | null>;
  /** Posts a new message in a stored conversation (in a channel: a new thread); null when it fails. */
  post(conversation: Json, reply: Reply): Promise<PostedMessage | null>;
  /** Replaces a posted card; false when Teams refused (deleted, or the bot was removed). */
  updateCard(message: PostedMessage, card: AdaptiveCard): Promise<boolean>;
  /** The Teams user id (`29:…`) the bot knows for a user, for a card's refresh list; null when unknown. */
  teamsUserId(userId: string): Promise<string | null>;
}
