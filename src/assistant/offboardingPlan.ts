import type { ChangePlan } from '../changes/changePlan';
import { planOffboarding } from '../changes/planOffboarding';
import type { Account } from '../directory/account';
import { decisionInput, explainRefusal, mayChange } from '../policy/changePolicy';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { isProtected } from './protectedAccount';

/** What an offboarding plan is made from, stored with it: the rest (groups, licences, mailbox) is read at each plan. */
export interface OffboardInputs {
  /** Where the mail goes from now on, when asked: the person's id, their address read at each plan. */
  forwardToId: string | null;
}

/**
 * The offboarding plan of `account` as the directory is now: their groups, licences and mailbox read fresh, the caller's
 * and the target's roles as for any change (`freshCaller` at Apply). Null when the forwarding address is gone.
 */
export async function offboardingPlan(
  ctx: AssistantContext, caller: Caller, account: Account, inputs: OffboardInputs, freshCaller: boolean,
): Promise<ChangePlan | null> {
  const [actor, target, groups, skus, mailbox, forward] = await Promise.all([
    ctx.privileges.caller(caller.id, { fresh: freshCaller }),
    ctx.privileges.target(account.id),
    ctx.directory.getDirectGroups(account.id),
    ctx.skus.get(),
    ctx.directory.getMailbox(account.id),
    inputs.forwardToId ? ctx.directory.getAccount(inputs.forwardToId) : null,
  ]);
  if (inputs.forwardToId && !forward?.mail) return null;
  const decision = decisionInput(actor, target, isProtected(ctx, account));
  return planOffboarding(account, { groups, skus, mailbox, forwardTo: forward?.mail ?? null }, {
    allowed: (subject, about) => mayChange(decision, subject, about),
    explain: (subject, about) => explainRefusal(decision, subject, about),
    passwordWriteback: ctx.passwordWriteback,
    personalChat: caller.conversation.type === 'personal',
    actorId: caller.id,
  });
}

