import { changePlanCard } from '../cards/changePlanCard';
import { offboardFormCard } from '../cards/offboardFormCard';
import { plainText } from '../cards/plainText';
import type { ChangePlan, PlanItem } from '../changes/changePlan';
import type { Account } from '../directory/account';
import { resolveAccount } from '../directory/accountResolver';
import { languageOf, type Translator } from '../i18n/translate';
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
  // A new card: the offboarding's own card keeps its Exchange commands and its Undo.
  const proposal = await proposeOperations(ctx, caller, account, still.map((l) => ({ op: 'licence' as const, add: false, skuId: l.skuId })), t);
  return proposal.some((r) => r.type === 'card') ? [text(t('offboard.licencesProposed')), ...proposal] : proposal;
}

/** What the offboarding form sends: who, from when (YYYY-MM-DD or empty for now), forward mail to (optional). */
export interface OffboardFormData {
  person: string;
  date: string;
  forwardTo: string;
}

/** "offboard" without a name: the form, for admins; it comes back with `error` and the values when they cannot be used. */
export async function offboardForm(ctx: AssistantContext, caller: Caller, t: Translator, values?: OffboardFormData, error?: string): Promise<Reply[]> {
  if (!isAdminRole((await ctx.privileges.caller(caller.id)).activeRoleIds)) return [text(t('request.adminOnlyAction'))];
  const today = ctx.clock.now().toISOString().slice(0, 10);
  return [card(offboardFormCard({ today, values, error }, t))];
}

/** The form's inputs as the request the sentence would make, or what is wrong with them. */
export function offboardRequestOf(data: OffboardFormData, t: Translator): { request: Request } | { error: string } {
  const person = data.person.trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(data.date.trim());
  if (!person) return { error: t('offboard.formPersonRequired') };
  if (data.date.trim() && !date) return { error: t('offboard.formBadDate') };
  return {
    request: {
      intent: 'offboard', target: person, changes: [], object: null, language: languageOf(t),
      ...(date ? { when: { kind: 'at' as const, day: { kind: 'date' as const, day: Number(date[3]), month: Number(date[2]), year: Number(date[1]) }, time: null } } : {}),
      ...(data.forwardTo.trim() ? { forwardTo: data.forwardTo.trim() } : {}),
    },
  };
}
