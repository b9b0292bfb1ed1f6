import { changePlanCard, type ItemOutcome } from '../cards/changePlanCard';
import { itemKey, type PlanItem } from '../changes/changePlan';
import { translator } from '../i18n/translate';
import { formatTime } from '../i18n/formatTime';
import type { JournalEntry } from '../store';
import { landedCheck } from './applyPlan';
import type { AssistantContext } from './assistantContext';
import { recordWrite, type WriteIntent } from './journalledWrite';
import { announceOutcome } from './managerRequests';
import { card } from './reply';

/** Entries taken over per sweep: each costs a few Graph reads. */
const BATCH = 5;

/**
 * Finishes writes whose writer is gone: a process killed between the claim and the record, or a write whose answer
 * never came. Any instance, at start-up and every minute: it takes over entries whose lease ran out, reads Graph to
 * learn what each write actually did, records the outcome and the audit records exactly once, and tells the people
 * involved (the admin's card is updated; a request's requester and approvers hear the outcome).
 */
export async function recoverInterruptedWrites(ctx: AssistantContext): Promise<number> {
  const entries = await ctx.journal.claimAbandoned(BATCH, ctx.writeLeaseMs);
  let recovered = 0;
  for (const entry of entries) {
    try {
      if (await recoverOne(ctx, entry)) recovered++;
    } catch (error) {
      // Graph or the store failing now: the lease runs out again and the next sweep (here or elsewhere) retries.
      ctx.log.warn('journal.recoveryFailed', { entryId: entry.id, subjectId: entry.subjectId, attempts: entry.attempts, error });
    }
  }
  return recovered;
}

async function recoverOne(ctx: AssistantContext, entry: JournalEntry): Promise<boolean> {
  const intent = entry.intent as unknown as WriteIntent;
  const cloud = intent.plan.items.filter((i): i is Extract<PlanItem, { kind: 'cloud' }> => i.kind === 'cloud');
  const outcomes: ItemOutcome[] = [];
  for (const item of cloud) {
    const check = landedCheck(ctx, intent.target.id, item.write);
    if (!check) {
      // A sign-out or a password cannot be read back: say so rather than guess.
      outcomes.push({ property: itemKey(item), ok: false, code: 'INTERRUPTED_UNKNOWN' });
    } else {
      // Each group and licence by its own key: an offboarding removes several, and each landed or not on its own.
      outcomes.push((await check()) ? { property: itemKey(item), ok: true, requestId: null } : { property: itemKey(item), ok: false, code: 'INTERRUPTED' });
    }
  }
  const recorded = await recordWrite(ctx, entry, intent, outcomes, true);
  ctx.log.info('journal.recovered', { entryId: entry.id, subjectId: entry.subjectId, recorded, applied: outcomes.filter((o) => o.ok).length, of: outcomes.length });
  if (recorded !== 'recorded') return false;
  await tell(ctx, intent, outcomes);
  return true;
}

async function tell(ctx: AssistantContext, intent: WriteIntent, outcomes: ItemOutcome[]): Promise<void> {
  const t = translator(intent.language);
  if (intent.requestId) {
    const record = await ctx.requests.get(intent.requestId);
    if (record) await announceOutcome(ctx, record);
    return;
  }
  const time = formatTime(ctx.clock.now().toISOString(), intent.language);
  const outcomeCard = changePlanCard({
    targetName: intent.target.name, plan: intent.plan, planId: intent.planId ?? '', outcomes, doneBy: { actor: intent.actor.upn, time }, notice: t('plan.recovered'),
  }, t);
  const updated = intent.card ? await ctx.messenger.updateCard(intent.card, outcomeCard) : false;
  if (!updated) await ctx.messenger.sendToUser(intent.actor.id, card(outcomeCard));
}
