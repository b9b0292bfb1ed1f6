import { TurnContext, type Activity } from 'botbuilder';
import type { Json } from '../store/json';
import type { Caller } from '../assistant/caller';

/** The caller as the (authenticated) activity names them; null when Teams did not say who it is. */
export function callerFromActivity(activity: Activity): Caller | null {
  const id = activity.from?.aadObjectId;
  const tenantId = activity.channelData?.tenant?.id ?? activity.conversation?.tenantId;
  if (!id || !tenantId) return null;
  return {
    id,
    name: activity.from.name ?? null,
    tenantId,
    locale: activity.locale ?? undefined,
    conversation: {
      id: activity.conversation.id,
      type: conversationKind(activity),
    },
    reference: TurnContext.getConversationReference(activity) as unknown as Json,
    ...(activity.type === 'invoke' && activity.replyToId ? { cardActivityId: activity.replyToId } : {}),
  };
}

/**
 * Where the activity was said. Teams always names it (and production serves only Teams). A client that does not
 * (the development playground) has a 1:1 chat unless it says the conversation is a group; a kind we do not know
 * counts as a group chat, so a temporary password or a personal notice never goes to it.
 */
export function conversationKind(activity: Pick<Activity, 'conversation'>): Caller['conversation']['type'] {
  const kind = activity.conversation?.conversationType;
  if (kind === 'personal' || kind === 'channel' || kind === 'groupChat') return kind;
  return kind === undefined && activity.conversation?.isGroup !== true ? 'personal' : 'groupChat';
}
