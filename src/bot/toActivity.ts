import { CardFactory, MessageFactory } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { Reply } from '../assistant/reply';

/** A reply as a Bot Framework activity. */
export function toActivity(reply: Reply): Partial<Activity> {
  if (reply.type === 'text') return MessageFactory.text(reply.text);
  return MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
}
