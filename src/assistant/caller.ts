import type { Json } from '../store/json';

/** Who is speaking and where: taken from the activity, which the Bot Framework has authenticated. */
export interface Caller {
  /** Entra object id (`from.aadObjectId`). */
  id: string;
  name: string | null;
  tenantId: string;
  /** The Teams client's locale, e.g. nl-NL. */
  locale: string | undefined;
  /** The Teams client's IANA time zone (`localTimezone`), e.g. Europe/Amsterdam; undefined when unknown or not valid. */
  timeZone?: string;
  conversation: { id: string; type: 'personal' | 'groupChat' | 'channel' };
  /** The conversation reference of this turn, opaque here: kept to post there later (an approvals channel). */
  reference?: Json;
  /** For a card action: the id of the message whose card was clicked (Teams' `replyToId`). */
  cardActivityId?: string;
}

/**
 * The zone to show times in for what this caller is answered: theirs in a personal chat. In a group chat or channel
 * others read the same message, so times stay in UTC there (and say so).
 */
export function readerTimeZone(caller: Pick<Caller, 'timeZone' | 'conversation'> | null | undefined): string | undefined {
  return caller?.conversation.type === 'personal' ? caller.timeZone : undefined;
}
