import { changePlanCard, refusalText, type ItemOutcome } from '../cards/changePlanCard';
import { plainText } from '../cards/plainText';
import { propertyLabel } from '../cards/propertyLabel';
import type { ChangePlan, PlanItem } from '../changes/changePlan';
import type { Account } from '../directory/account';
import { formatTime } from '../i18n/formatTime';
import { languageOf, type Translator } from '../i18n/translate';
import { isAdminRole } from '../policy/roles';
import type { PlanRecord } from '../store';
import { adIdentity } from '../sync/powerShell';
import type { UndoSpec } from '../undo/guardUndo';
import { inverseOf, type Irreversible } from '../undo/inverseOf';
import type { AssistantContext } from './assistantContext';
import { readerTimeZone, type Caller } from './caller';
import { planFor, storePlan, type ChangePayload, type PlanInputs } from './changeAccount';
import type { WriteIntent } from './journalledWrite';
import { card, text, type Reply } from './reply';

const UNDOABLE_STATES: ReadonlySet<PlanRecord['state']> = new Set(['applied', 'partial']);

/**
 * "undo", "undo my last change": the caller's latest applied change that is not itself an undo and not undone yet, so
 * that saying it again right after an undo does not make the change again.
 */
export async function undoLatest(ctx: AssistantContext, caller: Caller, t: Translator): Promise<Reply[]> {
  if (!(await isAdmin(ctx, caller))) return [text(t('request.adminOnlyAction'))];
  const latest = await ctx.audit.latestAppliedPlan({ actorId: caller.id, undoable: true });
  if (!latest?.planId) return [text(t('undo.nothing'))];
  return undoPlan(ctx, caller, latest.planId, t);
}

/** "undo the change to Noah": the latest applied change to that account, by whoever made it. */
export async function undoLatestFor(ctx: AssistantContext, caller: Caller, account: Account, t: Translator): Promise<Reply[]> {
  // Whether, when and by whom someone was changed is the history's to tell, and only admins see it.
  if (!(await isAdmin(ctx, caller))) return [text(t('request.adminOnlyAction'))];
  const latest = await ctx.audit.latestAppliedPlan({ targetId: account.id });
  if (!latest?.planId) return [text(t('undo.nothingFor', { name: plainText(account.displayName ?? account.userPrincipalName) }))];
  return undoPlan(ctx, caller, latest.planId, t);
}

/** The outcome card's Undo: the undo plan is posted as a new card, and the outcome card stays as it is. */
export async function undoFromCard(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  const replies = await undoPlan(ctx, caller, planId, t);
  return replies.some((r) => r.type === 'card') ? [text(t('undo.proposed')), ...replies] : replies;
}

/**
 * Undo as a new plan: the inverse of what the original applied, planned by the normal planner with the caller's
 * current rights, shown on a confirmation card and applied by Apply like any plan. Refused past UNDO_HOURS, once undone,
 * for an undo itself, and for someone who may not make the reverse change.
 */
export async function undoPlan(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  // Before anything about the change is read or said: people without an admin role learn nothing of it.
  if (!(await isAdmin(ctx, caller))) return [text(t('request.adminOnlyAction'))];
  const record = await ctx.plans.get(planId);
  const payload = record?.payload as ChangePayload | undefined;
  const entry = await ctx.journal.get(planId);
  const intent = entry?.intent as WriteIntent | undefined;
  // An undo is not undone: that would make the original change again under the name of an undo, without it being asked for.
  if (payload?.kind === 'change' && payload.undo) return [text(t('undo.ofUndo'))];
  // A change to many people is not undone in one go: its results file lists what each person had before.
  if ((payload as { kind?: string } | undefined)?.kind === 'bulk') return [text(t('undo.bulk'))];
  if (!record || payload?.kind !== 'change' || !UNDOABLE_STATES.has(record.state) || !intent?.plan) return [text(t('undo.notApplied'))];

  const zone = readerTimeZone(caller);
  const when = (iso: string) => formatTime(iso, languageOf(t), zone);
  const appliedAt = record.finishedAt ?? entry!.finishedAt ?? record.createdAt;
  const deadline = new Date(Date.parse(appliedAt) + ctx.undoMs);
  if (ctx.clock.now() > deadline) return [text(t('undo.tooLate', { hours: Math.round(ctx.undoMs / 3_600_000), time: when(deadline.toISOString()) }))];

  const own = record.actorId === caller.id;
  const history = await ctx.audit.listForTarget(record.targetId, 100);
  const undone = history.find((r) => r.correlationId === planId && r.outcome === 'applied');
  if (undone) return [text(t('undo.alreadyUndone', { actor: plainText(undone.actorUpn), time: when(undone.time) }))];

  const account = await ctx.directory.getAccount(record.targetId);
  if (!account) return [text(t('error.GRAPH_NOT_FOUND'))];
  const inverse = inverseOf(
    { plan: intent.plan, outcomes: (record.outcome as unknown as ItemOutcome[] | null) ?? [], previousManagerId: payload.previousManagerId },
    await adNames(ctx, account, intent.plan, payload),
  );
  const nothing = !inverse.changes.length && !inverse.operations.length && !inverse.onPremises.length;
  if (nothing) return [text(t('undo.cannotUndo', { what: irreversibleList(inverse.irreversible, t) }))];

  const spec: UndoSpec = {
    of: planId, actorUpn: intent.actor.upn, appliedAt, expect: inverse.expect, onPremises: inverse.onPremises, commands: inverse.commands,
    irreversible: inverse.irreversible, missingIdentity: inverse.missingIdentity,
  };
  const [first, ...more] = inverse.operations;
  const inputs: PlanInputs = { changes: inverse.changes, operation: first ?? null, ...(more.length ? { operations: more } : {}), managerId: inverse.managerId, undo: spec };
  const seen = {};
  const plan = await planFor(ctx, caller, account, inputs, t, { seen });
  if (!plan) return [text(t('error.GRAPH_NOT_FOUND'))];
  const refused = refusal(plan, own, intent.actor.upn, t);
  if (refused) return [refused];
  const id = await storePlan(ctx, caller, account, inputs, plan, seen, t);
  const notice = t('undo.notice', { actor: plainText(intent.actor.upn), time: when(appliedAt) });
  return [card(changePlanCard({ targetName: account.displayName ?? account.userPrincipalName, plan, planId: id, notice }, t))];
}

/** The AD names the reversed on-premises commands address: the old manager's and the synced group's. */
async function adNames(ctx: AssistantContext, account: Account, plan: ChangePlan, payload: ChangePayload) {
  const onPremises = (property: PlanItem['property']) => plan.items.some((i) => i.kind === 'onPremises' && i.property === property);
  const [manager, group] = await Promise.all([
    onPremises('manager') && payload.previousManagerId ? ctx.directory.getAccount(payload.previousManagerId) : null,
    onPremises('group') && payload.operation?.op === 'group' ? ctx.directory.getGroup(payload.operation.groupId) : null,
  ]);
  return {
    identity: adIdentity(account),
    previousManagerIdentity: manager ? adIdentity(manager) : null,
    groupIdentity: group ? group.onPremisesSamAccountName ?? group.displayName : null,
  };
}

/**
 * Someone else's change that the caller's roles do not let them reverse: a refusal that says whose it is and why,
 * rather than a card with nothing to apply.
 */
function refusal(plan: ChangePlan, own: boolean, actorUpn: string, t: Translator): Reply | null {
  const denied = plan.items.filter((i): i is Extract<PlanItem, { kind: 'denied' }> => i.kind === 'denied');
  if (own || !denied.length || plan.items.some((i) => i.kind === 'cloud' || i.kind === 'onPremises')) return null;
  const reasons = denied.map((i) => `- ${propertyLabel(t, i.property)}: ${refusalText(i, t)}`).join('\n');
  return text(t('undo.notAllowedWhy', { actor: plainText(actorUpn), reasons }));
}

function irreversibleList(what: Irreversible[], t: Translator): string {
  return new Intl.ListFormat(t('language.code'), { type: 'conjunction' }).format([...new Set(what)].map((w) => t(`undo.irreversible.${w}`)));
}

async function isAdmin(ctx: AssistantContext, caller: Caller): Promise<boolean> {
  return isAdminRole((await ctx.privileges.caller(caller.id)).activeRoleIds);
}
