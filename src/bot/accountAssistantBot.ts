import {
  CardFactory, TeamsActivityHandler, TurnContext,
  type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ConversationReference, type FileConsentCardResponse,
  type InvokeResponse, type SigninStateVerificationQuery, type TokenExchangeInvokeRequest,
  tokenExchangeOperationName, verifyStateOperationName,
} from 'botbuilder';
import type { Assistant } from '../assistant/assistant';
import type { ActionResult, Reply } from '../assistant/reply';
import type { Logger } from '../logger';
import { callerFromActivity, conversationKind } from './callerFromActivity';
import { toActivity } from './toActivity';
import type { TeamsSignIn } from './teamsSignIn';
import {
  DEFAULT_FILE_OPTIONS, consentOf, fileInfoAttachment, forConversation, receiveFile, uploadFile, uploadTarget, type FileOptions,
} from './teamsFiles';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

/** Teams glue only: a turn in, the assistant called, its replies sent. No decision is taken here. */
/** Teams gives an invoke about 10 s (../shared/reference/entra-sync.md §7): answer well before that. */
export const INVOKE_LIMIT_MS = 7_000;

export class AccountAssistantBot extends TeamsActivityHandler {
  constructor(
    private readonly assistant: Assistant,
    /** Continues a turn's conversation later, to replace a "working…" card once slow work is done. */
    private readonly later: (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>,
    private readonly log: Logger,
    private readonly invokeLimitMs = INVOKE_LIMIT_MS,
    /** Where files may be downloaded from and uploaded to, how big and how slow (FILE_DOWNLOAD_HOSTS). */
    private readonly files: FileOptions = DEFAULT_FILE_OPTIONS,
    /**
     * Delegated mode with Teams single sign-on (an OAuth connection): sign-in replies become sign-in cards, and the
     * `signin/tokenExchange` and `signin/verifyState` invokes are handled. Absent otherwise (sign-in replies are text).
     */
    private readonly signIn?: TeamsSignIn,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    // Teams announces an installation twice, as installationUpdate and as conversationUpdate adding the bot; either
    // may come alone (older clients, the playground), so both welcome and the assistant answers only the first.
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id)) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      if (context.activity.conversation?.id) await this.assistant.forgetWelcome(context.activity.conversation.id);
      await next();
    });
  }

  private async welcome(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (!activity.conversation?.id) return;
    const replies = await this.assistant.welcome({
      conversationId: activity.conversation.id,
      conversationType: conversationKind(activity),
      userId: activity.from?.aadObjectId ?? null,
    }, activity.locale ?? undefined);
    await this.send(context, replies);
  }

  /** Sends replies in the turn's conversation; a file only in the personal chat. */
  private async send(context: TurnContext, replies: Reply[]): Promise<void> {
    const sendable = forConversation(replies, conversationKind(context.activity), this.log);
    if (!sendable.length) return;
    const { signIn } = this;
    if (signIn && sendable.some((r) => r.type === 'signIn')) {
      await context.sendActivities(await Promise.all(sendable.map((r) => (r.type === 'signIn' ? signIn.card(context, r.text) : toActivity(r)))));
      return;
    }
    await context.sendActivities(sendable.map(toActivity));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const caller = callerFromActivity(context.activity);
    if (!caller) return;
    // A file (a CSV of changes) is the message: any text typed with it is not read.
    const file = await receiveFile(context.activity.attachments, caller.conversation.type, this.files, this.log, () => this.assistant.acceptsFiles(caller));
    if (file) {
      await this.send(context, await this.assistant.handleFile(caller, file));
      return;
    }
    const message = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    await this.send(context, await this.assistant.handleMessage(caller, message));
  }

  /**
   * Only Adaptive Card actions and answers to our file consent cards are ours (the manifest declares nothing else),
   * and, in delegated mode with Teams single sign-on, `signin/tokenExchange` and `signin/verifyState`.
   * Anything else, or an invoke without the shape botbuilder assumes (it reads `value.action.type` unchecked, and
   * throws on a consent action it does not know), or a consent for a file id we cannot have sent, is a 400 here
   * rather than botbuilder's 501 or a TypeError in the turn.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity;
    if (name === 'fileConsent/invoke') {
      if (consentOf(value)) return super.onInvokeActivity(context);
      this.log.warn('file.consentRefused', { activityId: context.activity.id });
      return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Unsupported invoke.' } } };
    }
    // Teams single sign-on (delegated mode): only when the bot has an OAuth connection to sign in with.
    if (this.signIn && name === tokenExchangeOperationName && isRecord(value) && typeof value.id === 'string') return super.onInvokeActivity(context);
    if (this.signIn && name === verifyStateOperationName && isRecord(value) && typeof value.state === 'string') return super.onInvokeActivity(context);
    const action = isRecord(value) && isRecord(value.action) ? value.action : null;
    if (name !== 'adaptiveCard/action' || !action || action.type !== 'Action.Execute' || typeof action.verb !== 'string') {
      this.log.info('invoke.unsupported', { name: String(name ?? '').slice(0, 64), activityId: context.activity.id });
      return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Unsupported invoke.' } } };
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const caller = callerFromActivity(context.activity);
    if (!caller) return { statusCode: 403, type: MESSAGE, value: {} as never };
    const work = this.assistant.handleAction(caller, value.action?.verb ?? '', value.action?.data);
    const late = Symbol('late');
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([work, new Promise<typeof late>((resolve) => (timer = setTimeout(() => resolve(late), this.invokeLimitMs)))]);
    clearTimeout(timer);
    if (first === late) {
      // Teams would give up on this invoke: show "working…" now and put the real answer in its place later.
      this.finishLater(context, work);
      return { statusCode: 200, type: CARD, value: (await this.assistant.workingCard(caller, value.action?.verb ?? '', value.action?.data)) as never };
    }
    const result = first;
    if (result.card) {
      await this.send(context, result.replies);
      return { statusCode: 200, type: CARD, value: result.card as never };
    }
    // No card to replace the clicked one: text answers travel in the invoke response, cards and files as new messages.
    await this.send(context, result.replies.filter((r) => r.type !== 'text'));
    const note = result.replies.map((r) => (r.type === 'text' ? r.text : '')).filter(Boolean).join('\n\n');
    return { statusCode: 200, type: MESSAGE, value: note as never };
  }

  private finishLater(context: TurnContext, work: Promise<ActionResult>): void {
    const reference = TurnContext.getConversationReference(context.activity);
    const cardActivityId = context.activity.replyToId;
    void work
      .then((result) => this.later(reference, async (later) => {
        if (result.card && cardActivityId) {
          await later.updateActivity({ id: cardActivityId, type: 'message', attachments: [CardFactory.adaptiveCard(result.card)] });
        }
        await this.send(later, result.replies);
      }))
      .catch((error: unknown) => this.log.error('invoke.lateFailed', { error }));
  }

  /**
   * The user accepted a file we offered: its content is read again (the assistant checks it is still there and the
   * caller's), put into the upload session Teams made in their OneDrive, and shown as a file card; the consent card
   * goes, so it cannot be accepted twice. The invoke is answered 200 whatever happens: failures are logged (never
   * with a URL), and the user can ask for the file again.
   */
  protected override async handleTeamsFileConsentAccept(context: TurnContext, _response: FileConsentCardResponse): Promise<void> {
    const consent = consentOf(context.activity.value);
    const caller = callerFromActivity(context.activity);
    if (!consent || consent.action !== 'accept' || !caller) return;
    const { fileId, upload } = consent;
    if (caller.conversation.type !== 'personal') {
      this.log.warn('file.uploadRefused', { fileId, reason: 'notPersonal' });
      return;
    }
    if (!upload) {
      this.log.warn('file.uploadRefused', { fileId, reason: 'noUploadInfo' });
      return;
    }
    // Before anything is read: the bytes go only to an allowed host (Teams' upload sessions are on *.sharepoint.com).
    if (!uploadTarget(upload.uploadUrl, this.files.allowedHosts)) {
      this.log.warn('file.uploadRefused', { fileId, reason: 'hostNotAllowed' });
      return;
    }
    const file = await this.assistant.fileContent(caller, fileId).catch((error: unknown) => {
      this.log.error('file.contentFailed', { fileId, error });
      return null;
    });
    if (!file) {
      this.log.warn('file.uploadRefused', { fileId, reason: 'noContent' });
      return;
    }
    const started = Date.now();
    const outcome = await uploadFile(upload.uploadUrl, file.content, this.files);
    if (!outcome.ok) {
      this.log.warn('file.uploadFailed', { fileId, reason: outcome.reason, status: outcome.status ?? null, ms: Date.now() - started });
      return;
    }
    this.log.info('file.uploaded', { fileId, bytes: Buffer.byteLength(file.content, 'utf8'), ms: Date.now() - started });
    await context.sendActivity({ type: 'message', attachments: [fileInfoAttachment(upload)] });
    const consentCard = context.activity.replyToId;
    if (consentCard) {
      await context.deleteActivity(consentCard).catch((error: unknown) => this.log.warn('file.consentCardNotDeleted', { fileId, error: error instanceof Error ? error.name : 'error' }));
    }
  }

  /**
   * `signin/tokenExchange` that TeamsSSOTokenExchangeMiddleware exchanged (a refused one was answered 412 there and
   * never gets here): the admin's Graph token is got now, and they are told to ask again. 200, or 412 when the
   * on-behalf-of exchange wants consent or sign-in after all (Teams then shows the sign-in card).
   */
  protected override async handleTeamsSigninTokenExchange(context: TurnContext, _query: SigninStateVerificationQuery): Promise<void> {
    const caller = callerFromActivity(context.activity);
    if (!this.signIn || !caller) return;
    const { id } = context.activity.value as TokenExchangeInvokeRequest;
    if (await this.signIn.tokenExchanged(context, caller.id, id)) await this.send(context, await this.assistant.signedIn(caller));
  }

  /** `signin/verifyState`: the magic code of a sign-in by the card's button (where SSO could not be used). */
  protected override async handleTeamsSigninVerifyState(context: TurnContext, query: SigninStateVerificationQuery): Promise<void> {
    const caller = callerFromActivity(context.activity);
    if (!this.signIn || !caller || typeof query?.state !== 'string') return;
    if (await this.signIn.verifyState(context, caller.id, query.state)) await this.send(context, await this.assistant.signedIn(caller));
  }

  /** The user declined a file we offered: nothing is uploaded; the card stays as Teams shows it. */
  protected override async handleTeamsFileConsentDecline(context: TurnContext, _response: FileConsentCardResponse): Promise<void> {
    const consent = consentOf(context.activity.value);
    this.log.info('file.declined', { fileId: consent?.fileId ?? null });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
