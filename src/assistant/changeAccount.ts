import { changePlanCard, type ItemOutcome } from '../cards/changePlanCard';
import { planChanges, type ChangePlan } from '../changes/planChanges';
import type { Account } from '../directory/account';
import { resolveAccount } from '../directory/accountResolver';
import { DirectoryError } from '../errors';
import type { Translator } from '../i18n/translate';
import type { RequestedChange } from '../language/request';
import { stableJson } from '../text/stableJson';
import { mayChangeProperty } from '../policy/changePolicy';
import { knownRoles } from '../policy/roles';
import type { AuditOperation } from '../store';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { card, text, type Reply } from './reply';

/** A confirmation card stays answerable this long. */
const PLAN_TTL_MS = 30 * 60_000;

interface ChangePayload {
  kind: 'change';
  changes: RequestedChange[];
  managerId: string | null;
  plan: ChangePlan;
}

/** Plan an admin's change and show it for confirmation; nothing is written to Graph here. */
export async function proposeChange(ctx: AssistantContext, caller: Caller, changes: RequestedChange[], account: Account, t: Translator): Promise<Reply[]> {
  const actorRoles = await ctx.roles.roles(caller.id);
  if (knownRoles(actorRoles.map((r) => r.roleTemplateId)).length === 0) return [text(t('error.POLICY_DENIED'))];

  let managerId: string | null = null;
  const managerChange = changes.find((c) => c.property === 'manager' && typeof c.value === 'string');
  if (managerChange) {
    const found = await resolveAccount(ctx.directory, String(managerChange.value), caller.id);
    if (found.kind !== 'one') return [text(t('plan.managerNotFound', { query: String(managerChange.value) }))];
    managerId = found.account.id;
  }
  const plan = await makePlan(ctx, caller, account, changes, managerId);
  const record = await ctx.plans.create({
    actorId: caller.id,
    targetId: account.id,
    conversationId: caller.conversation.id,
    payload: { kind: 'change', changes, managerId, plan } satisfies ChangePayload as never,
    expiresAt: new Date(ctx.clock.now().getTime() + PLAN_TTL_MS).toISOString(),
  });
  return [card(changePlanCard({ targetName: account.displayName ?? account.userPrincipalName, plan, planId: record.id }, t))];
}

/** Apply: re-read, re-plan, and only if nothing moved, claim the plan once and write the cloud part. */
export async function applyChange(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  const record = await ctx.plans.get(planId);
  const payload = record?.payload as ChangePayload | undefined;
  if (!record || payload?.kind !== 'change') return [text(t('error.INVALID_INPUT'))];
  if (record.actorId !== caller.id) return [text(t('plan.notYours'))];
  if (record.state !== 'open') return [text(t('plan.alreadyHandled'))];

  const account = await ctx.directory.getAccount(record.targetId);
  if (!account) return [text(t('error.GRAPH_NOT_FOUND'))];
  const fresh = await makePlan(ctx, caller, account, payload.changes, payload.managerId);
  const name = account.displayName ?? account.userPrincipalName;
  if (stableJson(fresh) !== stableJson(payload.plan)) {
    // The account (or the caller's rights) changed since the card: show the new plan and ask again.
    const updated = await ctx.plans.updatePayload(planId, { ...payload, plan: fresh } as never, record.version);
    if (!updated.ok) return [text(t('plan.alreadyHandled'))];
    return [card(changePlanCard({ targetName: name, plan: fresh, planId, notice: t('plan.changedMeanwhile') }, t))];
  }

  const claim = await ctx.plans.claim(planId, caller.id);
  if (claim === 'expired') return [text(t('plan.expired'))];
  if (claim !== 'claimed') return [text(t('plan.alreadyHandled'))];

  const actorUpn = await ctx.roles.userPrincipalName(caller.id);
  const outcomes = await writeCloudPart(ctx, account.id, fresh, payload.managerId);
  await audit(ctx, { caller, actorUpn, account, plan: fresh, outcomes, planId });
  const failed = outcomes.filter((o) => !o.ok).length;
  await ctx.plans.finish(planId, outcomes as never, failed === 0 ? 'applied' : failed === outcomes.length ? 'failed' : 'partial');
  const time = ctx.clock.now().toISOString().slice(0, 16).replace('T', ' ');
  return [card(changePlanCard({ targetName: name, plan: fresh, planId, outcomes, doneBy: { actor: actorUpn, time } }, t))];
}

export async function cancelChange(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  const result = await ctx.plans.cancel(planId, caller.id);
  if (result === 'cancelled') return [text(t('plan.cancelled'))];
  return [text(result === 'notOwner' ? t('plan.notYours') : t('plan.alreadyHandled'))];
}

async function makePlan(ctx: AssistantContext, caller: Caller, account: Account, changes: RequestedChange[], managerId: string | null): Promise<ChangePlan> {
  const [actorRoles, targetRoles] = await Promise.all([ctx.roles.roles(caller.id), ctx.roles.roles(account.id)]);
  const targetIds = targetRoles.map((r) => r.roleTemplateId);
  const decision = {
    actorRoleTemplateIds: actorRoles.map((r) => r.roleTemplateId),
    targetRoleTemplateIds: targetIds,
    targetHasOtherRole: knownRoles(targetIds).length < targetIds.length,
    protectedTarget: ctx.protectedAccounts.has(account.id) || ctx.protectedAccounts.has(account.userPrincipalName.toLowerCase()),
  };
  const wantsManager = changes.some((c) => c.property === 'manager');
  const [manager, current] = await Promise.all([
    managerId ? ctx.directory.getAccount(managerId) : null,
    wantsManager ? ctx.directory.getManager(account.id) : null,
  ]);
  return planChanges(account, changes, {
    allowed: (p) => mayChangeProperty(decision, p),
    manager,
    currentManagerName: current?.displayName ?? null,
  });
}

/** One PATCH for every cloud profile property; the manager through its own `$ref` call. */
async function writeCloudPart(ctx: AssistantContext, id: string, plan: ChangePlan, managerId: string | null): Promise<ItemOutcome[]> {
  const cloud = plan.items.filter((i) => i.kind === 'cloud');
  const profile = cloud.filter((i) => i.property !== 'manager');
  const outcomes: ItemOutcome[] = [];
  const run = async (properties: string[], write: () => Promise<{ requestId: string | null }>) => {
    try {
      const { requestId } = await write();
      properties.forEach((property) => outcomes.push({ property, ok: true, requestId }));
    } catch (e) {
      if (!(e instanceof DirectoryError)) throw e;
      ctx.log.warn('change.failed', { code: e.code, graphCode: e.graphCode, requestId: e.requestId, properties });
      properties.forEach((property) => outcomes.push({ property, ok: false, code: e.code }));
    }
  };
  if (profile.length) {
    const patch = Object.assign({}, ...profile.map((i) => (i.kind === 'cloud' ? i.patch : {})));
    await run(profile.map((i) => i.property), () => ctx.directory.updateAccount(id, patch));
  }
  if (cloud.some((i) => i.property === 'manager')) {
    await run(['manager'], () => ctx.directory.setManager(id, managerId));
  }
  return outcomes;
}

/** One append-only record per requested property: applied, failed, on-premises, refused or no-op. */
async function audit(
  ctx: AssistantContext,
  a: { caller: Caller; actorUpn: string; account: Account; plan: ChangePlan; outcomes: ItemOutcome[]; planId: string },
): Promise<void> {
  for (const item of a.plan.items) {
    const outcome = a.outcomes.find((o) => o.property === item.property);
    const operation: AuditOperation = item.property === 'manager' ? 'manager'
      : item.property === 'accountEnabled' && 'after' in item ? (item.after ? 'enable' : 'disable') : 'update';
    await ctx.audit.append({
      actorId: a.caller.id,
      actorUpn: a.actorUpn,
      targetId: a.account.id,
      targetUpn: a.account.userPrincipalName,
      operation,
      property: item.property,
      before: 'before' in item ? item.before : null,
      after: 'after' in item ? item.after : 'value' in item ? item.value : null,
      outcome: item.kind === 'cloud' ? (outcome?.ok ? 'applied' : 'failed') : item.kind === 'onPremises' ? 'onPremises' : item.kind === 'noop' ? 'noop' : 'refused',
      reason: item.kind === 'invalid' ? item.rule : item.kind === 'denied' ? item.reason : outcome && !outcome.ok ? outcome.code : null,
      graphRequestId: outcome?.ok ? outcome.requestId : null,
      planId: a.planId,
      conversationId: a.caller.conversation.id,
    });
  }
}

