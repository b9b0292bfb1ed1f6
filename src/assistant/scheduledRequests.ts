import { SignInRequired } from '../directory/delegatedTokens';
import type { MessageKey } from '../i18n/translate';
import { translator } from '../i18n/translate';
import type { JobResult } from '../jobs/jobRunner';
import { managerOf } from '../directory/managerOf';
import { mayApprove } from '../policy/approvers';
import { decisionInput, explainRefusal, mayChange } from '../policy/changePolicy';
import { scheduleOf, type ScheduledRequestJob } from '../schedules/scheduledRequestKind';
import type { JobRecord, RequestRecord } from '../store';
import type { AssistantContext } from './assistantContext';
import { isProtected } from './changeAccount';
import { announceOutcome, planFor, requestCardFor, writeApproved, type RequestedPayload } from './managerRequests';
import { card } from './reply';

type Outcome = 'applied' | 'alreadyHandled' | 'notAllowed' | 'noLongerReport' | 'nothingToDo' | 'targetGone' | 'signInRequired';

/**
 * A manager's request approved before its effective date, on that day: planned again against the account as it is
 * and the approver's rights now (read fresh), the report checked to still report to the requester, and written
 * through the same journalled write as an approval applied at once. Not applicable any more: the request ends failed
 * with the reason, and the requester and the approver are told. Exactly once: the job's lease keeps other instances
 * off it, and the journal claims the request once, so a run after a crash between the write and the job's finish
 * writes nothing (the journal's recovery finishes that write).
 */
export async function runScheduledRequest(ctx: AssistantContext, job: JobRecord): Promise<JobResult> {
  const data = job.payload as unknown as ScheduledRequestJob;
  const done = (outcome: Outcome): JobResult => {
    ctx.log.info('request.scheduleRan', { jobId: job.id, requestId: data.requestId, outcome });
    return { state: 'done', outcome: { outcome } };
  };
  const record = await ctx.requests.get(data.requestId);
  // Cancelled, claimed by an earlier run, or the job of a decision that lost its race: not this job's to write.
  if (!record || !job.ownerId || scheduleOf(record)?.jobId !== job.id) return done('alreadyHandled');
  const approverId = job.ownerId;
  const tellApprover = async (shown: RequestRecord, notice?: MessageKey) => {
    if (!(await ctx.messenger.sendToUser(approverId, card(await requestCardFor(ctx, shown, approverId, notice))))) {
      ctx.log.warn('request.approverUnreachable', { requestId: record.id, approverId });
    }
  };
  const fail = async (reason: Exclude<Outcome, 'applied' | 'alreadyHandled'>) => {
    // Unless the requester cancelled it a moment ago (or a write claimed it): then that stands.
    const closed = await ctx.journal.closeScheduled(record.id, 'failed', { outcome: { reason } });
    if (!closed.ok) return done('alreadyHandled');
    // The requester hears it (their card says why); the approver's card says so in their chat.
    const final = await announceOutcome(ctx, closed.request);
    await tellApprover(final);
    return done(reason);
  };

  const account = await ctx.directory.getAccount(record.targetId);
  if (!account) return fail('targetGone');
  // The write is the approver's: their roles now, not when they approved.
  const approver = await ctx.privileges.caller(approverId, { fresh: true });
  if (!mayApprove(ctx.policy, await ctx.approvers.get(), approverId, approver.activeRoleIds)) return fail('notAllowed');
  const rights = decisionInput(approver, await ctx.privileges.target(account.id), isProtected(ctx, account));
  const payload = record.changes as unknown as RequestedPayload;
  const fresh = await planFor(ctx, account, payload, (subject) => mayChange(rights, subject), (subject) => explainRefusal(rights, subject));
  if (fresh.items.some((i) => i.kind === 'denied')) return fail('notAllowed');
  if ((await managerOf(ctx.directory, account))?.id !== record.requesterId) return fail('noLongerReport');
  // Only on-premises now (a synced account): the AD part is handed over, as an approval at once would.
  if (!fresh.items.some((i) => i.kind === 'cloud' || i.kind === 'onPremises')) return fail('nothingToDo');

  // Delegated mode: the approver's own token, from the token service on the day; without one, said, not retried.
  if (ctx.delegated && !(await ctx.delegated.tokenFor(approverId).then(() => true, (e: unknown) => {
    if (e instanceof SignInRequired) return false;
    throw e;
  }))) return fail('signInRequired');
  const prefs = await ctx.preferences.get(approverId);
  const t = translator(prefs?.language ?? 'en');
  const upn = record.decidedByUpn ?? (await ctx.privileges.userPrincipalName(approverId));
  const by = { id: approverId, upn, timeZone: prefs?.timeZone ?? null, conversationId: data.conversationId };
  const written = await writeApproved(ctx, record, account, fresh, by, t, async (intent) => ({
    entry: await ctx.journal.beginScheduled(record.id, intent as never, ctx.writeLeaseMs), current: null,
  }));
  if (!written.entry) return done('alreadyHandled');
  await tellApprover(written.final, 'request.scheduledRan');
  return done('applied');
}
