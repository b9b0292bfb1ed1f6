import { SignInRequired } from '../directory/delegatedTokens';
import { offboardForm, offboardRequestOf, proposeOffboarding, releaseHeldLicences, type OffboardFormData } from './offboardAccount';
import { helpCard } from '../cards/helpCard';
import type { Account } from '../directory/account';
import { DirectoryError } from '../errors';
import { replyLanguage, translator, type Translator } from '../i18n/translate';
import { parse } from '../language/parse';
import type { Request } from '../language/request';
import { ACTION_SCHEMAS, isActionVerb } from './actionData';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { findTarget } from './findTarget';
import { card, signIn, text, type ActionResult, type Reply } from './reply';
import type { UploadedFile } from './uploadedFile';
import { cancelBulk, fileContent, handleUploadedFile, proposeBulkFromChat } from './bulkChange';
import { applyBulk, bulkRunKind } from './bulkRun';
import { viewAccount } from './viewAccount';
import { showHistory } from './showHistory';
import { applyChange, cancelChange, proposeChange, watchHandedOver } from './changeAccount';
import { undoFromCard, undoLatest, undoLatestFor } from './undoChange';
import {
  cancelRequest, decideRequest, expireRequests, listMyRequests, listPendingApprovals, requestFromMessage, showRequestForm,
  submitRequest, viewRequest, type SubmittedRequest,
} from './managerRequests';
import { useChannelForApprovals } from './approvalsChannel';
import { isAdminRole, roleDisplayNames } from '../policy/roles';
import { abilitiesOf } from '../policy/changePolicy';
import { mayApprove } from '../policy/approvers';
import { workingCard } from '../cards/workingCard';
import { noticeCard } from '../cards/noticeCard';
import { replaySpool } from './journalledWrite';
import { clickLanguage, readClick } from './clickLanguage';
import { languageForUser } from './conversationLanguage';
import { recoverInterruptedWrites } from './recoverWrites';
import { forgetWelcome, welcome, type Installation } from './welcome';
import type { PendingPick } from './pendingPicks';
import type { AdaptiveCard } from '../cards/renderCard';
import type { JobKind } from '../jobs/jobRunner';
import { SCHEDULED_CHANGE } from '../schedules/scheduledChangeKind';
import { oneByOne } from '../jobs/oneByOne';
import { cancelScheduledChange, listScheduledChanges, runScheduledChange, scheduleChange } from './scheduleChange';
import { syncWatchJobKind } from '../syncWatch/syncWatchJob';
import { SCHEDULED_REQUEST } from '../schedules/scheduledRequestKind';
import { runScheduledRequest } from './scheduledRequests';

/**
 * The conversation use cases, free of Teams: a message or a card action in, replies out.
 * parse → resolve → authorize → (plan → confirm → apply → audit) → reply.
 */
export class Assistant {
  constructor(private readonly ctx: AssistantContext) {}

  async handleMessage(who: Caller, message: string): Promise<Reply[]> {
    // A message whose words name no language ("Fatima Hassan", "ok") keeps the conversation's language.
    const remembered = await this.ctx.preferences.get(who.id);
    const caller = withKnownZone(who, remembered?.timeZone);
    const request = parse(message, remembered?.language ?? caller.locale);
    const language = replyLanguage(caller.locale, request.language);
    await this.ctx.preferences.remember(caller.id, { language, timeZone: who.timeZone ?? null });
    const t = translator(language);
    return this.guard(t, async () => {
      switch (request.intent) {
        case 'help':
          return [await this.help(caller, t)];
        case 'unknown':
          return [text(t('unknown.reply'))];
        case 'smallTalk': // "thanks", "hoi": a short answer, not the whole help card
          return [text(t(`smallTalk.${request.smallTalk ?? 'greeting'}`))];
        case 'unsupported': // "delete Noah", "make Noah a Global Administrator": where it is done instead
          return [text(t(request.unsupported === 'assignRole' ? 'unsupported.assignRole' : 'unsupported.deleteAccount'))];
        case 'requestChange':
          return showRequestForm(this.ctx, caller, t);
        case 'myRequests':
          return listMyRequests(this.ctx, caller, t);
        case 'scheduledChanges':
          return listScheduledChanges(this.ctx, caller, t);
        case 'pendingApprovals':
          return listPendingApprovals(this.ctx, caller, t);
        case 'useChannelForApprovals':
          return useChannelForApprovals(this.ctx, caller, t);
        case 'signIn': // delegated mode: the sign-in card now, or "you are signed in"
          if (!this.ctx.delegated) return [text(t('signIn.notDelegated'))];
          await this.ctx.delegated.tokenFor(caller.id);
          return [text(t('signIn.already'))];
        case 'signOut': // delegated mode: the caller's own token goes (their sessions elsewhere stay)
          if (!this.ctx.delegated) return [text(t('signOut.notDelegated'))];
          await this.ctx.delegated.forget(caller.id);
          return [text(t('signOut.done'))];
        case 'offboard': // "offboard" alone: the form asks who, from when, and where the mail goes
          if (!request.target && !request.targets?.length) return offboardForm(this.ctx, caller, t);
          return request.targets?.length ? proposeBulkFromChat(this.ctx, caller, request, t) : this.aboutTarget(caller, request, t);
        case 'undo': // "undo", "maak ongedaan": the caller's latest change; with a name, that person's latest
          if (!request.target || request.target === 'me') return undoLatest(this.ctx, caller, t);
          return this.aboutTarget(caller, request, t);
        default:
          // Several people named ("A, B and C", a pasted list): one preview for all of them.
          if (request.targets?.length) return proposeBulkFromChat(this.ctx, caller, request, t);
          return this.aboutTarget(caller, request, t);
      }
    });
  }

  /** A request about a person: found by the name given (or chosen on a card), then handled. */
  private async aboutTarget(caller: Caller, request: Request, t: Translator): Promise<Reply[]> {
    const target = await findTarget(this.ctx, caller, request, t);
    if ('replies' in target) return target.replies;
    return this.withTarget(caller, request, target.account, t);
  }

  async handleAction(who: Caller, verb: string, data: unknown): Promise<ActionResult> {
    // Teams does not send every invoke a time zone: the one the person's client last sent stands in.
    const caller = who.timeZone ? who : withKnownZone(who, (await this.ctx.preferences.get(who.id))?.timeZone);
    const invalid = async () => ({ replies: [text(translator(await languageForUser(this.ctx, caller.id, caller.locale))('error.INVALID_INPUT'))] });
    if (!isActionVerb(verb)) return invalid();
    const parsed = ACTION_SCHEMAS[verb].safeParse(stripTeamsFields(data));
    if (!parsed.success) {
      this.ctx.log.warn('card.rejected', { verb, callerId: caller.id, issues: parsed.error.issues.length });
      return invalid();
    }
    // A click is answered in the language its card was made in, not the clicking client's locale.
    // The record the language is read from is the one Apply reads: read once per click.
    const click = await readClick(this.ctx, caller, parsed.data);
    const t = translator(click.language);
    const replies = await this.guard(t, async () => {
      switch (verb) {
        case 'account.syncStatus': {
          const { accountId } = parsed.data as { accountId: string };
          const account = await this.ctx.directory.getAccount(accountId);
          if (!account) return [text(t('error.GRAPH_NOT_FOUND'))];
          return [await viewAccount(this.ctx, caller, account, 'syncStatus', t)];
        }
        case 'resolve.pick':
          return this.pick(caller, parsed.data as { pendingId: string; accountId: string }, t);
        case 'resolve.pickGroup':
          return this.pickGroup(caller, parsed.data as { pendingId: string; groupId: string }, t);
        case 'change.apply':
          return applyChange(this.ctx, caller, (parsed.data as { planId: string }).planId, t, click.plan);
        case 'change.cancel':
          return cancelChange(this.ctx, caller, (parsed.data as { planId: string }).planId, t);
        case 'change.schedule':
          return scheduleChange(this.ctx, caller, (parsed.data as { planId: string }).planId, t);
        case 'schedule.cancel':
          return cancelScheduledChange(this.ctx, caller, parsed.data as { jobId: string; planId: string }, t);
        case 'change.watch':
          return watchHandedOver(this.ctx, caller, (parsed.data as { planId: string }).planId, t);
        case 'change.undo':
          return undoFromCard(this.ctx, caller, (parsed.data as { planId: string }).planId, t);
        case 'bulk.apply':
          return applyBulk(this.ctx, caller, (parsed.data as { planId: string }).planId, t);
        case 'bulk.cancel':
          return cancelBulk(this.ctx, caller, (parsed.data as { planId: string }).planId, t);
        case 'offboard.form':
          return this.offboardSubmitted(caller, parsed.data as OffboardFormData, t);
        case 'offboard.licences':
          return releaseHeldLicences(this.ctx, caller, (parsed.data as { planId: string }).planId, t);
        case 'request.submit':
          return submitRequest(this.ctx, caller, parsed.data as SubmittedRequest, t);
        case 'request.view':
          return viewRequest(this.ctx, caller, (parsed.data as { requestId: string }).requestId, t);
        case 'request.approve':
        case 'request.reject':
          return decideRequest(this.ctx, caller, parsed.data as { requestId: string; comment?: string }, verb === 'request.approve', t);
        case 'request.cancel':
          return cancelRequest(this.ctx, caller, (parsed.data as { requestId: string }).requestId, t);
      }
    });
    // The clicked card is replaced by the first card of the answer; the rest are posted as messages.
    const first = replies[0];
    return first?.type === 'card' ? { card: first.card, replies: replies.slice(1) } : { replies };
  }

  private async pick(caller: Caller, data: { pendingId: string; accountId: string }, t: Translator): Promise<Reply[]> {
    const pending = await this.openPick(caller, data.pendingId, data.accountId, 'person');
    if (pending === 'expired') return [card(noticeCard(t('plan.expired')))];
    if (!pending) return [text(t('error.INVALID_INPUT'))];
    const account = await this.ctx.directory.getAccount(data.accountId);
    if (!account) return [text(t('error.GRAPH_NOT_FOUND'))];
    return this.withTarget(caller, pending.request, account, t);
  }

  /** A suggested group chosen: the same change for the same account, with that group (not searched by name again). */
  private async pickGroup(caller: Caller, data: { pendingId: string; groupId: string }, t: Translator): Promise<Reply[]> {
    const pending = await this.openPick(caller, data.pendingId, data.groupId, 'group');
    if (pending === 'expired') return [card(noticeCard(t('plan.expired')))];
    if (!pending?.accountId) return [text(t('error.INVALID_INPUT'))];
    const account = await this.ctx.directory.getAccount(pending.accountId);
    if (!account) return [text(t('error.GRAPH_NOT_FOUND'))];
    return proposeChange(this.ctx, caller, pending.request, account, t, { groupId: data.groupId });
  }

  /**
   * The caller's own, unexpired pick of this kind, and the id clicked one of those it offered; else null. Their own
   * pick, expired, is 'expired': its card is then closed rather than left to answer "not valid" forever.
   */
  private async openPick(caller: Caller, pendingId: string, chosenId: string, kind: 'person' | 'group'): Promise<PendingPick | 'expired' | null> {
    const pending = await this.ctx.picks.get(pendingId);
    const genuine = pending && pending.callerId === caller.id && (kind === 'group') === !!pending.accountId && pending.candidateIds.includes(chosenId);
    if (genuine && pending.expiresAt <= this.ctx.clock.now().getTime()) return 'expired';
    if (genuine) return pending;
    this.ctx.log.warn('card.pick.rejected', { callerId: caller.id, pendingId });
    return null;
  }

  private async withTarget(caller: Caller, request: Request, account: Account, t: Translator): Promise<Reply[]> {
    switch (request.intent) {
      case 'show':
        return [await viewAccount(this.ctx, caller, account, 'profile', t)];
      case 'syncStatus':
        return [await viewAccount(this.ctx, caller, account, 'syncStatus', t)];
      case 'history':
        return [await showHistory(this.ctx, caller, account, t)];
      case 'change':
        if (!request.changes.length) return [text(t('unknown.reply'))];
        // Someone without an admin role asking to change a person: a manager's request, to be approved.
        if (!(await this.isAdmin(caller))) return requestFromMessage(this.ctx, caller, account, request.changes, t);
        return proposeChange(this.ctx, caller, request, account, t);
      case 'assignLicense':
      case 'removeLicense':
      case 'addToGroup':
      case 'removeFromGroup':
      case 'revokeSessions':
      case 'resetPassword':
        return proposeChange(this.ctx, caller, request, account, t);
      case 'undo':
        return undoLatestFor(this.ctx, caller, account, t);
      case 'offboard':
        return proposeOffboarding(this.ctx, caller, request, account, t);
      default:
        return [text(t('notAvailable.change'))];
    }
  }

  /** The offboarding form sent: the same request as "offboard <person> on <date> and forward mail to <x>". */
  private async offboardSubmitted(caller: Caller, data: OffboardFormData, t: Translator): Promise<Reply[]> {
    const read = offboardRequestOf(data, t);
    return 'request' in read ? this.aboutTarget(caller, read.request, t) : offboardForm(this.ctx, caller, t, data, read.error);
  }

  private async isAdmin(caller: Caller): Promise<boolean> {
    return isAdminRole((await this.ctx.privileges.caller(caller.id)).activeRoleIds);
  }

  /** Finishes writes whose writer is gone, from what Graph holds (safe with several instances). */
  recoverWrites(): Promise<number> {
    return recoverInterruptedWrites(this.ctx);
  }

  /** Writes the records that waited on the disk while the database was unreachable. */
  replaySpool(): Promise<number> {
    return replaySpool(this.ctx);
  }

  /**
   * The job kinds of every room that has work outliving a turn, for the app's {@link JobRunner} to run. Each room
   * exports its kind (handler, batch, lease); the runner knows nothing of what they do.
   */
  jobKinds(): JobKind[] {
    return [
      syncWatchJobKind(this.ctx),
      bulkRunKind(this.ctx),
      oneByOne(SCHEDULED_CHANGE, (job) => runScheduledChange(this.ctx, job), (job, error) => this.ctx.log.error('schedule.runFailed', { jobId: job.id, error })),
      oneByOne(SCHEDULED_REQUEST, (job) => runScheduledRequest(this.ctx, job), (job, error) => this.ctx.log.error('request.scheduleFailed', { jobId: job.id, error })),
    ];
  }

  /** The sweep of overdue requests, run periodically by the app (safe with several instances). */
  async expireRequests(): Promise<number> {
    return expireRequests(this.ctx);
  }

  /** The welcome when the app is installed: a card in a personal chat, a short intro in a team; once per install. */
  async welcome(where: Installation, locale: string | undefined): Promise<Reply[]> {
    const t = translator(replyLanguage(locale, undefined));
    return this.guard(t, () => welcome(this.ctx, where, t));
  }

  /** The app was removed from a conversation: installing it again is welcomed again. */
  forgetWelcome(conversationId: string): Promise<void> {
    return forgetWelcome(this.ctx, conversationId);
  }

  /** The card shown while a slow action finishes after Teams' invoke limit. */
  async workingCard(caller: Caller, verb: string, data: unknown): Promise<AdaptiveCard> {
    // In the clicked card's language, as its answer will be; only a card whose data is valid is looked up.
    const parsed = isActionVerb(verb) ? ACTION_SCHEMAS[verb].safeParse(stripTeamsFields(data)) : null;
    const language = parsed?.success ? await clickLanguage(this.ctx, caller, parsed.data) : await languageForUser(this.ctx, caller.id, caller.locale);
    return workingCard(translator(language));
  }

  private async help(caller: Caller, t: Translator): Promise<Reply> {
    const [me, reports, approvers] = await Promise.all([
      this.ctx.privileges.caller(caller.id), this.ctx.directory.getDirectReports(caller.id), this.ctx.approvers.get(),
    ]);
    return card(helpCard({
      roleNames: roleDisplayNames(me.activeRoleIds), isManager: reports.length > 0,
      can: abilitiesOf(me.activeRoleIds), decides: mayApprove(this.ctx.policy, approvers, caller.id, me.activeRoleIds),
    }, t));
  }

  /** Graph's refusals become a sentence in the caller's language; anything else goes up to the last-resort handler. */
  private async guard(t: Translator, work: () => Promise<Reply[]>): Promise<Reply[]> {
    try {
      return await work();
    } catch (e) {
      // Delegated mode, no token of the acting admin: nothing was claimed or written; they sign in and ask again.
      if (e instanceof SignInRequired) return [signIn(t('error.SIGN_IN_REQUIRED'))];
      if (!(e instanceof DirectoryError)) throw e;
      this.ctx.log.warn('graph.failed', { code: e.code, status: e.status, graphCode: e.graphCode, requestId: e.requestId });
      return [text(t(`error.${e.code}`, { query: '' }))];
    }
  }

  /** Whether this caller may send a CSV of changes (an admin): the bot asks before it downloads one. */
  async acceptsFiles(who: Caller): Promise<boolean> {
    return this.isAdmin(who).catch(() => false);
  }

  /** A file the user sent (a CSV of changes), downloaded by the bot, or why it could not be. */
  async handleFile(who: Caller, file: UploadedFile): Promise<Reply[]> {
    const t = translator(await languageForUser(this.ctx, who.id, who.locale));
    return this.guard(t, () => handleUploadedFile(this.ctx, who, file, t));
  }

  /** The content of a file offered earlier (`fileId` from the consent card), when it is still there and the caller's. */
  async fileContent(who: Caller, fileId: string): Promise<{ name: string; content: string } | null> {
    return fileContent(this.ctx, who, fileId);
  }

  /** Delegated mode: the caller just signed in (Teams SSO or the sign-in card); what they asked can be asked again. */
  async signedIn(who: Caller): Promise<Reply[]> {
    const t = translator(await languageForUser(this.ctx, who.id, who.locale));
    return [text(t('signIn.done'))];
  }
}

function withKnownZone(caller: Caller, remembered: string | null | undefined): Caller {
  return caller.timeZone || !remembered ? caller : { ...caller, timeZone: remembered };
}

/** Teams adds its own fields to Action.Execute data; they are not ours to trust or to refuse. */
function stripTeamsFields(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const { msteams: _msteams, ...rest } = data as Record<string, unknown>;
  return rest;
}
