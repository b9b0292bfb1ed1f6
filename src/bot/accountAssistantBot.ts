import {
  TeamsActivityHandler, TurnContext,
  type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Assistant } from '../assistant/assistant';
import { callerFromActivity } from './callerFromActivity';
import { toActivity } from './toActivity';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

/** Teams glue only: a turn in, the assistant called, its replies sent. No decision is taken here. */
export class AccountAssistantBot extends TeamsActivityHandler {
  constructor(private readonly assistant: Assistant) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const caller = callerFromActivity(context.activity);
    if (!caller) return;
    const message = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const replies = await this.assistant.handleMessage(caller, message);
    if (replies.length) await context.sendActivities(replies.map(toActivity));
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const caller = callerFromActivity(context.activity);
    if (!caller) return { statusCode: 403, type: MESSAGE, value: {} as never };
    const result = await this.assistant.handleAction(caller, value.action?.verb ?? '', value.action?.data);
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
}
