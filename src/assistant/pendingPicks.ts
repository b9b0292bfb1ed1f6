import type { Language, Request } from '../language/request';

/** A request waiting for the caller to pick the person (or, for a change of one, the group) they meant on a choice card. */
export interface PendingPick {
  id: string;
  callerId: string;
  request: Request;
  candidateIds: string[];
  expiresAt: number;
  /** The conversation's language when the choice was offered: the answer to the click uses it. */
  language?: Language;
  /** Set for a pick among groups: the account the request changes; `candidateIds` are then group ids. */
  accountId?: string;
}

/** Where pending picks live between the choice card and the click. */
export interface PendingPicks {
  save(pick: Omit<PendingPick, 'id'>): Promise<string>;
  get(id: string): Promise<PendingPick | null>;
}
