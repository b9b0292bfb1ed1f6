import { requestCard, shownState, type RequestCardView } from '../cards/requestCard';
import { requestFormCard } from '../cards/requestFormCard';
import { propertyLabel } from '../cards/propertyLabel';
import { plainText } from '../cards/plainText';
import type { ItemOutcome } from '../cards/changePlanCard';
import type { ChangePlan } from '../changes/changePlan';
import { planRequest, type PlanOptions } from '../changes/planChanges';
import type { Account } from '../directory/account';
import { resolveAccount } from '../directory/accountResolver';
import { managerChain, managerOf } from '../directory/managerOf';
import { translator, type MessageKey, type Translator } from '../i18n/translate';
import type { AdaptiveCard } from '../cards/renderCard';
import { refusalText } from '../cards/changePlanCard';
import { languageOf } from './conversationLanguage';
import type { ChangeableProperty, Language, RequestedChange } from '../language/request';
import type { Privileges } from '../directory/directory';
import { decisionInput, explainRefusal, mayChange } from '../policy/changePolicy';
import { mayApprove } from '../policy/approvers';
import { isAdminRole } from '../policy/roles';
import { isProtected } from './changeAccount';
import { addDays, checkEffectiveDate, conflictOfInterest, isOverdue, REASON_MAX } from '../requests/requestRules';
import type { JournalEntry, RequestRecord } from '../store';
import { SCHEDULED_REQUEST, scheduleOf, startOfDay, type ScheduledRequestJob } from '../schedules/scheduledRequestKind';
import type { Json } from '../store/json';
import { stableJson } from '../text/stableJson';
import { writeCloudPart } from './applyPlan';
import { writerFor } from './writerFor';
import { recordNotice } from './changeAccount';
import { recordWrite, type WriteIntent, type WriteRecord } from './journalledWrite';
import type { AssistantContext } from './assistantContext';
import { readerTimeZone, type Caller } from './caller';
import { formatTime } from '../i18n/formatTime';
import { APPROVALS_CHANNEL } from './approvalsChannel';
import { decidersOf, mayDecide, mayOversee, whoElseCanDecide } from './whoDecides';
import type { PostedMessage } from './messenger';
import { card, text, type Reply } from './reply';
import { watchSync } from './watchSync';

/** Why an approval scheduled for its effective date was not applied on that day (each has its text). */
export const SCHEDULE_FAILURES = new Set(['notAllowed', 'noLongerReport', 'nothingToDo', 'targetGone', 'signInRequired']);

/** "pending approvals" looks at this many of the oldest pending requests. */
const PENDING_LIMIT = 50;
/** Teams refreshes a card automatically for at most this many listed users. */
const MAX_REFRESH_USERS = 60;

/** What a request stores about the change, besides the plan: enough to plan it again at approval. */
export interface RequestedPayload {
  changes: RequestedChange[];
  managerId: string | null;
  /** The requester's language when they sent it: their notices and their card's answers use it. */
  language?: Language;
}

export interface SubmittedRequest {
  reportId: string;
  property: string;
  value: string;
  clear?: 'true' | 'false';
  reason: string;
  effectiveDate?: string;
}

const today = (ctx: AssistantContext) => ctx.clock.now().toISOString().slice(0, 10);
const ttlDays = (ctx: AssistantContext) => Math.max(1, Math.floor(ctx.requestTtlMs / 86_400_000));

/** The request form, with the caller's direct reports read live from Graph. */
export async function showRequestForm(
  ctx: AssistantContext, caller: Caller, t: Translator, values?: Partial<SubmittedRequest>, error?: string,
): Promise<Reply[]> {
  const reports = await ctx.directory.getDirectReports(caller.id);
  if (!reports.length) return [text(t('request.noReports'))];
  return [card(requestFormCard({
    reports,
    properties: ctx.policy.managerProperties,
    today: today(ctx),
    latest: addDays(today(ctx), ttlDays(ctx)),
    values,
    error,
  }, t))];
}

/**
 * "Change the title of my report Lee to …" from someone who is not an admin: the same form, filled in, so
 * the manager adds the reason and sends it. The person must be one of the caller's direct reports.
 */
export async function requestFromMessage(ctx: AssistantContext, caller: Caller, target: Account, changes: RequestedChange[], t: Translator): Promise<Reply[]> {
  const reports = await ctx.directory.getDirectReports(caller.id);
  if (!reports.some((r) => r.id === target.id)) return [text(t('request.notYourReport'))];
  const [first] = changes;
  // "block Milan" or "set Milan's usage location": not something a manager may request; the form would not offer it.
  const notAllowed = changes.find((c) => !ctx.policy.managerProperties.includes(c.property));
  if (notAllowed) return [text(t('request.propertyNotAllowed', { property: propertyLabel(t, notAllowed.property) }))];
  const value = first && typeof first.value === 'string' ? first.value : '';
  return showRequestForm(ctx, caller, t, { reportId: target.id, property: first?.property, value, clear: first?.value === null ? 'true' : 'false' });
}

/** Every submitted field is checked again here: the card's choices are only a convenience. */
export async function submitRequest(ctx: AssistantContext, caller: Caller, data: SubmittedRequest, t: Translator): Promise<Reply[]> {
  // One read: the account, with its manager, who must be the caller.
  const account = await ctx.directory.getAccount(data.reportId);
  if (!account || (await managerOf(ctx.directory, account))?.id !== caller.id) {
    ctx.log.warn('request.refused', { callerId: caller.id, reason: 'notDirectReport' });
    return [text(t('request.notYourReport'))];
  }
  const property = ctx.policy.managerProperties.find((p) => p === data.property);
  if (!property) {
    ctx.log.warn('request.refused', { callerId: caller.id, reason: 'propertyNotAllowed' });
    return [text(t('request.propertyNotAllowed', { property: plainText(data.property.slice(0, 64)) }))];
  }
  const again = (error: string) => showRequestForm(ctx, caller, t, data, error);
  const reason = data.reason.trim();
  if (!reason || reason.length > REASON_MAX) return again(t('request.reasonMissing'));
  const date = checkEffectiveDate(data.effectiveDate ?? '', today(ctx), ttlDays(ctx));
  if (date !== 'ok') return again(t(`request.${date}`, { count: ttlDays(ctx) }));

  const raw = data.value.trim();
  const clear = data.clear === 'true';
  // An empty field is not a request to wipe the value: that is its own, explicit choice.
  if (!raw && !clear) return again(t('request.valueOrClear'));
  if (raw && clear) return again(t('request.clearAndValue'));
  const change: RequestedChange = { property, value: clear ? null : raw };
  let managerId: string | null = null;
  if (property === 'manager' && raw) {
    const found = await resolveAccount(ctx.directory, raw, caller.id);
    if (found.kind !== 'one') return again(t('request.managerNotFound', { query: plainText(raw) }));
    managerId = found.account.id;
  }
  const payload: RequestedPayload = { changes: [change], managerId, language: languageOf(t) };
  const plan = await planFor(ctx, account, payload, () => true);
  const item = plan.items[0];
  if (item?.kind === 'invalid') {
    const rule = t(`rule.${(item.params.reason as string) ?? item.rule}` as MessageKey, item.params);
    return again(t('request.valueInvalid', { property: propertyLabel(t, property), rule: plainText(rule) }));
  }
  const name = account.displayName ?? account.userPrincipalName;
  if (item?.kind === 'noop') return [text(t('request.nothingToChange', { name: plainText(name), property: propertyLabel(t, property) }))];

  const requesterUpn = await ctx.privileges.userPrincipalName(caller.id);
  const record = await ctx.requests.create({
    requesterId: caller.id,
    requesterUpn,
    targetId: account.id,
    targetUpn: account.userPrincipalName,
    changes: payload as unknown as Json,
    reason,
    effectiveDate: data.effectiveDate || null,
    planSnapshot: plan as unknown as Json,
    accountSnapshot: { displayName: name },
  });
  ctx.log.info('request.created', { requestId: record.id, requesterId: caller.id, targetId: account.id, property });

  const sent = await deliverToApprovers(ctx, record);
  const notice = sent.kind === 'channel' ? t('request.sentChannel') : sent.count ? t('request.sentApprovers', { count: sent.count }) : t('request.noApprover', { count: ttlDays(ctx) });
  // The form is replaced by the request as the requester sees it, with Cancel.
  return [card(await refreshing(ctx, requestCard(await viewOf(ctx, record, caller, t, { notice }), t), record, caller))];
}

/** A card's refresh: the request as this viewer may see it (approver, requester, or read-only). */
export async function viewRequest(ctx: AssistantContext, caller: Caller, requestId: string, t: Translator): Promise<Reply[]> {
  // A refresh only reads: Teams sends it whenever someone looks at the card. Overdue shows as expired.
  const stored = await ctx.requests.get(requestId);
  const record = stored && isOverdue(stored, ctx.clock.now(), ctx.requestTtlMs) ? { ...stored, state: 'expired' as const } : stored;
  if (!record) return [text(t('request.notFound'))];
  return [card(await refreshing(ctx, requestCard(await viewOf(ctx, record, caller, t), t), record, caller))];
}

export async function cancelRequest(ctx: AssistantContext, caller: Caller, requestId: string, t: Translator): Promise<Reply[]> {
  const record = await loadRequest(ctx, requestId);
  if (!record) return [text(t('request.notFound'))];
  if (record.requesterId !== caller.id) return [await refused(ctx, record, caller, t('request.notYours'), t)];
  const upn = await ctx.privileges.userPrincipalName(caller.id);
  const schedule = scheduleOf(record);
  const fields = { decision: { byId: caller.id, byUpn: upn }, ...(schedule ? { outcome: { reason: 'cancelled', approvedBy: record.decidedByUpn, approvedAt: record.decidedAt } } : {}) };
  // Approved for a later day: the request decides (unless its write has claimed it, "cancelled" is then true), and
  // its job goes too; a run that comes anyway finds it cancelled and writes nothing.
  const result = schedule ? await ctx.journal.closeScheduled(record.id, 'cancelled', fields) : await ctx.requests.transition(record.id, ['pending'], 'cancelled', fields);
  if (!result.ok) return [await alreadyDecided(ctx, result.current ?? record, caller, t)];
  if (schedule && record.decidedById) await ctx.jobs.cancel(schedule.jobId, record.decidedById);
  await updatePostedCards(ctx, result.request);
  return [card(requestCard(await viewOf(ctx, result.request, caller, t, { notice: t('request.cancelledReply') }), t))];
}

/**
 * Approve or reject. The approver's own roles must allow the change (Entra's rules, as for an admin's change);
 * nobody decides on their own request. Approval re-checks that the person is still the requester's report and
 * that the account has not moved since the request; then the one conditional transition decides the race.
 */
export async function decideRequest(
  ctx: AssistantContext, caller: Caller, input: { requestId: string; comment?: string }, approve: boolean, t: Translator,
): Promise<Reply[]> {
  const record = await loadRequest(ctx, input.requestId);
  if (!record) return [text(t('request.notFound'))];
  if (record.state !== 'pending') return [await alreadyDecided(ctx, record, caller, t)];
  // Segregation of duties: nobody decides a request they submitted or one about their own account.
  const conflict = conflictOfInterest(record, caller.id);
  if (conflict) return [await refused(ctx, record, caller, t(conflict, { approvers: await whoElseCanDecide(ctx, record, t) }), t)];
  // A decision writes: the approver's roles are read now, not taken from the cache.
  const approver = await ctx.privileges.caller(caller.id, { fresh: true });
  if (!mayApprove(ctx.policy, await ctx.approvers.get(), caller.id, approver.activeRoleIds)) return [await refused(ctx, record, caller, t('request.notApprover'), t)];
  const comment = input.comment?.trim().slice(0, REASON_MAX) || null;
  const decision = { byId: caller.id, byUpn: await ctx.privileges.userPrincipalName(caller.id), comment };

  const account = await ctx.directory.getAccount(record.targetId);
  if (!account) {
    // The report has left: close the request either way; nothing can be applied.
    const closed = await ctx.requests.transition(record.id, ['pending'], approve ? 'approved' : 'rejected', { decision });
    if (!closed.ok) return [await alreadyDecided(ctx, closed.current ?? record, caller, t)];
    const final = approve ? await ctx.requests.transition(record.id, ['approved'], 'failed', { outcome: { reason: 'targetGone' } }) : closed;
    await finish(ctx, final.ok ? final.request : closed.request);
    return [text(t('request.targetGone', { name: plainText(record.targetUpn) }))];
  }

  const payload = record.changes as unknown as RequestedPayload;
  // The target's roles as they are now: someone who became an admin since the request is protected at once.
  const rights = decisionInput(approver, await ctx.privileges.target(account.id), isProtected(ctx, account));
  const fresh = await planFor(ctx, account, payload, (subject) => mayChange(rights, subject), (subject) => explainRefusal(rights, subject));
  const denied = fresh.items.find((i) => i.kind === 'denied');
  if (denied) return [await refused(ctx, record, caller, [t('request.notApprover'), refusalText(denied, t)].join(' '), t)];

  if (approve) {
    const manager = await managerOf(ctx.directory, account);
    if (manager?.id !== record.requesterId) {
      return [text(t('request.noLongerReport', { name: plainText(account.displayName ?? account.userPrincipalName), requester: plainText(record.requesterUpn) }))];
    }
    if (stableJson(fresh) !== stableJson(record.planSnapshot)) {
      const replanned = await ctx.requests.replan(record.id, record.version, fresh as unknown as Json, record.accountSnapshot ?? {});
      if (!replanned.ok) return [replanned.current && replanned.current.state !== 'pending' ? await alreadyDecided(ctx, replanned.current, caller, t) : text(t('request.changedMeanwhile'))];
      return [card(await refreshing(ctx, requestCard(await viewOf(ctx, replanned.request, caller, t, { notice: t('request.changedMeanwhile') }), t), replanned.request, caller))];
    }
  }

  if (!approve) {
    const rejected = await ctx.requests.transition(record.id, ['pending'], 'rejected', { decision });
    if (!rejected.ok) return [await alreadyDecided(ctx, rejected.current ?? record, caller, t)];
    ctx.log.info('request.decided', { requestId: record.id, approverId: caller.id, approved: false });
    const final = await finish(ctx, rejected.request);
    return [card(requestCard(await viewOf(ctx, final, caller, t), t))];
  }

  // Approved before its effective date: the decision is recorded now, the write runs on that day (its job).
  if (record.effectiveDate && record.effectiveDate > today(ctx)) return approveForLater(ctx, caller, record, decision, t);

  // The decision and the intent in one transaction, before the first Graph write (see applyChange).
  const by = { id: caller.id, upn: decision.byUpn, timeZone: caller.timeZone ?? null, conversationId: caller.conversation.id };
  const written = await writeApproved(ctx, record, account, fresh, by, t, async (intent) => {
    const { decided, entry } = await ctx.journal.beginApproval(record.id, { decision }, intent as never, ctx.writeLeaseMs);
    if (decided.ok && entry) ctx.log.info('request.decided', { requestId: record.id, approverId: caller.id, approved: true });
    return decided.ok ? { entry, current: decided.request } : { entry: null, current: decided.current };
  });
  if (!written.entry) return [await alreadyDecided(ctx, written.current ?? record, caller, t)];
  return [card(requestCard(await viewOf(ctx, written.final, caller, t, { notice: recordNotice(written.recorded, t) }), t))];
}

/** Who approved a request, as its write needs them: for its audit records, its AD part and their card's times. */
export interface ApprovalBy {
  id: string;
  upn: string;
  timeZone: string | null;
  conversationId: string;
}

/**
 * The journalled write of an approved request, the one path for an approval applied at once and for one applied on
 * its effective date: `claim` records the intent (and decides the race) before the first Graph write; then the cloud
 * part is written, the outcome and audit recorded, the requester told, and the AD part's sync watched.
 */
export async function writeApproved(
  ctx: AssistantContext, record: RequestRecord, account: Account, fresh: ChangePlan, approver: ApprovalBy, t: Translator,
  claim: (intent: WriteIntent) => Promise<{ entry: JournalEntry | null; current: RequestRecord | null }>,
): Promise<{ entry: null; current: RequestRecord | null } | { entry: JournalEntry; final: RequestRecord; recorded: WriteRecord }> {
  const payload = record.changes as unknown as RequestedPayload;
  const intent: WriteIntent = {
    actor: { id: record.requesterId, upn: record.requesterUpn }, approver: { id: approver.id, upn: approver.upn },
    target: { id: account.id, upn: account.userPrincipalName, name: account.displayName ?? account.userPrincipalName },
    plan: fresh, planId: null, requestId: record.id, conversationId: approver.conversationId, card: null,
    language: languageOf(t),
  };
  // An approved request is written with the approver's own token in delegated mode: fetched before the claim.
  const writer = await writerFor(ctx, approver.id);
  const { entry, current: claimed } = await claim(intent);
  if (!entry) return { entry: null, current: claimed };

  const { outcomes } = await writeCloudPart(ctx, account.id, fresh, writer);
  const recorded = await recordWrite(ctx, entry, intent, outcomes);
  // Spooled or still being checked, the request stays approved for now: the requester hears the outcome when it is.
  const current = (await ctx.requests.get(record.id).catch(() => null)) ?? claimed ?? record;
  const final = recorded === 'recorded' ? await finish(ctx, current) : current;
  // The approver gets the AD part (on their card's refresh): the sync that brings it is watched, and they are told.
  await watchSync(ctx, {
    plan: fresh, managerId: payload.managerId, adminId: approver.id, language: languageOf(t), timeZone: approver.timeZone, card: null,
    view: { targetName: intent.target.name, plan: fresh, planId: record.id, outcomes, doneBy: { actor: approver.upn, time: formatTime(ctx.clock.now().toISOString(), languageOf(t), approver.timeZone ?? undefined) } },
  });
  return { entry, final, recorded };
}

/**
 * An approval before the request's effective date: its job is stored first (due at 00:00 that day in the approver's
 * zone, else UTC), then the one conditional decision; a lost race cancels the job again. The request shows
 * "approved — scheduled for …" to everyone and the requester is told; nothing is written until the day.
 */
async function approveForLater(
  ctx: AssistantContext, caller: Caller, record: RequestRecord, decision: { byId: string; byUpn: string; comment: string | null }, t: Translator,
): Promise<Reply[]> {
  const timeZone = caller.timeZone ?? null;
  const dueAt = startOfDay(record.effectiveDate!, timeZone).toISOString();
  const payload: ScheduledRequestJob = { requestId: record.id, tenantId: caller.tenantId, conversationId: caller.conversation.id };
  const job = await ctx.jobs.add({ kind: SCHEDULED_REQUEST, dueAt, ownerId: caller.id, payload: payload as never });
  const decided = await ctx.requests.transition(record.id, ['pending'], 'approved', { decision, outcome: { scheduled: { jobId: job.id, dueAt, timeZone } } });
  if (!decided.ok) {
    await ctx.jobs.cancel(job.id, caller.id);
    return [await alreadyDecided(ctx, decided.current ?? record, caller, t)];
  }
  ctx.log.info('request.decided', { requestId: record.id, approverId: caller.id, approved: true, scheduledFor: dueAt, jobId: job.id });
  const final = await finish(ctx, decided.request);
  return [card(requestCard(await viewOf(ctx, final, caller, t), t))];
}

/** "my requests": the caller's latest requests with their state. */
export async function listMyRequests(ctx: AssistantContext, caller: Caller, t: Translator): Promise<Reply[]> {
  const records = await ctx.requests.listByRequester(caller.id, 10);
  if (!records.length) return [text(t('request.myNone'))];
  const lines = records.map((r) => t('request.line', { ...summary(r, t, caller), state: t(`request.state.${shownState(effectiveState(ctx, r), r.planSnapshot as unknown as ChangePlan)}` as MessageKey) }));
  return [text([t('request.myTitle'), ...lines.map((l) => `- ${l}`)].join('\n\n'))];
}

/**
 * "pending approvals": the requests this admin may decide, each as its card so they can decide right there; of the
 * others only how many there are (their reasons, values and scripts are not theirs to read).
 */
export async function listPendingApprovals(ctx: AssistantContext, caller: Caller, t: Translator): Promise<Reply[]> {
  const me = await ctx.privileges.caller(caller.id);
  if (!isAdminRole(me.activeRoleIds)) return [text(t('request.adminsOnly'))];
  const pending = (await ctx.requests.listPending(PENDING_LIMIT)).filter((r) => !isOverdue(r, ctx.clock.now(), ctx.requestTtlMs));
  if (!pending.length) return [text(t('request.pendingNone'))];
  // Each target's roles are read once (fresh), however many requests are about them.
  const targets = new Map<string, Promise<Privileges | undefined>>();
  const targetOf = (id: string) => targets.get(id) ?? targets.set(id, ctx.privileges.target(id).catch(() => undefined)).get(id)!;
  const decidable = await Promise.all(pending.map(async (r) => {
    const target = await targetOf(r.targetId);
    return target !== undefined && mayDecide(ctx, caller.id, r, { person: me, target });
  }));
  const mine = pending.filter((_, i) => decidable[i]);
  const others = pending.length - mine.length;
  const othersLine = others ? t('request.pendingOthers', { count: others }) : null;
  if (!mine.length) return [text(othersLine ?? t('request.pendingNone'))];
  const lines = mine.map((r) => t('request.pendingLine', { ...summary(r, t, caller), requester: plainText(r.requesterUpn) }));
  // Already known decidable: their cards do not read the rights again.
  const cards = await Promise.all(mine.slice(0, 5).map(async (r) => card(await refreshing(ctx, requestCard(await viewOf(ctx, r, caller, t, { canDecide: true }), t), r, caller))));
  return [text([t('request.pendingTitle'), ...lines.map((l) => `- ${l}`), ...(othersLine ? [othersLine] : [])].join('\n\n')), ...cards];
}

/** The periodic sweep: expires overdue requests (each once, across instances) and tells their requesters. */
export async function expireRequests(ctx: AssistantContext): Promise<number> {
  const expired = await ctx.requests.expireOlderThan(new Date(ctx.clock.now().getTime() - ctx.requestTtlMs));
  for (const record of expired) await finish(ctx, record);
  return expired.length;
}

/** Reads a request, expiring it on the way when it is overdue and no sweep has run yet. */
async function loadRequest(ctx: AssistantContext, id: string): Promise<RequestRecord | null> {
  const record = await ctx.requests.get(id);
  if (!record || !isOverdue(record, ctx.clock.now(), ctx.requestTtlMs)) return record;
  const expired = await ctx.requests.transition(id, ['pending'], 'expired');
  return expired.ok ? expired.request : expired.current;
}

function effectiveState(ctx: AssistantContext, r: RequestRecord) {
  return isOverdue(r, ctx.clock.now(), ctx.requestTtlMs) ? 'expired' : r.state;
}

/** The request's plan for the account as it is now, with the rights `allowed` and `explain` stand for. */
export async function planFor(
  ctx: AssistantContext, account: Account, payload: RequestedPayload, allowed: PlanOptions['allowed'], explain?: PlanOptions['explain'],
): Promise<ChangePlan> {
  const wantsManager = payload.changes.some((c) => c.property === 'manager');
  const [manager, current] = await Promise.all([
    payload.managerId ? ctx.directory.getAccount(payload.managerId) : null,
    wantsManager ? managerOf(ctx.directory, account) : null,
  ]);
  const chain = manager && manager.id !== account.id ? await managerChain(ctx.directory, manager) : [];
  return planRequest(account, payload.changes, null, { allowed, explain, manager, currentManagerName: current?.displayName ?? null, managerChain: chain });
}

/** Posts the approval card: to the approvals channel when one is set, else 1:1 to each reachable approver. */
async function deliverToApprovers(ctx: AssistantContext, record: RequestRecord): Promise<{ kind: 'channel' | 'direct'; count: number }> {
  // Only those who may decide it get it: not the requester, not the person it is about, not an approver whose roles
  // do not reach the target (a User Administrator, for a request about a Global Administrator).
  const approvers = await decidersOf(ctx, record);
  const refreshFor = (await Promise.all([record.requesterId, ...approvers].map((id) => ctx.messenger.teamsUserId(id)))).filter((id): id is string => !!id);
  const posted: PostedMessage[] = [];
  const channel = await ctx.settings.get(APPROVALS_CHANNEL);
  if (channel) {
    // A channel is shared: its card is in the request's language, and each viewer's refresh shows their own.
    const t = requestTranslator(record);
    // Anyone in the channel sees this base card: the script only reaches the deciders, through their refreshed view.
    const readOnly = withRefresh(requestCard(await viewOf(ctx, record, null, t), t), record.id, refreshFor);
    const message = await ctx.messenger.post(channel, card(readOnly));
    if (message) posted.push(message);
  }
  let kind: 'channel' | 'direct' = posted.length ? 'channel' : 'direct';
  if (!posted.length) {
    // In an approver's own chat the card can offer the decision straight away, in the approver's language.
    for (const id of approvers) {
      const { t, timeZone } = await readerOf(ctx, id);
      const asApprover = withRefresh(requestCard(await viewOf(ctx, record, null, t, { canDecide: true, showScript: true, timeZone }), t), record.id, refreshFor);
      const message = await ctx.messenger.sendToUser(id, card(asApprover));
      if (message) posted.push({ ...message, userId: id });
    }
    kind = 'direct';
  }
  if (posted.length) await ctx.requests.setCardRefs(record.id, posted as unknown as Json);
  return { kind, count: posted.length };
}

/** After a decision, cancellation or expiry: every posted card shows the outcome; the requester is told. */
export async function announceOutcome(ctx: AssistantContext, record: RequestRecord): Promise<RequestRecord> {
  return finish(ctx, record);
}

/**
 * The requester hears the outcome in the language they asked in, in words (no script: the AD part goes to the
 * administrators); each approver's card shows it in theirs, with the script they may have to run.
 */
async function finish(ctx: AssistantContext, record: RequestRecord): Promise<RequestRecord> {
  // In the language they asked in, and in their time zone when their Teams client has told it.
  const rt = requestTranslator(record);
  const requesterView = requestCard(await viewOf(ctx, record, null, rt, { timeZone: (await ctx.preferences.get(record.requesterId))?.timeZone ?? undefined }), rt);
  const told = record.state === 'cancelled' ? true : Boolean(await ctx.messenger.sendToUser(record.requesterId, card(requesterView)));
  if (!told) ctx.log.warn('request.requesterUnreachable', { requestId: record.id });
  await updatePostedCards(ctx, record, told ? undefined : 'request.requesterUnreachable');
  return record;
}

async function updatePostedCards(ctx: AssistantContext, record: RequestRecord, notice?: MessageKey): Promise<void> {
  const refs = (record.cardRefs as unknown as PostedMessage[] | null) ?? [];
  const views = new Map<string, AdaptiveCard>();
  await Promise.all(refs.map(async (ref) => {
    // A card in someone's 1:1 chat is theirs: their language and zone. A channel's is shared: the request's, in UTC.
    const { t, timeZone } = ref.userId ? await readerOf(ctx, ref.userId) : { t: requestTranslator(record), timeZone: undefined };
    const key = `${languageOf(t)}|${timeZone ?? ''}`;
    let view = views.get(key);
    if (!view) {
      view = requestCard(await viewOf(ctx, record, null, t, { notice: notice && t(notice), showScript: !!ref.userId, timeZone }), t);
      views.set(key, view);
    }
    return ctx.messenger.updateCard(ref, view);
  }));
}

/** The request as someone not in this turn reads it (their language and zone, with the script): a notice to them. */
export async function requestCardFor(ctx: AssistantContext, record: RequestRecord, userId: string, notice?: MessageKey): Promise<AdaptiveCard> {
  const { t, timeZone } = await readerOf(ctx, userId);
  return requestCard(await viewOf(ctx, record, null, t, { notice: notice && t(notice), showScript: true, timeZone }), t);
}

/** How to write to someone who is not in this turn: their last language and time zone. */
async function readerOf(ctx: AssistantContext, userId: string): Promise<{ t: Translator; timeZone: string | undefined }> {
  const prefs = await ctx.preferences.get(userId);
  // Someone who never wrote to the bot: English, as their client's locale is not known here.
  return { t: translator(prefs?.language ?? 'en'), timeZone: prefs?.timeZone ?? undefined };
}

/** The language the request was made in (older requests, without one: English). */
function requestLanguage(record: RequestRecord): Language {
  const language = (record.changes as unknown as RequestedPayload | null)?.language;
  return language === 'nl' ? 'nl' : 'en';
}

function requestTranslator(record: RequestRecord): Translator {
  return translator(requestLanguage(record));
}

/** The card's data for one viewer: `null` is the read-only view everyone may see. */
async function viewOf(
  ctx: AssistantContext, record: RequestRecord, viewer: Caller | null, t: Translator, extra: { notice?: string; canDecide?: boolean; showScript?: boolean; timeZone?: string } = {},
): Promise<RequestCardView> {
  const pending = record.state === 'pending';
  let canDecide = extra.canDecide ?? false;
  let notice = extra.notice;
  let restricted = false;
  let showScript = extra.showScript ?? false;
  if (viewer) {
    // One look at the viewer's rights serves both questions (a caller that already knows says so: `canDecide`).
    const ownsIt = record.requesterId === viewer.id || record.decidedById === viewer.id;
    // Its requester or decider sees the details anyway: once decided, their rights need no read.
    const oversees = extra.canDecide ?? (ownsIt && !pending ? false : await mayOversee(ctx, viewer.id, record));
    restricted = !(oversees || ownsIt);
    canDecide = pending && oversees && !conflictOfInterest(record, viewer.id);
    // The administrators who oversee it run the AD part; the requester reads it in words.
    showScript = extra.showScript ?? (oversees || record.decidedById === viewer.id);
  }
  if (viewer && pending) {
    const conflict = conflictOfInterest(record, viewer.id);
    // The requester sees Cancel; the person the request is about learns why they cannot decide, and who can.
    if (conflict && viewer.id !== record.requesterId && !notice) notice = t(conflict, { approvers: await whoElseCanDecide(ctx, record, t) });
  }
  const outcome = record.outcome as { outcomes?: ItemOutcome[]; reason?: string } | null;
  const schedule = scheduleOf(record);
  // A scheduled approval that could not be applied on its day says why, to everyone who sees the card.
  if (!notice && record.state === 'failed' && outcome?.reason && SCHEDULE_FAILURES.has(outcome.reason)) notice = t(`request.notAppliedBecause.${outcome.reason}` as MessageKey);
  const zoneShown = schedule?.timeZone ?? 'UTC';
  const scheduledFor = schedule ? `${formatTime(schedule.dueAt, languageOf(t), zoneShown)} (${zoneShown})` : undefined;
  return {
    requestId: record.id,
    targetName: (record.accountSnapshot as { displayName?: string } | null)?.displayName ?? record.targetUpn,
    requesterName: record.requesterUpn,
    createdAt: record.createdAt,
    timeZone: viewer ? readerTimeZone(viewer) : extra.timeZone,
    state: record.state,
    reason: record.reason ?? '',
    effectiveDate: record.effectiveDate,
    plan: record.planSnapshot as unknown as ChangePlan,
    outcomes: outcome?.outcomes,
    decision: record.decidedAt && record.decidedByUpn ? { byUpn: record.decidedByUpn, at: record.decidedAt, comment: record.decisionComment } : undefined,
    notice: notice ?? (restricted ? t('request.detailsRestricted') : undefined),
    restricted,
    canDecide: pending && canDecide,
    canCancel: (pending || !!schedule) && viewer?.id === record.requesterId,
    scheduledFor,
    showScript,
  };
}

/** A click that can no longer decide: the card shows the request as it now stands, for this viewer, without buttons. */
async function alreadyDecided(ctx: AssistantContext, record: RequestRecord, viewer: Caller, t: Translator): Promise<Reply> {
  const state = record.decidedByUpn && record.decidedAt
    ? t(`request.decided.${shownState(record.state, record.planSnapshot as unknown as ChangePlan)}` as MessageKey, { by: plainText(record.decidedByUpn), time: formatTime(record.decidedAt, languageOf(t), readerTimeZone(viewer)) })
    : t(`request.state.${shownState(record.state, record.planSnapshot as unknown as ChangePlan)}` as MessageKey);
  return card(requestCard(await viewOf(ctx, record, viewer, t, { notice: t('request.alreadyDecided', { state }) }), t));
}

/** A refused click: the card stays this viewer's view of the request, with the reason on top and no decision buttons. */
async function refused(ctx: AssistantContext, record: RequestRecord, viewer: Caller, reason: string, t: Translator): Promise<Reply> {
  const view = await viewOf(ctx, record, viewer, t, { notice: reason });
  return card(await refreshing(ctx, requestCard({ ...view, canDecide: false }, t), record, viewer));
}

function summary(r: RequestRecord, t: Translator, viewer: Caller) {
  const change = (r.changes as unknown as RequestedPayload).changes[0];
  return {
    time: formatTime(r.createdAt, languageOf(t), readerTimeZone(viewer)),
    name: plainText((r.accountSnapshot as { displayName?: string } | null)?.displayName ?? r.targetUpn),
    property: propertyLabel(t, change.property as ChangeableProperty),
    value: change.value === null ? t('plan.empty') : plainText(String(change.value)),
  };
}

/**
 * A card answered to one viewer while the request is pending keeps refreshing for them (Teams replaces a clicked card
 * for the one who clicked; without `refresh` their copy would stop following the request).
 */
async function refreshing(ctx: AssistantContext, shown: AdaptiveCard, record: RequestRecord, viewer: Caller): Promise<AdaptiveCard> {
  if (record.state !== 'pending') return shown;
  const teamsId = await ctx.messenger.teamsUserId(viewer.id);
  return teamsId ? withRefresh(shown as ReturnType<typeof requestCard>, record.id, [teamsId]) : shown;
}

/** Universal Actions refresh: each listed user's Teams fetches their own view of the card when they see it. */
function withRefresh(card: ReturnType<typeof requestCard>, requestId: string, userIds: string[]): ReturnType<typeof requestCard> {
  return {
    ...card,
    refresh: { action: { type: 'Action.Execute', verb: 'request.view', data: { requestId } }, userIds: userIds.slice(0, MAX_REFRESH_USERS) },
  };
}

