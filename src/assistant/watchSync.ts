import type { ChangePlan } from '../changes/changePlan';
import { stableJson } from '../text/stableJson';
import type { Json } from '../store/json';
import { expectedValues, SYNC_WATCH_KIND, SYNC_WATCH_TTL_MS, type SyncWatch, type WatchedCard } from '../syncWatch/watchedChange';
import type { AssistantContext } from './assistantContext';

export interface HandOver {
  plan: ChangePlan;
  /** The manager the plan sets, by object id (Graph answers with an id). */
  managerId: string | null;
  adminId: string;
  language: SyncWatch['language'];
  timeZone: string | null;
  card: WatchedCard | null;
  view: SyncWatch['view'];
}

/**
 * An on-premises part was handed over: watch for the sync that brings it to Entra (syncWatch/). One job per hand-over,
 * first looked at right away; the same change handed over again to the same admin is not watched twice. Never fails
 * the turn: a watch that cannot be stored is logged.
 */
export async function watchSync(ctx: AssistantContext, handOver: HandOver): Promise<void> {
  const expected = expectedValues(handOver.plan, handOver.managerId);
  if (!handOver.plan.synced || !expected.length) return;
  const now = ctx.clock.now();
  const watch: SyncWatch = {
    targetId: handOver.plan.targetId, targetName: handOver.view.targetName, expected,
    handedOverAt: now.toISOString(), expiresAt: new Date(now.getTime() + SYNC_WATCH_TTL_MS).toISOString(),
    adminId: handOver.adminId, language: handOver.language, timeZone: handOver.timeZone, card: handOver.card, view: handOver.view,
  };
  try {
    const pending = await ctx.jobs.listByOwner(handOver.adminId, SYNC_WATCH_KIND, ['pending'], 200);
    const same = pending.some((job) => {
      const w = job.payload as unknown as SyncWatch;
      return w.targetId === watch.targetId && stableJson(w.expected) === stableJson(expected) && (w.card !== null || watch.card === null);
    });
    if (same) return;
    await ctx.jobs.add({ kind: SYNC_WATCH_KIND, dueAt: now.toISOString(), payload: watch as unknown as Json, ownerId: handOver.adminId });
  } catch (error) {
    ctx.log.warn('syncWatch.notStored', { targetId: watch.targetId, error });
  }
}
