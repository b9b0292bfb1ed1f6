import { CardFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Messenger, PostedMessage } from '../assistant/messenger';
import type { Reply } from '../assistant/reply';
import type { AdaptiveCard } from '../cards/renderCard';
import type { Logger } from '../logger';
import type { ConversationStore } from '../store';
import type { Json } from '../store/json';
import { toActivity } from './toActivity';

/**
 * Proactive messages through the Bot Framework: to a user's stored 1:1 conversation, to a stored channel, and
 * updates of cards posted earlier. Failures are logged and reported as "not reached", never thrown: a
 * notification that cannot be delivered must not undo the work it reports.
 */
export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationStore,
    private readonly log: Logger,
  ) {}

  async sendToUser(userId: string, reply: Reply): Promise<PostedMessage | null> {
    const saved = await this.conversations.getForUser(userId);
    if (!saved) return null;
    return this.send(saved.ref as Partial<ConversationReference>, reply);
  }

  async post(conversation: Json, reply: Reply): Promise<PostedMessage | null> {
    const ref = structuredClone(conversation) as Partial<ConversationReference>;
    // A channel reference points into the thread it was taken from; without `;messageid=` it starts a new one.
    if (ref.conversation?.id) ref.conversation.id = ref.conversation.id.split(';messageid=')[0];
    return this.send(ref, reply);
  }

  async updateCard(message: PostedMessage, card: AdaptiveCard): Promise<boolean> {
    try {
      let updated = false;
      await this.adapter.continueConversationAsync(this.appId, message.conversation as Partial<ConversationReference>, async (context) => {
        await context.updateActivity({ id: message.activityId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
        updated = true;
      });
      // A turn the guard refused (the reference no longer fits the allow-lists) ends without running this logic.
      if (!updated) this.log.warn('proactive.updateRefused', { activityId: message.activityId });
      return updated;
    } catch (error) {
      this.log.warn('proactive.updateFailed', { activityId: message.activityId, error: (error as Error).message });
      return false;
    }
  }

  async teamsUserId(userId: string): Promise<string | null> {
    const saved = await this.conversations.getForUser(userId);
    return (saved?.ref as Partial<ConversationReference> | undefined)?.user?.id ?? null;
  }

  private async send(saved: Partial<ConversationReference>, reply: Reply): Promise<PostedMessage | null> {
    // A notice starts a message of its own: not a reply to whatever activity the reference was taken from.
    const { activityId: _replyTo, ...ref } = saved;
    let activityId: string | undefined;
    try {
      await this.adapter.continueConversationAsync(this.appId, ref, async (context) => {
        activityId = (await context.sendActivity(toActivity(reply)))?.id;
      });
    } catch (error) {
      this.log.warn('proactive.sendFailed', { conversationId: ref.conversation?.id ?? null, error: (error as Error).message });
      return null;
    }
    return activityId ? { conversation: ref as unknown as Json, activityId } : null;
  }
}
