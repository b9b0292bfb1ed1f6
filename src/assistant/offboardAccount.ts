import { changePlanCard } from '../cards/changePlanCard';
import { plainText } from '../cards/plainText';
import type { ChangePlan, PlanItem } from '../changes/changePlan';
import type { Account } from '../directory/account';
import { resolveAccount } from '../directory/accountResolver';
import type { Translator } from '../i18n/translate';
import type { Request } from '../language/request';
import { isAdminRole } from '../policy/roles';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { planFor, proposeOperations, storePlan } from './changeAccount';
import { card, text, type Reply } from './reply';
import { scheduledTime, whenOf } from './scheduleChange';

/**
 * "offboard Noah [on Friday]", "Noah leaves on Friday", "uitdiensttreding van Noah per 1 maart": one plan for all of it,
 * shown for confirmation (or for scheduling) like any change, and applied by the same Apply.
 */
export async function proposeOffboarding(ctx: AssistantContext, caller: Caller, request: Request, account: Account, t: Translator): Promise<Reply[]> {
  const actor = await ctx.privileges.caller(caller.id);
  if (!isAdminRole(actor.activeRoleIds)) return [text(t('request.adminOnlyAction'))];
  const when = whenOf(ctx, caller, request, t);
  if (when && 'replies' in when) return when.replies;

  let forwardToId: string | null = null;
  if (request.forwardTo) {
    const found = await resolveAccount(ctx.directory, request.forwardTo, caller.id);
    if (found.kind !== 'one') return [text(t('offboard.forwardNotFound', { query: plainText(request.forwardTo) }))];
    if (!found.account.mail) return [text(t('offboard.forwardNoMail', { name: plainText(found.account.displayName ?? found.account.userPrincipalName) }))];
    forwardToId = found.account.id;
  }
  const inputs = { changes: [], operation: null, managerId: null, offboard: { forwardToId }, ...(when ? { when } : {}) };
  const plan = await planFor(ctx, caller, account, inputs, t);
  if (!plan) return [text(t('error.GRAPH_NOT_FOUND'))];
  const planId = await storePlan(ctx, caller, account, inputs, plan, {}, t);
  const scheduled = when ? scheduledTime(when, caller, t) : {};
  return [card(changePlanCard({ targetName: account.displayName ?? account.userPrincipalName, plan, planId, ...scheduled }, t))];
}

/**
 * "The mailbox is shared: remove the licences" on an applied offboarding's card: only once Exchange reports the mailbox
 * as shared, and only the kept licences the person still holds, proposed as an ordinary change (confirm, then Apply).
 */
export async function releaseHeldLicences(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  const actor = await ctx.privileges.caller(caller.id);
  if (!isAdminRole(actor.activeRoleIds)) return [text(t('request.adminOnlyAction'))];
  const record = await ctx.plans.get(planId);
  const plan = (record?.payload as { kind?: string; plan?: ChangePlan } | null)?.plan;
  if (!record || plan?.purpose !== 'offboarding') return [text(t('error.INVALID_INPUT'))];
  if (record.state !== 'applied' && record.state !== 'partial') return [text(t('offboard.notApplied'))];
  const account = await ctx.directory.getAccount(record.targetId);
  if (!account) return [text(t('error.GRAPH_NOT_FOUND'))];
  const name = plainText(account.displayName ?? account.userPrincipalName);
  const mailbox = await ctx.directory.getMailbox(account.id);
  if (mailbox && mailbox.purpose !== 'shared') return [text(t('offboard.mailboxNotShared', { name }))];
  const held = plan.items.filter((i): i is Extract<PlanItem, { kind: 'held' }> => i.kind === 'held').map((i) => i.skuId.toLowerCase());
  const still = account.assignedLicenses.filter((l) => held.includes(l.skuId.toLowerCase()));
  if (!still.length) return [text(t('offboard.noLicencesLeft', { name }))];
  return proposeOperations(ctx, caller, account, still.map((l) => ({ op: 'licence' as const, add: false, skuId: l.skuId })), t);
}
