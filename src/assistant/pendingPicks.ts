import type { Request } from '../language/request';

/** A request waiting for the caller to pick the person they meant on a choice card. */
export interface PendingPick {
  id: string;
  callerId: string;
  request: Request;
  candidateIds: string[];
  expiresAt: number;
}

/** Where pending picks live between the choice card and the click. */
export interface PendingPicks {
  save(pick: Omit<PendingPick, 'id'>): Promise<string>;
  get(id: string): Promise<PendingPick | null>;
}
