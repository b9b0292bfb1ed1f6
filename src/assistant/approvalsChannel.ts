import { plainText } from '../cards/plainText';
import type { Translator } from '../i18n/translate';
import { mayApprove } from '../policy/approvers';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { text, type Reply } from './reply';

/** The settings key of the approvals channel's conversation reference. */
export const APPROVALS_CHANNEL = 'approvals.channel';

/**
 * "use this channel for approvals", said in a team channel by someone who may approve (the policy's approvers, else
 * User and Global Administrators): everything managers ask for is posted there from then on. Audited, and every
 * approver is told in their own chat, so a channel cannot be switched quietly.
 */
export async function useChannelForApprovals(ctx: AssistantContext, caller: Caller, t: Translator): Promise<Reply[]> {
  const me = await ctx.privileges.caller(caller.id, { fresh: true });
  if (!mayApprove(ctx.policy, await ctx.approvers.get(), caller.id, me.activeRoleIds)) {
    ctx.log.warn('approvals.channelRefused', { by: caller.id, conversationId: caller.conversation.id });
    return [text(t('request.channelApproversOnly'))];
  }
  if (caller.conversation.type !== 'channel' || !caller.reference) return [text(t('request.channelOnlyInChannel'))];
  const previous = await ctx.settings.get(APPROVALS_CHANNEL) as { conversation?: { id?: string } } | null;
  await ctx.settings.set(APPROVALS_CHANNEL, caller.reference);
  const upn = await ctx.privileges.userPrincipalName(caller.id);
  const recorded = await ctx.auditQueue.record([{
    actorId: caller.id,
    actorUpn: upn,
    // Not a person: the setting is what changed.
    targetId: APPROVALS_CHANNEL,
    targetUpn: APPROVALS_CHANNEL,
    operation: 'approvalsChannel',
    property: APPROVALS_CHANNEL,
    before: previous?.conversation?.id ?? null,
    after: caller.conversation.id,
    outcome: 'applied',
    conversationId: caller.conversation.id,
  }]);
  ctx.log.info('approvals.channelSet', { by: caller.id, conversationId: caller.conversation.id });
  const others = (await ctx.approvers.get()).filter((id) => id !== caller.id);
  // The channel is set and audited: a notice that cannot be delivered is logged, not an error for the caller.
  const notices = await Promise.allSettled(others.map((id) => ctx.messenger.sendToUser(id, text(t('request.channelChanged', { by: plainText(upn) })))));
  const undelivered = notices.filter((n) => n.status === 'rejected' || !n.value).length;
  if (undelivered) ctx.log.warn('approvals.channelNoticeUndelivered', { count: undelivered });
  return [text([t('request.channelSet'), recorded ? null : t('audit.queued')].filter(Boolean).join('\n\n'))];
}
