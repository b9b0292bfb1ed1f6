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

/** What is already known when asking about many people or many requests: read once, not per question. */
export interface KnownPrivileges {
  person?: Privileges;
  target?: Privileges;
}

/**
 * Whether this person may oversee this request: they are one of the approvers, it is not about them, and their roles
 * allow every change on the target as the target is now (read fresh). Overseers see the request's details (as do its
 * requester and whoever decided it); while it is pending, those who did not submit it may decide it. A read that
 * fails means no.
 */
export async function mayOversee(ctx: AssistantContext, personId: string, record: RequestRecord, known: KnownPrivileges = {}): Promise<boolean> {
  if (record.targetId === personId) return false;
  try {
    const me = known.person ?? (await ctx.privileges.caller(personId));
    if (!mayApprove(ctx.policy, await ctx.approvers.get(), personId, me.activeRoleIds)) return false;
    const target = known.target ?? (await ctx.privileges.target(record.targetId));
    const rights = decisionInput(me, target, isProtected(ctx, { id: record.targetId, userPrincipalName: record.targetUpn }));
    const { changes } = record.changes as unknown as { changes: { property: ChangeableProperty }[] };
    return changes.every((c) => mayChange(rights, c.property) === true);
  } catch (e) {
    ctx.log.warn('request.rightsUnknown', { requestId: record.id, personId, error: (e as Error).name });
    return false;
  }
}

/** Whether this person may decide this request now: pending, not theirs, not about them, and they may oversee it. */
export async function mayDecide(ctx: AssistantContext, personId: string, record: RequestRecord, known: KnownPrivileges = {}): Promise<boolean> {
  if (record.state !== 'pending' || conflictOfInterest(record, personId)) return false;
  return mayOversee(ctx, personId, record, known);
}

/** The approvers who may decide this request, its target read once for all of them; [] when that read fails. */
export async function decidersOf(ctx: AssistantContext, record: RequestRecord): Promise<string[]> {
  let target: Privileges;
  try {
    target = await ctx.privileges.target(record.targetId);
  } catch (e) {
    ctx.log.warn('request.rightsUnknown', { requestId: record.id, error: (e as Error).name });
    return [];
  }
  const candidates = (await ctx.approvers.get()).filter((id) => !conflictOfInterest(record, id));
  const allowed = await Promise.all(candidates.map((id) => mayDecide(ctx, id, record, { target })));
  return candidates.filter((_, i) => allowed[i]);
}

/** Up to three people who may decide this request, by sign-in name; else a phrase naming who approves. */
export async function whoElseCanDecide(ctx: AssistantContext, record: RequestRecord, t: Translator): Promise<string> {
  // Protected accounts (break-glass accounts, say) decide nothing day to day: they are not named to anyone.
  const hidden = ctx.policy.protectedAccounts;
  const ids = (await decidersOf(ctx, record)).filter((id) => !hidden.has(id.toLowerCase())).slice(0, 4);
  const upns = (await Promise.all(ids.map((id) => ctx.privileges.userPrincipalName(id)))).filter((upn) => !hidden.has(upn.toLowerCase())).slice(0, 3);
  if (!upns.length) return t(ctx.policy.approvers.length ? 'request.approversNamedInPolicy' : 'request.approversByRole');
  return plainText(upns.join(', '));
}
