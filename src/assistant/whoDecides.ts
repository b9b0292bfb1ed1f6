import { plainText } from '../cards/plainText';
import type { Privileges } from '../directory/directory';
import type { Translator } from '../i18n/translate';
import type { ChangeableProperty } from '../language/request';
import { mayApprove } from '../policy/approvers';
import { decisionInput, mayChange } from '../policy/changePolicy';
import { conflictOfInterest } from '../requests/requestRules';
import type { RequestRecord } from '../store';
import type { AssistantContext } from './assistantContext';
import { isProtected } from './changeAccount';

/**
 * Whether this person may decide this request now: it is not theirs and not about them, they are one of the
 * approvers, and their roles allow every change on the target as the target is now (read fresh). A read that fails
 * means no: the card then offers no decision, and the list counts the request among those for others.
 */
export async function mayDecide(ctx: AssistantContext, personId: string, known: Privileges | null, record: RequestRecord): Promise<boolean> {
  if (record.state !== 'pending' || conflictOfInterest(record, personId)) return false;
  try {
    const me = known ?? (await ctx.privileges.caller(personId));
    if (!mayApprove(ctx.policy, await ctx.approvers.get(), personId, me.activeRoleIds)) return false;
    const target = await ctx.privileges.target(record.targetId);
    const rights = decisionInput(me, target, isProtected(ctx, { id: record.targetId, userPrincipalName: record.targetUpn }));
    const { changes } = record.changes as unknown as { changes: { property: ChangeableProperty }[] };
    return changes.every((c) => mayChange(rights, c.property) === true);
  } catch (e) {
    ctx.log.warn('request.mayDecideUnknown', { requestId: record.id, personId, error: (e as Error).name });
    return false;
  }
}

/** Up to three approvers free to decide this request, by sign-in name; else a phrase naming who approves. */
export async function whoElseCanDecide(ctx: AssistantContext, record: RequestRecord, t: Translator): Promise<string> {
  const ids = (await ctx.approvers.get()).filter((id) => !conflictOfInterest(record, id)).slice(0, 3);
  if (!ids.length) return t(ctx.policy.approvers.length ? 'request.approversNamedInPolicy' : 'request.approversByRole');
  return plainText((await Promise.all(ids.map((id) => ctx.privileges.userPrincipalName(id)))).join(', '));
}
