import type { PlannedPerson } from '../bulk/bulkPlan';
import { bulkResults } from '../bulk/bulkResults';
import { resultsCsv } from '../bulk/resultsCsv';
import { bulkPlanCard } from '../cards/bulkPlanCard';
import type { ItemOutcome } from '../cards/changePlanCard';
import { itemKey } from '../changes/changePlan';
import type { BatchWrite } from '../directory/directory';
import { translator, type Translator } from '../i18n/translate';
import type { JobKind, JobResult } from '../jobs/jobRunner';
import { oneByOne } from '../jobs/oneByOne';
import type { Language } from '../language/request';
import { decisionInput, mayChange } from '../policy/changePolicy';
import { isAdminRole } from '../policy/roles';
import { stableJson } from '../text/stableJson';
import type { AuditRecordInput, ClaimedJob } from '../store';
import { auditRecordsOf } from './applyPlan';
import type { AssistantContext } from './assistantContext';
import { bulkPayloadOf, viewOf, type BulkPayload } from './bulkChange';
import { byLowerId, NO_PRIVILEGES } from './bulkPreview';
import type { Caller } from './caller';
import type { PostedMessage } from './messenger';
import { isProtected } from './protectedAccount';
import { batchOf, cloudItems, summaryParams, waves, writers } from '../bulk/bulkWaves';
import { SignInRequired } from '../directory/delegatedTokens';
import { writerFor } from './writerFor';
import { card, file, text, type Reply } from './reply';

export const BULK_RUN = 'bulkRun';
/** The card shows the progress at most this often (Teams throttles a bot that updates a message too fast). */
const CARD_EVERY_MS = 2_000;
/**
 * A holder keeps its claim this long past each recorded wave; a crashed one's run is taken over after it. Longer than a
 * wave can take with every throttled round waited out (5 resends of up to 30 s each, plus the requests).
 */
const LEASE_MS = 5 * 60_000;
/** Claims of a run that keeps failing before what is left is recorded as not applied and the plan finished. */
const MAX_RUN_ATTEMPTS = 3;

/** What a run keeps in its job, recorded after every wave: where it stands survives a crash of its holder. */
interface RunState {
  planId: string;
  ownerId: string;
  conversationId: string;
  card: PostedMessage | null;
  language: Language;
  /** People whose cloud part the caller's roles no longer allowed at Apply: not written, recorded as refused. */
  refused: string[];
  /** Each finished person's outcomes, by account id. */
  outcomes: Record<string, ItemOutcome[]>;
  /** People whose writes were sent and not yet recorded: after a crash, read back, never sent again. */
  inFlight: string[];
  /** The rows with nothing to write (AD only, not possible, nothing to do, stopped) are in the audit. */
  audited: boolean;
}

/**
 * Apply on a bulk preview: the caller's roles and everyone's are read again (a person who became privileged since is
 * left out), then the run is handed to a job that any instance can finish. The job is added before the plan is claimed
 * and its id is the plan's, so a double click, two instances or a crash in between make one run.
 */
export async function applyBulk(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  const record = await ctx.plans.get(planId);
  const payload = bulkPayloadOf(record);
  if (!record || !payload) return [text(t('error.INVALID_INPUT'))];
  if (record.actorId !== caller.id) return [text(t('plan.notYours'))];
  if (record.state === 'claimed') return [text(t('bulk.alreadyRunning'))];
  if (record.state !== 'open') return [text(t('plan.alreadyHandled'))];
  // Everyone's roles, read now, the caller's among them: one read for both, as fresh as a single change's.
  const everyone = byLowerId(await ctx.privileges.everyone());
  const actor = everyone.get(caller.id.toLowerCase()) ?? NO_PRIVILEGES;
  if (!isAdminRole(actor.activeRoleIds)) return [text(t('request.adminOnlyAction'))];
  // Delegated mode: the run writes with the admin's own token; without one, the preview stays open until they sign in.
  await writerFor(ctx, caller.id);
  const refused = payload.plan.people.filter((p) => {
    const decision = decisionInput(actor, everyone.get(p.account.id.toLowerCase()) ?? NO_PRIVILEGES, isProtected(ctx, { id: p.account.id, userPrincipalName: p.account.upn }));
    return cloudItems(p).some((i) => mayChange(decision, i.property, { roleAssignableGroup: i.property === 'group' && payload.roleAssignableGroup }) !== true);
  }).map((p) => p.account.id);
  const state: RunState = {
    planId, ownerId: caller.id, conversationId: caller.conversation.id, language: payload.language, refused, outcomes: {}, inFlight: [], audited: false,
    card: caller.reference && caller.cardActivityId ? { conversation: caller.reference, activityId: caller.cardActivityId } : null,
  };
  await ctx.jobs.add({ id: planId, kind: BULK_RUN, dueAt: ctx.clock.now().toISOString(), payload: state as never, ownerId: caller.id });
  const claim = await ctx.plans.claim(planId, caller.id);
  if (claim === 'expired') return [text(t('plan.expired'))];
  const now = await ctx.plans.get(planId);
  if (now?.state !== 'claimed') return [text(t('plan.alreadyHandled'))];
  if (claim === 'claimed') ctx.jobsNow?.();
  const total = writers(payload.plan, refused).length;
  return [card(bulkPlanCard(viewOf(planId, payload, { progress: { done: 0, total }, notice: t('bulk.started', { count: total }) }), t))];
}

/** The bulk runs, one at a time per instance (a run is long; several instances share the waiting ones). */
export function bulkRunKind(ctx: AssistantContext): JobKind {
  return { ...oneByOne(BULK_RUN, (job) => runBulk(ctx, job), (job, error) => ctx.log.error('bulk.runFailed', { jobId: job.id, error })), batch: 1, leaseMs: LEASE_MS };
}

async function runBulk(ctx: AssistantContext, job: ClaimedJob): Promise<JobResult> {
  const state = job.payload as unknown as RunState;
  let record = await ctx.plans.get(state.planId);
  const payload = bulkPayloadOf(record);
  if (!record || !payload) return { state: 'failed', outcome: { reason: 'planGone' } };
  // Added but not claimed (its adder crashed in between): the run claims the plan itself, unless it expired meanwhile.
  if (record.state === 'open') {
    const claim = await ctx.plans.claim(state.planId, state.ownerId);
    if (claim !== 'claimed') return { state: 'failed', outcome: { reason: claim } };
    record = await ctx.plans.get(state.planId);
  }
  const t = translator(state.language);
  // Finished by an earlier holder that died before recording the job: the card and the results file still go out.
  if (record?.state !== 'claimed') return { state: 'done', outcome: { reason: 'alreadyFinished' }, afterRecorded: () => announce(ctx, state, payload, t) };
  const actorUpn = await ctx.privileges.userPrincipalName(state.ownerId);
  const run = new Run(ctx, job, state, payload, actorUpn, t);
  if (job.attempts > MAX_RUN_ATTEMPTS) {
    // A run that keeps failing (the same error every time) ends rather than holds the plan in "applying" forever:
    // what it had sent is read back; what is left was never sent and is recorded as not applied.
    if (state.inFlight.length) await run.reconcile();
    await run.unsent(writers(payload.plan, state.refused).filter((p) => !state.outcomes[p.account.id]), 'INTERRUPTED');
    return finishRun(ctx, state, payload, run, t);
  }
  if (state.inFlight.length) await run.reconcile();
  if (!state.audited) await run.auditQuietRows();
  const todo = writers(payload.plan, state.refused).filter((p) => !state.outcomes[p.account.id]);
  for (const [n, wave] of waves(todo).entries()) {
    // Delegated mode: the admin's token is fetched before each wave is marked in flight; without one (signed out
    // since Apply) what is left is recorded as never sent, not retried and not mistaken for a wave lost in a crash.
    if (ctx.delegated && !(await hasToken(ctx, state.ownerId))) {
      await run.unsent(waves(todo).slice(n).flat(), 'SIGN_IN_REQUIRED');
      break;
    }
    await run.wave(wave);
  }
  return finishRun(ctx, state, payload, run, t);
}

/** The run's end: people left out at Apply recorded, the plan finished with every outcome, then the owner told. */
async function finishRun(ctx: AssistantContext, state: RunState, payload: BulkPayload, run: Run, t: Translator): Promise<JobResult> {
  await run.recordRefused();
  const counts = countsOf(state.outcomes);
  const final = counts.failed === 0 ? 'applied' : counts.applied === 0 ? 'failed' : 'partial';
  await ctx.plans.finish(state.planId, { outcomes: state.outcomes } as never, final);
  return { state: 'done', outcome: counts as never, afterRecorded: () => announce(ctx, state, payload, t) };
}

/** The card with every outcome and the results file, from what the plan recorded. */
async function announce(ctx: AssistantContext, state: RunState, payload: BulkPayload, t: Translator): Promise<void> {
  const record = await ctx.plans.get(state.planId);
  const outcomes = (record?.outcome as { outcomes?: Record<string, ItemOutcome[]> } | null)?.outcomes ?? state.outcomes;
  const view = viewOf(state.planId, payload, { outcomes, notice: t('bulk.doneSummary', summaryParams(payload.plan, countsOf(outcomes))) });
  if (state.card) await ctx.messenger.updateCard(state.card, bulkPlanCard(view, t));
  const csv = resultsCsv(bulkResults(payload, outcomes, t));
  const count = payload.plan.people.length + payload.plan.stopped.length;
  await ctx.messenger.sendToUser(state.ownerId, file({ name: 'account-assistant-results.csv', description: t('bulk.resultsFile', { count }), fileId: `bulk-results-${state.planId}`, sizeInBytes: Buffer.byteLength(csv) }));
}

/** One run of a bulk change: its waves of writes, each recorded (outcomes and audit) before the next. */
class Run {
  private cardAt = 0;

  constructor(
    private readonly ctx: AssistantContext, private readonly job: ClaimedJob, private readonly state: RunState,
    private readonly payload: BulkPayload, private readonly actorUpn: string, private readonly t: Translator,
  ) {}

  /** Sends one wave's writes (after marking them in flight), reads back what may have landed, records it all. */
  async wave(people: PlannedPerson[]): Promise<void> {
    this.state.inFlight = people.map((p) => p.account.id);
    await this.record();
    const { writes, keys } = batchOf(people);
    const results = await (await writerFor(this.ctx, this.state.ownerId)).writeBatch(writes);
    const outcomes: Record<string, ItemOutcome[]> = {};
    const unsure: number[] = [];
    results.forEach((r, i) => {
      const { personId, keys: itemKeys } = keys[i];
      const list = (outcomes[personId] ??= []);
      if (r.ok) itemKeys.forEach((property) => list.push({ property, ok: true, requestId: r.requestId }));
      else if (r.mayHaveLanded) unsure.push(i);
      else itemKeys.forEach((property) => list.push({ property, ok: false, code: r.code, ...(r.requestId ? { requestId: r.requestId } : {}) }));
    });
    // An answer that never came: one read decides whether it landed; the write is never sent again.
    if (unsure.length) {
      const landed = await this.landed(unsure.map((i) => writes[i]));
      unsure.forEach((i, n) => {
        const { personId, keys: itemKeys } = keys[i];
        itemKeys.forEach((property) => outcomes[personId].push(landed[n] ? { property, ok: true, requestId: null } : { property, ok: false, code: 'GRAPH_TIMEOUT', uncertain: true }));
      });
    }
    await this.audit(people, outcomes, false);
    Object.assign(this.state.outcomes, outcomes);
    this.state.inFlight = [];
    await this.record();
    await this.showProgress();
  }

  /**
   * A holder crashed mid-wave: what it sent is read back from Graph, never sent again. Landed is applied (audited as
   * recovered); not landed is reported as not applied, for the admin to run again knowingly.
   */
  async reconcile(): Promise<void> {
    const people = this.payload.plan.people.filter((p) => this.state.inFlight.includes(p.account.id) && !this.state.outcomes[p.account.id]);
    const { writes, keys } = batchOf(people);
    const landed = await this.landed(writes);
    const outcomes: Record<string, ItemOutcome[]> = {};
    writes.forEach((_, i) => {
      const { personId, keys: itemKeys } = keys[i];
      itemKeys.forEach((property) => (outcomes[personId] ??= []).push(landed[i] ? { property, ok: true, requestId: null } : { property, ok: false, code: 'INTERRUPTED' }));
    });
    // The crashed holder may have written some of these records already: each person is audited once.
    const audited = new Set((await this.ctx.audit.listForPlan(this.state.planId)).map((r) => r.targetId));
    await this.audit(people.filter((p) => !audited.has(p.account.id)), outcomes, true);
    Object.assign(this.state.outcomes, outcomes);
    this.state.inFlight = [];
    await this.record();
  }

  /** Every row with nothing to write is in the audit too: handed to AD, not possible, nothing to do, stopped. */
  async auditQuietRows(): Promise<void> {
    // A holder that died after writing some of these (before recording that it had) leaves them: not written twice.
    const earlier = await this.ctx.audit.listForPlan(this.state.planId);
    const seen = new Set(earlier.map((r) => (r.targetId ? r.targetId : `${r.targetUpn}|${r.reason}`)));
    const quiet = this.payload.plan.people.filter((p) => !cloudItems(p).length && !seen.has(p.account.id));
    await this.audit(quiet, {}, false);
    const stopped = this.payload.plan.stopped.filter((row) => !seen.has(`${row.person.slice(0, 256)}|${row.reason}`)).map((row): AuditRecordInput => ({
      actorId: this.state.ownerId, actorUpn: this.actorUpn, targetId: '', targetUpn: row.person.slice(0, 256), operation: 'update', property: null,
      before: null, after: null, outcome: 'refused', reason: row.reason, graphRequestId: null, planId: this.state.planId, conversationId: this.state.conversationId,
    }));
    for (const r of stopped) await this.ctx.audit.append(r);
    this.state.audited = true;
    await this.record();
  }

  /** People whose writes were never sent (no token of the admin's): recorded as not applied, with the reason. */
  async unsent(people: PlannedPerson[], code: 'SIGN_IN_REQUIRED' | 'INTERRUPTED'): Promise<void> {
    const outcomes = Object.fromEntries(people.map((p) => [p.account.id, cloudItems(p).map((i): ItemOutcome => ({ property: itemKey(i), ok: false, code }))]));
    await this.audit(people, outcomes, false);
    Object.assign(this.state.outcomes, outcomes);
    await this.record();
  }

  /** The people left out at Apply (their roles changed): recorded as refused, with no write. */
  async recordRefused(): Promise<void> {
    const refused = this.payload.plan.people.filter((p) => this.state.refused.includes(p.account.id) && !this.state.outcomes[p.account.id]);
    if (!refused.length) return;
    const outcomes = Object.fromEntries(refused.map((p) => [p.account.id, cloudItems(p).map((i): ItemOutcome => ({ property: itemKey(i), ok: false, code: 'POLICY_DENIED' }))]));
    await this.audit(refused, outcomes, false);
    Object.assign(this.state.outcomes, outcomes);
    await this.record();
  }

  private async audit(people: PlannedPerson[], outcomes: Record<string, ItemOutcome[]>, recovered: boolean): Promise<void> {
    for (const p of people) {
      const records = auditRecordsOf({
        actor: { id: this.state.ownerId, upn: this.actorUpn }, account: { id: p.account.id, userPrincipalName: p.account.upn },
        plan: p.plan, outcomes: outcomes[p.account.id] ?? [], planId: this.state.planId, conversationId: this.state.conversationId, recovered,
      });
      for (const r of records) await this.ctx.audit.append(r);
    }
  }

  /** Records where the run stands and holds the job longer; a lost lease means another holder runs it now: stop. */
  private async record(): Promise<void> {
    if (!(await this.ctx.jobs.progress(this.job, this.state as never, LEASE_MS))) throw new Error('bulk run: lease lost');
  }

  private async showProgress(): Promise<void> {
    const now = Date.now();
    if (!this.state.card || now - this.cardAt < CARD_EVERY_MS) return;
    this.cardAt = now;
    const total = writers(this.payload.plan, this.state.refused).length;
    const done = Object.keys(this.state.outcomes).length;
    const view = viewOf(this.state.planId, this.payload, { progress: { done, total } });
    await this.ctx.messenger.updateCard(this.state.card, bulkPlanCard(view, this.t));
  }

  /** Whether each write is in place now, read back in `$batch` reads (a group's members once per group). */
  private async landed(writes: BatchWrite[]): Promise<boolean[]> {
    const ids = [...new Set(writes.filter((w) => w.write.op === 'patch' || w.write.op === 'licence').map((w) => w.userId))];
    const fields = [...new Set(writes.flatMap((w) => (w.write.op === 'patch' ? Object.keys(w.write.patch) : [])))];
    const groups = [...new Set(writes.flatMap((w) => (w.write.op === 'membership' ? [w.write.groupId] : [])))];
    const [users, members] = await Promise.all([
      ids.length ? this.ctx.directory.readUsers(ids, ['id', 'assignedLicenses', ...fields]) : new Map<string, Record<string, unknown> | null>(),
      Promise.all(groups.map(async (g) => [g, new Set(await this.ctx.directory.getGroupMemberIds(g).catch(() => null) ?? [])] as const)),
    ]);
    const memberOf = new Map(members);
    return writes.map(({ userId, write }) => {
      const user = users.get(userId);
      switch (write.op) {
        case 'patch':
          return !!user && Object.entries(write.patch).every(([k, v]) => stableJson(user[k] ?? null) === stableJson(v));
        case 'licence':
          return !!user && ((user.assignedLicenses as { skuId: string }[] | undefined) ?? []).some((l) => l.skuId.toLowerCase() === write.skuId.toLowerCase()) === write.assign;
        case 'membership':
          return memberOf.get(write.groupId)?.has(userId) === write.add;
        default:
          // A sign-out cannot be read back: not confirmed.
          return false;
      }
    });
  }
}

async function hasToken(ctx: AssistantContext, userId: string): Promise<boolean> {
  try {
    await ctx.delegated!.tokenFor(userId);
    return true;
  } catch (error) {
    if (error instanceof SignInRequired) return false;
    throw error;
  }
}

/** People whose writes all went through, and people with at least one that did not. */
function countsOf(outcomes: Record<string, ItemOutcome[]>): { applied: number; failed: number } {
  const all = Object.values(outcomes);
  return { applied: all.filter((o) => o.length && o.every((x) => x.ok)).length, failed: all.filter((o) => o.some((x) => !x.ok)).length };
}
