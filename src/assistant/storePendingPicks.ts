import type { Request } from '../language/request';
import type { PlanStore } from '../store';
import type { PendingPick, PendingPicks } from './pendingPicks';

interface PickPayload {
  kind: 'pick';
  request: Request;
  candidateIds: string[];
}

/** Pending picks kept as plans in the store, so any bot instance can answer the click, and a restart loses none. */
export class StorePendingPicks implements PendingPicks {
  constructor(private readonly plans: PlanStore) {}

  async save(pick: Omit<PendingPick, 'id'>): Promise<string> {
    const payload: PickPayload = { kind: 'pick', request: pick.request, candidateIds: pick.candidateIds };
    const plan = await this.plans.create({
      actorId: pick.callerId,
      targetId: '',
      conversationId: '',
      payload: payload as never,
      expiresAt: new Date(pick.expiresAt).toISOString(),
    });
    return plan.id;
  }

  async get(id: string): Promise<PendingPick | null> {
    const plan = await this.plans.get(id);
    const payload = plan?.payload as PickPayload | undefined;
    if (!plan || payload?.kind !== 'pick') return null;
    return { id, callerId: plan.actorId, request: payload.request, candidateIds: payload.candidateIds, expiresAt: Date.parse(plan.expiresAt) };
  }
}
