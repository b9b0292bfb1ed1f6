import { TurnContext, type Middleware } from 'botbuilder';
import type { Logger } from '../logger';
import type { ConversationStore } from '../store';
import type { Json } from '../store/json';
import { conversationKind } from './callerFromActivity';

/**
 * Remembers where each user's 1:1 chat with the bot is, so the bot can write there later ("your request was
 * approved"). Only personal conversations: a channel or group chat is no place for a user's notifications.
 * A reference is written when it is new or moved, not on every turn.
 */
export class ConversationRecorder implements Middleware {
  private readonly known = new Map<string, string>();

  constructor(private readonly conversations: ConversationStore, private readonly log: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    const userId = a.from?.aadObjectId;
    const personal = conversationKind(a) === 'personal';
    if (userId && personal && a.conversation?.id) {
      const fingerprint = `${a.conversation.id}|${a.serviceUrl}|${a.from.id}`;
      if (this.known.get(userId) !== fingerprint) {
        try {
          await this.conversations.save(userId, TurnContext.getConversationReference(a) as unknown as Json as never);
          this.known.set(userId, fingerprint);
        } catch (error) {
          // Not being able to remember the chat must not cost the user this turn.
          this.log.warn('conversation.saveFailed', { error: (error as Error).message });
        }
      }
    }
    await next();
  }
}
