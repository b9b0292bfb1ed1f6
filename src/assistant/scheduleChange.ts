import { SignInRequired } from '../directory/delegatedTokens';
import { changePlanCard } from '../cards/changePlanCard';
import { noticeCard } from '../cards/noticeCard';
import { scheduledChangesCard } from '../cards/scheduledChangesCard';
import { formatTime } from '../i18n/formatTime';
import { languageOf, translator, type Translator } from '../i18n/translate';
import type { JobResult } from '../jobs/jobRunner';
import type { Request } from '../language/request';
import { isAdminRole } from '../policy/roles';
import { resolveWhen } from '../schedules/resolveWhen';
import { SCHEDULED_CHANGE, type ScheduledJob } from '../schedules/scheduledChangeKind';
import type { JobRecord, PlanRecord } from '../store';
import type { AssistantContext } from './assistantContext';
import { readerTimeZone, type Caller } from './caller';
import { planFor, writePlan, type ChangePayload } from './changeAccount';
import { card, text, type Reply } from './reply';

/** When a stored plan is to be applied, and in which zone its admin reads times. */
export interface ScheduledWhen {
  /** ISO 8601 (UTC). */
  dueAt: string;
  /** The admin's zone when they asked (null: not known, the time was read and is shown in UTC). */
  timeZone: string | null;
  /** Set once confirmed: the job that applies it ('' while the job is being stored). */
  jobId?: string;
}

/** A confirmed plan stays claimable until its time plus the grace, and a little more for the run itself. */
const RUN_MARGIN_MS = 60 * 60_000;

/**
 * The moment a request's time expression names in the caller's zone (UTC when Teams sent none, and the card says
 * so); or the refusal (past, more than a year ahead, no such day). Null when the request is for now.
 */
export function whenOf(ctx: AssistantContext, caller: Caller, request: Request, t: Translator): ScheduledWhen | { replies: Reply[] } | null {
  if (!request.when) return null;
  // A temporary password is shown once, to the admin who applies it: there is no one to show it to later.
  if (request.intent === 'resetPassword') return { replies: [text(t('schedule.notForPassword'))] };
  const now = ctx.clock.now();
  const timeZone = caller.timeZone ?? null;
  const resolved = resolveWhen(request.when, now, timeZone ?? 'UTC');
  if ('at' in resolved) return { dueAt: resolved.at.toISOString(), timeZone };
  return { replies: [text(t(`schedule.${resolved.problem}`, { time: formatTime(now.toISOString(), languageOf(t), timeZone ?? undefined) }))] };
}

/** What a plan card for later shows: its time in the admin's zone, and that it is UTC when their zone is unknown. */
export function scheduledTime(when: ScheduledWhen, _caller: Caller, t: Translator): { scheduledFor: string; notice?: string } {
  const scheduledFor = formatTime(when.dueAt, languageOf(t), when.timeZone ?? undefined);
  return when.timeZone ? { scheduledFor } : { scheduledFor, notice: t('schedule.utcNote') };
}

/** Confirm a plan for later: stored as a job, applied at its time; the card then says when, with Cancel. */
export async function scheduleChange(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  const record = await ctx.plans.get(planId);
  const payload = record?.payload as ChangePayload | undefined;
  if (!record || payload?.kind !== 'change' || !payload.when) return [text(t('error.INVALID_INPUT'))];
  if (record.actorId !== caller.id) return [text(t('plan.notYours'))];
  if (payload.when.jobId) return [scheduledCard(record, payload, payload.when.jobId, t)];
  if (record.state !== 'open') return [text(t('plan.alreadyHandled'))];
  const now = ctx.clock.now().getTime();
  if (Date.parse(record.expiresAt) <= now) return [card(noticeCard(t('plan.expired')))];
  if (Date.parse(payload.when.dueAt) <= now) return [text(t('schedule.timePassed'))];
  // Scheduling writes nothing yet, but only an admin may have a change applied later: their rights, read now.
  if (!isAdminRole((await ctx.privileges.caller(caller.id, { fresh: true })).activeRoleIds)) return [text(t('request.adminOnlyAction'))];

  // Marked before the job exists (one conditional update): a double click, or a second instance, schedules once.
  const expiresAt = new Date(Date.parse(payload.when.dueAt) + ctx.scheduleGraceMs + RUN_MARGIN_MS).toISOString();
  const marked = await ctx.plans.updatePayload(planId, { ...payload, when: { ...payload.when, jobId: '' } } as never, record.version, expiresAt);
  if (!marked.ok) return [text(t('plan.alreadyHandled'))];
  const job: ScheduledJob = { planId, language: languageOf(t), timeZone: payload.when.timeZone, tenantId: caller.tenantId };
  const added = await ctx.jobs.add({ kind: SCHEDULED_CHANGE, dueAt: payload.when.dueAt, ownerId: caller.id, payload: job as never });
  const when = { ...payload.when, jobId: added.id };
  await ctx.plans.updatePayload(planId, { ...payload, when } as never, marked.plan.version);
  ctx.log.info('schedule.added', { planId, jobId: added.id, dueAt: when.dueAt });
  return [scheduledCard(record, { ...payload, when }, added.id, t)];
}

/** Cancel a scheduled change before its time: the job is cancelled and its plan closed. */
export async function cancelScheduledChange(ctx: AssistantContext, caller: Caller, data: { jobId: string; planId: string }, t: Translator): Promise<Reply[]> {
  const job = await ctx.jobs.get(data.jobId);
  if (!job || job.kind !== SCHEDULED_CHANGE || (job.payload as unknown as ScheduledJob).planId !== data.planId) return [text(t('error.INVALID_INPUT'))];
  if (job.ownerId !== caller.id) return [text(t('plan.notYoursCancel'))];
  // The plan decides: a run that has claimed it (writing now, perhaps slowly) makes the cancel fail, so "cancelled"
  // is never said of a change that lands. A run that comes after finds the plan cancelled and writes nothing.
  const plan = await ctx.plans.cancel(data.planId, caller.id);
  if (plan !== 'cancelled') return [text(t('schedule.notCancellable'))];
  await ctx.jobs.cancel(data.jobId, caller.id);
  ctx.log.info('schedule.cancelled', { planId: data.planId, jobId: data.jobId });
  const record = await ctx.plans.get(data.planId);
  return record ? [closedCard(record, t('schedule.cancelled'), t)] : [text(t('schedule.cancelled'))];
}

/** "scheduled changes": the caller's pending ones, soonest first, each with Cancel. */
export async function listScheduledChanges(ctx: AssistantContext, caller: Caller, t: Translator): Promise<Reply[]> {
  const jobs = await ctx.jobs.listByOwner(caller.id, SCHEDULED_CHANGE, ['pending'], 20);
  const plans = await Promise.all(jobs.map((j) => ctx.plans.get((j.payload as unknown as ScheduledJob).planId)));
  const items = jobs.flatMap((job, i) => {
    const plan = plans[i];
    if (!plan || plan.state !== 'open') return [];
    const payload = plan.payload as unknown as ChangePayload;
    return [{ jobId: job.id, planId: plan.id, time: formatTime(job.dueAt, languageOf(t), readerTimeZone(caller)), targetName: payload.targetName ?? plan.targetId, plan: payload.plan }];
  });
  if (!items.length) return [text(t('schedule.listEmpty'))];
  return [card(scheduledChangesCard(items, t))];
}

type Outcome = 'applied' | 'handedOver' | 'missed' | 'notAllowed' | 'nothingToDo' | 'gone' | 'alreadyHandled' | 'signInRequired';

/**
 * A scheduled change at its time: planned again against the account as it is and the admin's rights now, applied
 * through the same write as Apply (journal, audit), and the outcome posted to the admin. Not applied when it is no
 * longer allowed, no longer needed, or was missed by more than the grace (no instance ran); the admin is told why.
 * Exactly once: the job's lease keeps other instances off it, and the journal claims the plan once, so a run after
 * a crash between the write and the job's finish finds the plan claimed and writes nothing.
 */
export async function runScheduledChange(ctx: AssistantContext, job: JobRecord): Promise<JobResult> {
  const data = job.payload as unknown as ScheduledJob;
  const t = translator(data.language === 'nl' ? 'nl' : 'en');
  const record = await ctx.plans.get(data.planId);
  const payload = record?.payload as ChangePayload | undefined;
  const done = (outcome: Outcome): JobResult => {
    ctx.log.info('schedule.ran', { jobId: job.id, planId: data.planId, outcome });
    return { state: 'done', outcome: { outcome } };
  };
  // Already claimed or finished: an earlier run wrote it (and the recovery finishes its record), or it was cancelled.
  if (!record || !job.ownerId || payload?.kind !== 'change' || record.state !== 'open') return done('alreadyHandled');

  const ownerId = job.ownerId;
  const time = formatTime(job.dueAt, languageOf(t), data.timeZone ?? undefined);
  const tell = async (reply: Reply) => {
    if (!(await ctx.messenger.sendToUser(ownerId, reply))) ctx.log.warn('schedule.notDelivered', { jobId: job.id, ownerId });
  };
  const close = async (outcome: Outcome, notice: string, shown: PlanRecord = record) => {
    await ctx.plans.cancel(record.id, ownerId);
    await tell(closedCard(shown, notice, t));
    return done(outcome);
  };

  const late = ctx.clock.now().getTime() - Date.parse(job.dueAt);
  if (late > ctx.scheduleGraceMs) return close('missed', t('schedule.missed', { time, hours: Math.round(ctx.scheduleGraceMs / 3_600_000) }));

  const caller: Caller = {
    id: ownerId, name: null, tenantId: data.tenantId, locale: undefined, timeZone: data.timeZone ?? undefined,
    // The outcome goes to the admin's one-to-one chat.
    conversation: { id: record.conversationId, type: 'personal' },
  };
  const account = await ctx.directory.getAccount(record.targetId);
  if (!account) return close('gone', t('schedule.gone', { time }));
  const fresh = await planFor(ctx, caller, account, { ...payload, operation: payload.operation ?? null }, t, { freshCaller: true });
  if (!fresh) return close('gone', t('schedule.gone', { time }));
  const replanned = { ...record, payload: { ...payload, plan: fresh } as never };
  const admin = isAdminRole((await ctx.privileges.caller(ownerId)).activeRoleIds);
  const cloud = fresh.items.filter((i) => i.kind === 'cloud');
  if (!admin || (!cloud.length && fresh.items.some((i) => i.kind === 'denied'))) return close('notAllowed', t('schedule.notAllowed', { time }), replanned);
  // Only AD can make it now (a synced account): the AD part is handed over, with its script, as Apply would.
  const handOver = !cloud.length && fresh.items.some((i) => i.kind === 'onPremises');
  if (!cloud.length && !handOver) return close('nothingToDo', t('schedule.nothingToDo', { time }), replanned);

  // Delegated mode: the admin's own token, from the token service at run time. Without one nothing was claimed or
  // written: the change is closed and the admin told to sign in and schedule it again, not retried in silence.
  if (ctx.delegated) {
    try {
      await ctx.delegated.tokenFor(ownerId);
    } catch (error) {
      if (!(error instanceof SignInRequired)) throw error;
      return close('signInRequired', t('schedule.signInRequired', { time }), replanned);
    }
  }
  const replies = await writePlan(ctx, caller, record, account, fresh, t, t(handOver ? 'schedule.handedOver' : 'schedule.ranNotice', { time }), true);
  // Another run claimed the plan first (two instances, a lease that ran out): its outcome is the one the admin gets.
  if (!replies.length) return done('alreadyHandled');
  await tell(replies[0]);
  return done(handOver ? 'handedOver' : 'applied');
}

/** The card of a scheduled plan: for when, with Cancel (of the job). */
function scheduledCard(record: PlanRecord, payload: ChangePayload, jobId: string, t: Translator): Reply {
  const { scheduledFor, notice } = scheduledTime(payload.when!, { timeZone: undefined } as Caller, t);
  return card(changePlanCard({
    targetName: payload.targetName ?? record.targetId, plan: payload.plan, planId: record.id, scheduledJobId: jobId,
    notice: [t('schedule.scheduledFor', { time: scheduledFor }), notice].filter(Boolean).join('\n\n'),
  }, t));
}

function closedCard(record: PlanRecord, notice: string, t: Translator): Reply {
  const payload = record.payload as unknown as ChangePayload;
  return card(changePlanCard({ targetName: payload.targetName ?? record.targetId, plan: payload.plan, planId: record.id, notice, closed: true }, t));
}
