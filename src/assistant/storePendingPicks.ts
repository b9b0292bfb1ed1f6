import type { Language, Request } from '../language/request';
import type { PlanStore } from '../store';
import type { PendingPick, PendingPicks } from './pendingPicks';

interface PickPayload {
  /** `groupPick`: the candidates are groups, for a change of the plan's target account. */
  kind: 'pick' | 'groupPick';
  request: Request;
  candidateIds: string[];
  language?: Language;
}

/** Pending picks kept as plans in the store, so any bot instance can answer the click, and a restart loses none. */
export class StorePendingPicks implements PendingPicks {
  constructor(private readonly plans: PlanStore) {}

  async save(pick: Omit<PendingPick, 'id'>): Promise<string> {
    const payload: PickPayload = { kind: pick.accountId ? 'groupPick' : 'pick', request: pick.request, candidateIds: pick.candidateIds, ...(pick.language ? { language: pick.language } : {}) };
    const plan = await this.plans.create({
      actorId: pick.callerId,
      targetId: pick.accountId ?? '',
      conversationId: '',
      payload: payload as never,
      expiresAt: new Date(pick.expiresAt).toISOString(),
    });
    return plan.id;
  }

  async get(id: string): Promise<PendingPick | null> {
    const plan = await this.plans.get(id);
    const payload = plan?.payload as PickPayload | undefined;
    if (!plan || (payload?.kind !== 'pick' && payload?.kind !== 'groupPick')) return null;
    return {
      id, callerId: plan.actorId, request: payload.request, candidateIds: payload.candidateIds, expiresAt: Date.parse(plan.expiresAt), language: payload.language,
      ...(payload.kind === 'groupPick' ? { accountId: plan.targetId } : {}),
    };
  }
}
