import type { Json } from '../store/json';

/** Who is speaking and where: taken from the activity, which the Bot Framework has authenticated. */
export interface Caller {
  /** Entra object id (`from.aadObjectId`). */
  id: string;
  name: string | null;
  tenantId: string;
  /** The Teams client's locale, e.g. nl-NL. */
  locale: string | undefined;
  conversation: { id: string; type: 'personal' | 'groupChat' | 'channel' };
  /** The conversation reference of this turn, opaque here: kept to post there later (an approvals channel). */
  reference?: Json;
  /** For a card action: the id of the message whose card was clicked (Teams' `replyToId`). */
  cardActivityId?: string;
}
