import { randomUUID } from 'node:crypto';
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

/** Picks in memory, bounded; enough for one instance. Several instances use the store-backed implementation. */
export class MemoryPendingPicks implements PendingPicks {
  private readonly picks = new Map<string, PendingPick>();

  constructor(private readonly max = 5_000) {}

  async save(pick: Omit<PendingPick, 'id'>): Promise<string> {
    const id = randomUUID();
    if (this.picks.size >= this.max) this.picks.delete(this.picks.keys().next().value!);
    this.picks.set(id, { ...pick, id });
    return id;
  }

  async get(id: string): Promise<PendingPick | null> {
    return this.picks.get(id) ?? null;
  }
}
