import { changePlanCard } from '../cards/changePlanCard';
import type { AdaptiveCard } from '../cards/renderCard';
import { writeCloudPart } from './applyPlan';
import { writerFor } from './writerFor';
import { recordWrite, type WriteIntent, type WriteRecord } from './journalledWrite';
import type { ChangePlan } from '../changes/changePlan';
import { planRequest, type AccountOperation } from '../changes/planChanges';
import { licenceOperation } from './licenceOperation';
import { validateValue } from '../changes/validateValue';
import type { Account } from '../directory/account';
import { resolveAccount } from '../directory/accountResolver';
import type { Group } from '../directory/directory';
import { managerChain, managerOf } from '../directory/managerOf';
import type { MessageKey, Translator } from '../i18n/translate';
import type { Language, Request, RequestedChange } from '../language/request';
import type { PlanRecord } from '../store';
import { languageOf } from './conversationLanguage';
import { stableJson } from '../text/stableJson';
import { decisionInput, explainRefusal, mayChange } from '../policy/changePolicy';
import { isAdminRole } from '../policy/roles';
import type { AssistantContext } from './assistantContext';
import { readerTimeZone, type Caller } from './caller';
import { formatTime } from '../i18n/formatTime';
import { plainText } from '../cards/plainText';
import { card, text, type Reply } from './reply';
import { suggestGroups } from './suggestGroups';
import { watchSync } from './watchSync';
import { isProtected } from './protectedAccount';
import { offboardingPlan, type OffboardInputs } from './offboardingPlan';

export { isProtected } from './protectedAccount';
import { scheduledTime, whenOf, type ScheduledWhen } from './scheduleChange';
import { canUndo } from '../undo/inverseOf';
import { guardUndo, type UndoSpec } from '../undo/guardUndo';

/** A confirmation card stays answerable this long. */
const PLAN_TTL_MS = 30 * 60_000;

/** An operation by the ids it was resolved to: what a stored plan keeps, re-read at Apply. */
export type OperationRef =
  | { op: 'licence'; add: boolean; skuId: string }
  | { op: 'group'; add: boolean; groupId: string }
  | { op: 'revokeSessions' }
  | { op: 'resetPassword' };

export interface ChangePayload {
  kind: 'change';
  changes: RequestedChange[];
  operation: OperationRef | null;
  managerId: string | null;
  plan: ChangePlan;
  /** The conversation's language when the card was made: every answer to its buttons uses it. */
  language?: Language;
  /** The name the card showed, for the card that replaces it when it is cancelled or expires. */
  targetName?: string;
  /** The manager before a manager change (null: none), by id: what Undo sets back. */
  previousManagerId?: string | null;
  /** This plan undoes another: what it must find before it writes (see undo/guardUndo). */
  undo?: UndoSpec;
  /** A change for later ("… tomorrow at 9"): confirmed by scheduling it, applied by the scheduler (scheduleChange.ts). */
  when?: ScheduledWhen;
  /** More operations after `operation`, in order (an undo of an offboarding, the licences an offboarding kept). */
  operations?: OperationRef[];
  /** An offboarding: planned from the directory as it is at each plan (offboardingPlan.ts), not from listed changes. */
  offboard?: OffboardInputs;
}

/** What a plan is made of once its names are resolved: stored with it, and planned again from it at Apply. */
export type PlanInputs = Pick<ChangePayload, 'changes' | 'operation' | 'managerId' | 'undo' | 'when' | 'operations' | 'offboard'>;

/** What makePlan read on its way that the stored plan keeps (the manager before the change). */
interface Seen {
  managerId?: string | null;
}

/**
 * Plan an admin's change and show it for confirmation; nothing is written to Graph here. `chosen`: the group the
 * caller picked among suggestions (its id from the stored pick's candidates), used instead of the typed name.
 */
export async function proposeChange(
  ctx: AssistantContext, caller: Caller, request: Request, account: Account, t: Translator, chosen?: { groupId: string },
): Promise<Reply[]> {
  const actor = await ctx.privileges.caller(caller.id);
  if (!isAdminRole(actor.activeRoleIds)) return [text(t('request.adminOnlyAction'))];
  if (request.intent === 'resetPassword' && caller.conversation.type !== 'personal') return [text(t('password.personalOnly'))];
  const when = whenOf(ctx, caller, request, t);
  if (when && 'replies' in when) return when.replies;

  let manager: Account | undefined;
  const managerChange = request.changes.find((c) => c.property === 'manager' && typeof c.value === 'string');
  if (managerChange) {
    const found = await resolveAccount(ctx.directory, String(managerChange.value), caller.id);
    if (found.kind !== 'one') return [text(t('plan.managerNotFound', { query: plainText(String(managerChange.value)) }))];
    manager = found.account;
  }
  const managerId = manager?.id ?? null;
  const operation = await findOperation(ctx, caller, account, request, t, chosen);
  if ('replies' in operation) return operation.replies;

  // What was just found by name is not read again by id; at Apply everything is.
  const inputs: PlanInputs = { changes: request.changes, operation: operation.ref, managerId, ...(when ? { when } : {}) };
  const seen: Seen = {};
  const plan = await planFor(ctx, caller, account, inputs, t, { manager, group: operation.group, seen });
  if (!plan) return [text(t('error.GRAPH_NOT_FOUND'))];
  const planId = await storePlan(ctx, caller, account, inputs, plan, seen, t);
  const scheduled = when ? scheduledTime(when, caller, t) : {};
  // Only AD can make this change: the admin says when they have run the script ("I ran it in AD"), and from then the
  // sync that brings it is watched — not from a card they may have only looked at.
  const adOnly = !when && !plan.items.some((i) => i.kind === 'cloud') && plan.synced && !!plan.script;
  return [card(changePlanCard({ targetName: account.displayName ?? account.userPrincipalName, plan, planId, ...scheduled, offerWatch: adOnly }, t))];
}

/** Operations already resolved to ids (the licences an offboarding kept), planned and shown for confirmation. */
export async function proposeOperations(ctx: AssistantContext, caller: Caller, account: Account, refs: OperationRef[], t: Translator): Promise<Reply[]> {
  const inputs: PlanInputs = { changes: [], operation: null, operations: refs, managerId: null };
  const plan = await planFor(ctx, caller, account, inputs, t);
  if (!plan) return [text(t('error.GRAPH_NOT_FOUND'))];
  const planId = await storePlan(ctx, caller, account, inputs, plan, {}, t);
  return [card(changePlanCard({ targetName: account.displayName ?? account.userPrincipalName, plan, planId }, t))];
}

/** Keeps a plan for its confirmation card (which carries only the id); returns the id. */
export async function storePlan(
  ctx: AssistantContext, caller: Caller, account: Account, inputs: PlanInputs, plan: ChangePlan, seen: Seen, t: Translator,
): Promise<string> {
  const record = await ctx.plans.create({
    actorId: caller.id,
    targetId: account.id,
    conversationId: caller.conversation.id,
    payload: {
      kind: 'change', ...inputs, plan, language: languageOf(t), targetName: account.displayName ?? account.userPrincipalName,
      ...(seen.managerId !== undefined ? { previousManagerId: seen.managerId } : {}),
    } satisfies ChangePayload as never,
    expiresAt: new Date(ctx.clock.now().getTime() + PLAN_TTL_MS).toISOString(),
  });
  return record.id;
}

/** Apply: re-read, re-plan, and only if nothing moved, claim the plan once and write the cloud part. */
export async function applyChange(
  ctx: AssistantContext, caller: Caller, planId: string, t: Translator,
  /** The plan as this click already read it (its language came from it); read here when not given. */
  read?: PlanRecord | null,
): Promise<Reply[]> {
  const record = read === undefined ? await ctx.plans.get(planId) : read;
  const payload = record?.payload as ChangePayload | undefined;
  if (!record || payload?.kind !== 'change') return [text(t('error.INVALID_INPUT'))];
  if (record.actorId !== caller.id) return [text(t('plan.notYours'))];
  if (record.state !== 'open') return [closedPlan(record, t(closedReason(record.state)), t)];
  // A change for later is confirmed by scheduling it; only the scheduler applies it.
  if (payload.when) return [text(t('error.INVALID_INPUT'))];

  const account = await ctx.directory.getAccount(record.targetId);
  if (!account) return [text(t('error.GRAPH_NOT_FOUND'))];
  // Apply writes: the caller's roles and the target's are both read now.
  const seen: Seen = {};
  const fresh = await planFor(ctx, caller, account, { ...payload, operation: payload.operation ?? null }, t, { freshCaller: true, seen });
  if (!fresh) return [text(t('error.GRAPH_NOT_FOUND'))];
  const name = account.displayName ?? account.userPrincipalName;
  const managerMoved = seen.managerId !== undefined && payload.previousManagerId !== undefined && seen.managerId !== payload.previousManagerId;
  if (stableJson(fresh) !== stableJson(payload.plan) || managerMoved) {
    // The account (or the caller's rights, or the group or licence) changed since the card: show the new plan, ask again.
    const updated = await ctx.plans.updatePayload(planId, { ...payload, plan: fresh, ...(seen.managerId !== undefined ? { previousManagerId: seen.managerId } : {}) } as never, record.version);
    if (!updated.ok) return [closedPlan(record, t('plan.alreadyHandled'), t)];
    return [card(changePlanCard({ targetName: name, plan: fresh, planId, notice: t('plan.changedMeanwhile') }, t))];
  }
  return writePlan(ctx, caller, record, account, fresh, t);
}

/**
 * The write of a confirmed plan, the one path for Apply and for a scheduled change at its time: claim the plan once
 * (its intent in the journal), write the cloud part, record outcomes and audit, and make the outcome card. `extra`
 * goes on the outcome card (a scheduled change says so).
 */
export async function writePlan(
  ctx: AssistantContext, caller: Caller, record: PlanRecord, account: Account, fresh: ChangePlan, t: Translator, extra?: string,
  /** A run with nobody looking (a scheduled change): a lost claim says nothing, as the winner's card tells it all. */
  quietIfLost = false,
): Promise<Reply[]> {
  const planId = record.id;
  const payload = record.payload as unknown as ChangePayload;
  const name = account.displayName ?? account.userPrincipalName;
  // The claim and the intent in one transaction, before the first Graph write: a crash from here on is finished
  // by the recovery on any instance, which reads Graph to learn what landed.
  const actorUpn = await ctx.privileges.userPrincipalName(caller.id);
  // Before the claim: without the admin's own token (delegated mode) the plan stays open for after they sign in.
  const writer = await writerFor(ctx, caller.id);
  const intent: WriteIntent = {
    actor: { id: caller.id, upn: actorUpn }, approver: null, target: { id: account.id, upn: account.userPrincipalName, name },
    plan: fresh, planId, requestId: null, conversationId: caller.conversation.id,
    card: caller.reference && caller.cardActivityId ? { conversation: caller.reference, activityId: caller.cardActivityId } : null,
    language: languageOf(t),
    undoOf: payload.undo?.of ?? null,
  };
  const { claim, entry } = await ctx.journal.beginPlan(planId, caller.id, intent as never, ctx.writeLeaseMs);
  if (quietIfLost && (claim !== 'claimed' || !entry)) return [];
  if (claim === 'expired') return [closedPlan(record, t('plan.expired'), t)];
  if (claim !== 'claimed' || !entry) {
    const now = (await ctx.plans.get(planId)) ?? record;
    return [closedPlan(now, t(closedReason(now.state)), t)];
  }

  const { outcomes, password } = await writeCloudPart(ctx, account.id, fresh, writer);
  const recorded = await recordWrite(ctx, entry, intent, outcomes);
  const time = formatTime(ctx.clock.now().toISOString(), languageOf(t), readerTimeZone(caller));
  // The plan denies a password reset outside a one-to-one chat, so a password only ever reaches one.
  const shown = password && caller.conversation.type === 'personal' ? password : undefined;
  const notice = [extra, recordNotice(recorded, t)].filter(Boolean).join('\n\n') || undefined;
  const view = { targetName: name, plan: fresh, planId, outcomes, doneBy: { actor: actorUpn, time }, notice, showUndo: canUndo(fresh, outcomes) && !payload.undo };
  // The AD part is handed over with this card: the sync that brings it updates the card and tells the admin.
  await watchSync(ctx, {
    plan: fresh, managerId: payload.managerId, adminId: caller.id, language: languageOf(t), timeZone: caller.timeZone ?? null,
    card: intent.card, view: { targetName: name, plan: fresh, planId, outcomes, doneBy: view.doneBy, showUndo: view.showUndo },
  });
  if (shown) await removePasswordLater(ctx, caller, shown, changePlanCard({ ...view, notice: [notice, t('plan.temporaryPasswordRemoved')].filter(Boolean).join('\n\n') }, t));
  return [card(changePlanCard({ ...view, temporaryPassword: shown }, t))];
}

/**
 * A temporary password must not stay in the chat's history: after a while the card that shows it is replaced
 * by the same card without it (see CardReplacements: stored first, so a restart in between still does it).
 */
async function removePasswordLater(ctx: AssistantContext, caller: Caller, password: string, withoutPassword: AdaptiveCard): Promise<void> {
  if (!caller.reference || !caller.cardActivityId) {
    ctx.log.warn('password.cardNotReplaceable', { callerId: caller.id });
    return;
  }
  // The replacement is stored: a card that still showed the password must not be (a broken template).
  if (JSON.stringify(withoutPassword).includes(password)) {
    ctx.log.error('password.replacementShowsPassword', { callerId: caller.id });
    return;
  }
  await ctx.cardReplacements.schedule({ conversation: caller.reference, activityId: caller.cardActivityId }, withoutPassword, ctx.passwordVisibleMs);
}

/**
 * "I ran it in AD": the admin has run the script of a plan only AD can make; the sync that brings it is watched from
 * now, and the card says so (and is updated when the sync lands). Once per plan: the plan is closed as it is marked.
 */
export async function watchHandedOver(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  const record = await ctx.plans.get(planId);
  const payload = record?.payload as ChangePayload | undefined;
  if (!record || payload?.kind !== 'change' || payload.plan.items.some((i) => i.kind === 'cloud')) return [text(t('error.INVALID_INPUT'))];
  if (record.actorId !== caller.id) return [text(t('plan.notYours'))];
  if (record.state !== 'open') return [closedPlan(record, t('plan.watching'), t)];
  // Closing the plan is the once-only mark: a double click, or a second instance, watches once.
  if ((await ctx.plans.cancel(planId, caller.id)) !== 'cancelled') return [closedPlan(record, t('plan.watching'), t)];
  const view = { targetName: payload.targetName ?? record.targetId, plan: payload.plan, planId };
  await watchSync(ctx, {
    plan: payload.plan, managerId: payload.managerId, adminId: caller.id, language: languageOf(t), timeZone: caller.timeZone ?? null,
    card: caller.reference && caller.cardActivityId ? { conversation: caller.reference, activityId: caller.cardActivityId } : null, view,
  });
  return [card(changePlanCard({ ...view, notice: t('plan.watching'), closed: true }, t))];
}

/** Cancel replaces the card with the plan as it stood, marked cancelled and without buttons. */
export async function cancelChange(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  const result = await ctx.plans.cancel(planId, caller.id);
  if (result === 'notOwner') return [text(t('plan.notYoursCancel'))];
  const record = await ctx.plans.get(planId);
  if (!record || (record.payload as ChangePayload | null)?.kind !== 'change') return [text(t(result === 'cancelled' ? 'plan.cancelled' : 'plan.alreadyHandled'))];
  return [closedPlan(record, t(result === 'cancelled' ? 'plan.cancelled' : closedReason(record.state)), t)];
}

const FINISHED: ReadonlySet<PlanRecord['state']> = new Set(['applied', 'failed', 'partial']);

/** Why a plan's buttons can do nothing more, by its state. */
function closedReason(state: PlanRecord['state'] | undefined): MessageKey {
  if (state === 'claimed') return 'plan.inProgress';
  if (state === 'cancelled') return 'plan.cancelled';
  return 'plan.alreadyHandled';
}

/**
 * The card that replaces a plan's card once its buttons can do nothing more (cancelled, expired, handled, being
 * applied): the plan as it stood, the reason on top, no buttons — a live-looking card that only answers "no" misleads.
 */
function closedPlan(record: PlanRecord, notice: string, t: Translator): Reply {
  // A finished plan's card shows its outcome (perhaps on another device's copy): that is not to be replaced by the plan.
  if (FINISHED.has(record.state)) return text(notice);
  const payload = record.payload as unknown as ChangePayload;
  return card(changePlanCard({ targetName: payload.targetName ?? payload.plan.targetId, plan: payload.plan, planId: record.id, notice, closed: true }, t));
}

/** The licence or group a request names, found by name (or the group picked); or the replies that say why not. */
async function findOperation(
  ctx: AssistantContext, caller: Caller, account: Account, request: Request, t: Translator, chosen?: { groupId: string },
): Promise<{ ref: OperationRef | null; group?: Group } | { replies: Reply[] }> {
  const query = (request.object ?? '').trim();
  switch (request.intent) {
    case 'assignLicense':
    case 'removeLicense':
      return licenceOperation(ctx, request, t);
    case 'addToGroup':
    case 'removeFromGroup': {
      if (chosen) {
        const group = await ctx.directory.getGroup(chosen.groupId);
        if (!group) return { replies: [text(t('error.GRAPH_NOT_FOUND'))] };
        return { ref: { op: 'group', add: request.intent === 'addToGroup', groupId: group.id }, group };
      }
      const groups = query ? await ctx.directory.findGroups(query, 6) : [];
      // No group by that name: the nearest names, as buttons that run this request with the one chosen.
      if (!groups.length && query) return { replies: await suggestGroups(ctx, caller, account, request, query, t) };
      if (groups.length === 1) return { ref: { op: 'group', add: request.intent === 'addToGroup', groupId: groups[0].id }, group: groups[0] };
      // Anyone may create a group: its name is shown as text, never as a link or formatting.
      const names = groups.slice(0, 5).map((g) => plainText(g.displayName)).join(', ');
      return { replies: [text(t(groups.length ? 'group.ambiguous' : 'group.notFound', { query: plainText(query), names }))] };
    }
    case 'revokeSessions':
      return { ref: { op: 'revokeSessions' } };
    case 'resetPassword':
      return { ref: { op: 'resetPassword' } };
    default:
      return { ref: null };
  }
}

/**
 * The plan of `inputs` as makePlan makes it; an undo's plan then keeps every value changed since the original as it
 * is (and says who changed it, when our audit knows), and adds the original's AD part reversed.
 */
export async function planFor(
  ctx: AssistantContext, caller: Caller, account: Account, inputs: PlanInputs, t: Translator, known: Known = {},
): Promise<ChangePlan | null> {
  const refs = [...(inputs.operation ? [inputs.operation] : []), ...(inputs.operations ?? [])];
  const plan = inputs.offboard
    ? await offboardingPlan(ctx, caller, account, inputs.offboard, !!known.freshCaller)
    : await makePlan(ctx, caller, account, inputs.changes, refs, inputs.managerId, known);
  if (!plan || !inputs.undo) return plan;
  const history = await ctx.audit.listForTarget(account.id, 100);
  const zone = readerTimeZone(caller);
  return guardUndo(plan, inputs.undo, history, { value: (v) => shownValue(v, t), time: (iso) => formatTime(iso, languageOf(t), zone) });
}

function shownValue(v: string | boolean | null, t: Translator): string {
  if (v === null || v === '') return t('plan.empty');
  if (typeof v === 'boolean') return t(v ? 'plan.enabled' : 'plan.blocked');
  return plainText(v);
}

interface Known {
  manager?: Account;
  group?: Group;
  freshCaller?: boolean;
  /** Filled with what the plan read that the stored plan keeps. */
  seen?: Seen;
}

/**
 * Everything the planner needs, read fresh unless `known` was read in this same turn; null when the licence or
 * group no longer exists.
 */
async function makePlan(
  ctx: AssistantContext, caller: Caller, account: Account, changes: RequestedChange[], refs: OperationRef[], managerId: string | null,
  known: Known = {},
): Promise<ChangePlan | null> {
  const wantsManager = changes.some((c) => c.property === 'manager');
  const [actor, target, manager, current, operations] = await Promise.all([
    ctx.privileges.caller(caller.id, { fresh: known.freshCaller }),
    // Never cached: a role given to the target a minute ago protects them now.
    ctx.privileges.target(account.id),
    managerId ? known.manager ?? ctx.directory.getAccount(managerId) : null,
    wantsManager ? managerOf(ctx.directory, account) : null,
    Promise.all(refs.map((ref) => resolveOperation(ctx, account, ref, known.group))),
  ]);
  if (known.seen && wantsManager) known.seen.managerId = current?.id ?? null;
  const chain = manager && manager.id !== account.id ? await managerChain(ctx.directory, manager) : [];
  if (operations.some((o) => !o)) return null;
  const operation = operations as AccountOperation[];
  const decision = decisionInput(actor, target, isProtected(ctx, account));
  const needsLocation = operation.some((o) => o.op === 'licence' && o.add) && !account.usageLocation;
  const enables = account.onPremisesSyncEnabled === true && account.accountEnabled === false && changes.some((c) => c.property === 'accountEnabled' && c.value === true);
  return planRequest(account, changes, operation, {
    allowed: (subject, about) => mayChange(decision, subject, about),
    explain: (subject, about) => explainRefusal(decision, subject, about),
    manager,
    currentManagerName: current?.displayName ?? null,
    managerChain: chain,
    passwordWriteback: ctx.passwordWriteback,
    personalChat: caller.conversation.type === 'personal',
    usageLocationOffer: needsLocation ? await usageLocationOffer(ctx, account) : null,
    ownCloudBlock: enables && (await blockedByTheBot(ctx, account)),
    actorId: caller.id,
  });
}

/**
 * Whether a synced account's cloud block is the bot's own emergency block that no sync has seen since: a sync after it
 * would have undone it, had AD kept the account enabled. A failed read is "not ours" (the AD-only plan: fail closed).
 */
async function blockedByTheBot(ctx: AssistantContext, account: Account): Promise<boolean> {
  const records = await ctx.audit.listForTarget(account.id, 50).catch(() => null);
  const block = records?.find((r) => r.property === 'accountEnabled' && r.outcome === 'applied');
  if (!block || block.after !== false) return false;
  return !account.onPremisesLastSyncDateTime || Date.parse(block.time) > Date.parse(account.onPremisesLastSyncDateTime);
}

async function resolveOperation(ctx: AssistantContext, account: Account, ref: OperationRef, knownGroup?: Group): Promise<AccountOperation | null> {
  switch (ref.op) {
    case 'licence': {
      const sku = (await ctx.skus.get()).find((s) => s.skuId === ref.skuId);
      return sku ? { op: 'licence', add: ref.add, sku } : null;
    }
    case 'group': {
      const known = knownGroup?.id === ref.groupId ? knownGroup : undefined;
      const [group, memberOf] = await Promise.all([known ?? ctx.directory.getGroup(ref.groupId), ctx.directory.getDirectGroupIds(account.id)]);
      return group ? { op: 'group', add: ref.add, group, isMember: memberOf.includes(group.id) } : null;
    }
    default:
      return ref;
  }
}

/** The account's own country when it names one, else the organization's. */
async function usageLocationOffer(ctx: AssistantContext, account: Account): Promise<string | null> {
  if (account.country) {
    const own = validateValue('usageLocation', account.country, {});
    if (own.ok && typeof own.change.value === 'string') return own.change.value;
  }
  return (await ctx.organization.get()).countryLetterCode;
}

/** What the card says about the record of a write that was not simply recorded. */
export function recordNotice(recorded: WriteRecord, t: Translator): string | undefined {
  switch (recorded) {
    case 'spooled':
      return t('journal.spooled');
    case 'checking':
      return t('journal.checking');
    case 'unrecorded':
      return t('journal.unrecorded');
    default:
      return undefined;
  }
}
