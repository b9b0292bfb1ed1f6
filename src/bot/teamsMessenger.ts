import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Messenger, PostedMessage } from '../assistant/messenger';
import type { Reply } from '../assistant/reply';
import type { AdaptiveCard } from '../cards/renderCard';
import type { Logger } from '../logger';
import type { ConversationStore } from '../store';
import type { Json } from '../store/json';
import { conversationKind } from './callerFromActivity';
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
    const outcome = await this.proactively(message.conversation as Partial<ConversationReference>, async (context) => {
      await context.updateActivity({ id: message.activityId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
    });
    if (outcome === 'done') return true;
    this.log.warn(outcome === 'refused' ? 'proactive.updateRefused' : 'proactive.updateFailed', { activityId: message.activityId, error: outcome === 'refused' ? undefined : outcome.message });
    return false;
  }

  async teamsUserId(userId: string): Promise<string | null> {
    const saved = await this.conversations.getForUser(userId);
    return (saved?.ref as Partial<ConversationReference> | undefined)?.user?.id ?? null;
  }

  private async send(saved: Partial<ConversationReference>, reply: Reply): Promise<PostedMessage | null> {
    // A notice starts a message of its own: not a reply to whatever activity the reference was taken from.
    const { activityId: _replyTo, ...ref } = saved;
    // A file is offered on Teams' consent card, which works only in a personal chat (a user's stored 1:1 chat is one).
    if (reply.type === 'file' && conversationKind({ conversation: ref.conversation as ConversationReference['conversation'] }) !== 'personal') {
      this.log.warn('file.notPersonal', { conversationType: ref.conversation?.conversationType ?? null, dropped: 1 });
      return null;
    }
    let activityId: string | undefined;
    const outcome = await this.proactively(ref, async (context) => {
      activityId = (await context.sendActivity(toActivity(reply)))?.id;
    });
    if (outcome !== 'done') {
      this.log.warn(outcome === 'refused' ? 'proactive.sendRefused' : 'proactive.sendFailed', { conversationId: ref.conversation?.id ?? null, error: outcome === 'refused' ? undefined : outcome.message });
      return null;
    }
    return activityId ? { conversation: ref as unknown as Json, activityId } : null;
  }

  /**
   * Runs `logic` in the referenced conversation. Its own failure is caught inside the turn: left to botbuilder,
   * it would go to the adapter's onTurnError, which answers the user with an error message in that chat.
   * 'refused': the turn ended without running the logic (the inbound guard turned the reference away).
   */
  private async proactively(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<'done' | 'refused' | Error> {
    let outcome: 'done' | 'refused' | Error = 'refused';
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        try {
          await logic(context);
          outcome = 'done';
        } catch (error) {
          outcome = error instanceof Error ? error : new Error(String(error));
        }
      });
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
    }
    return outcome;
  }
}
