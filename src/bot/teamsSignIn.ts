import {
  ActivityTypes, CardFactory, MemoryStorage, MessageFactory, StatusCodes, TeamsSSOTokenExchangeMiddleware,
  type Activity, type Storage, type TurnContext,
} from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import type { Logger } from '../logger';
import { replyLanguage, translator } from '../i18n/translate';
import type { TeamsSsoTokens } from './ssoTokens';

/**
 * Teams single sign-on in the bot's turns (delegated mode with an OAuth connection): the `signin/tokenExchange`
 * middleware, the sign-in card, and what a successful exchange or magic code does (the admin's Graph token is got at
 * once). The Graph token itself lives in TeamsSsoTokens; nothing here logs or keeps a token.
 */
export class TeamsSignIn {
  constructor(
    private readonly tokens: TeamsSsoTokens,
    private readonly log: Logger,
    /**
     * Where `signin/tokenExchange` invokes are deduplicated (a user signed in on several Teams clients sends one per
     * client, all with the same id). MemoryStorage suffices for one instance; several instances need a shared
     * Storage (e.g. botbuilder-azure's Cosmos DB storage), or each would exchange the same request once.
     */
    private readonly storage: Storage = new MemoryStorage(),
  ) {}

  get connectionName(): string {
    return this.tokens.connectionName;
  }

  /**
   * botbuilder's TeamsSSOTokenExchangeMiddleware: exchanges the token of a `signin/tokenExchange` at the token service
   * through the turn's UserTokenClient, answers 412 itself when that is refused (Teams then shows the sign-in card for
   * consent), and lets only the first of identical invokes through to the bot. Register it after the inbound guard.
   */
  middleware(): TeamsSSOTokenExchangeMiddleware {
    return new TeamsSSOTokenExchangeMiddleware(this.storage, this.connectionName);
  }

  /**
   * The sign-in card for a SignInReply: an OAuthCard for the connection, whose token exchange resource lets Teams sign
   * the user in silently, and whose button signs in by the link otherwise. Text only when the token service cannot be
   * asked for the link.
   */
  async card(context: TurnContext, text: string): Promise<Partial<Activity>> {
    try {
      const client = userTokenClientOf(context);
      if (!client) throw new Error('no UserTokenClient in this turn');
      const resource = await client.getSignInResource(this.connectionName, context.activity as Activity, undefined as unknown as string);
      const t = translator(replyLanguage(context.activity.locale ?? undefined, undefined));
      const card = CardFactory.oauthCard(this.connectionName, t('signIn.button'), text, resource.signInLink, resource.tokenExchangeResource, resource.tokenPostResource);
      return MessageFactory.attachment(card);
    } catch (error) {
      this.log.warn('signIn.cardFailed', { error: error instanceof Error ? error.name : 'error' });
      return MessageFactory.text(text);
    }
  }

  /**
   * After the middleware exchanged the token: the admin's Graph token is got on-behalf-of them now. False when that
   * fails for want of consent or sign-in (the invoke is then answered 412, as a refused exchange is).
   */
  async tokenExchanged(context: TurnContext, userId: string, exchangeId: string | undefined): Promise<boolean> {
    if (await this.tokens.signedIn(userId, context.activity.from.id)) return true;
    await invokeResponse(context, StatusCodes.PRECONDITION_FAILED, {
      id: exchangeId, connectionName: this.connectionName, failureDetail: 'The bot is unable to exchange token. Proceed with regular login.',
    });
    return false;
  }

  /** `signin/verifyState`: the magic code of a sign-in by the card's button. False (answered 404) when it gives no token. */
  async verifyState(context: TurnContext, userId: string, magicCode: string): Promise<boolean> {
    if (await this.tokens.signedIn(userId, context.activity.from.id, magicCode)) return true;
    this.log.warn('signIn.verifyStateRefused', { userId });
    await invokeResponse(context, StatusCodes.NOT_FOUND, null);
    return false;
  }
}

function userTokenClientOf(context: TurnContext): UserTokenClient | undefined {
  const adapter = context.adapter as unknown as { UserTokenClientKey?: symbol };
  return adapter.UserTokenClientKey ? context.turnState.get<UserTokenClient>(adapter.UserTokenClientKey) : undefined;
}

/** Answers the invoke now (as botbuilder's middleware does): the handler's own 200 is then not sent. */
async function invokeResponse(context: TurnContext, status: number, body: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}
