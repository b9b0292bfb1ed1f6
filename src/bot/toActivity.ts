import { CardFactory, MessageFactory } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { Reply } from '../assistant/reply';
import { fileConsentAttachment } from './teamsFiles';

/**
 * A reply as a Bot Framework activity. A file becomes Teams' file consent card, which works only in the personal
 * chat: callers send file replies only there (`forConversation` in teamsFiles.ts). A sign-in request becomes text here.
 */
export function toActivity(reply: Reply): Partial<Activity> {
  if (reply.type === 'text') return MessageFactory.text(reply.text);
  if (reply.type === 'file') return MessageFactory.attachment(fileConsentAttachment(reply));
  // Without a turn there is no sign-in link to put on a card: the bot renders it as Teams' sign-in card where it can
  // (see TeamsSignIn), and as this text elsewhere (development, a proactive message).
  if (reply.type === 'signIn') return MessageFactory.text(reply.text);
  return MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
}
