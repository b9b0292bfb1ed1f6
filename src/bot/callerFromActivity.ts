import { TurnContext, type Activity } from 'botbuilder';
import type { Json } from '../store/json';
import type { Caller } from '../assistant/caller';

/** The caller as the (authenticated) activity names them; null when Teams did not say who it is. */
export function callerFromActivity(activity: Activity): Caller | null {
  const id = activity.from?.aadObjectId;
  const tenantId = activity.channelData?.tenant?.id ?? activity.conversation?.tenantId;
  if (!id || !tenantId) return null;
  const kind = activity.conversation?.conversationType;
  return {
    id,
    name: activity.from.name ?? null,
    tenantId,
    locale: activity.locale ?? undefined,
    conversation: {
      id: activity.conversation.id,
      type: kind === 'channel' ? 'channel' : kind === 'groupChat' ? 'groupChat' : 'personal',
    },
    reference: TurnContext.getConversationReference(activity) as unknown as Json,
    ...(activity.type === 'invoke' && activity.replyToId ? { cardActivityId: activity.replyToId } : {}),
  };
}
