import {
  CardFactory, TeamsActivityHandler, TurnContext,
  type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ConversationReference, type InvokeResponse,
} from 'botbuilder';
import type { Assistant } from '../assistant/assistant';
import type { ActionResult } from '../assistant/reply';
import type { Logger } from '../logger';
import { callerFromActivity, conversationKind } from './callerFromActivity';
import { toActivity } from './toActivity';

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
    if (replies.length) await context.sendActivities(replies.map(toActivity));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const caller = callerFromActivity(context.activity);
    if (!caller) return;
    const message = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const replies = await this.assistant.handleMessage(caller, message);
    if (replies.length) await context.sendActivities(replies.map(toActivity));
  }

  /**
   * Only Adaptive Card actions are ours (the manifest declares nothing else). Anything else, or an action
   * without the shape botbuilder assumes (it reads `value.action.type` unchecked), is a 400 here rather than
   * botbuilder's 501 or a TypeError in the turn.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity;
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
      if (result.replies.length) await context.sendActivities(result.replies.map(toActivity));
      return { statusCode: 200, type: CARD, value: result.card as never };
    }
    // No card to replace the clicked one: text answers travel in the invoke response, cards as new messages.
    const cards = result.replies.filter((r) => r.type === 'card');
    if (cards.length) await context.sendActivities(cards.map(toActivity));
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
        if (result.replies.length) await later.sendActivities(result.replies.map(toActivity));
      }))
      .catch((error: unknown) => this.log.error('invoke.lateFailed', { error }));
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
