import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../logger';
import { ClientReusingAuthentication } from './clientReusingAuthentication';

/** What jsonwebtoken throws for a token that is not valid: a bad signature, a malformed token, a wrong date. */
const INVALID_TOKEN = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * The Bot Framework's authentication as this bot uses it: failures answered as they should be, and the clients
 * it hands out reused across turns (see ConnectorClients).
 *
 * botbuilder lets jsonwebtoken's own errors through: a token signed with someone else's key gets a 500 whose
 * body is the library's message. Here every invalid token is a 401, and a failure to check one at all (the
 * signing keys cannot be fetched) is a 500 with no internal detail; both are logged, never the token.
 */
export class StrictBotFrameworkAuthentication extends ClientReusingAuthentication {
  constructor(settings: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0], private readonly log: Logger) {
    super(settings);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      const e = error as Error & { statusCode?: number };
      if (e instanceof AuthenticationError && e.statusCode === 401) {
        this.log.warn('auth.refused', { reason: e.message.slice(0, 120), activityId: activity?.id ?? null });
        throw e;
      }
      if (INVALID_TOKEN.has(e?.name)) {
        this.log.warn('auth.refused', { reason: e.name, activityId: activity?.id ?? null });
        throw new AuthenticationError('Unauthorized. The token is not valid.', 401);
      }
      this.log.error('auth.unavailable', { error: e?.name ?? 'Error', message: String(e?.message).slice(0, 200) });
      // Not an AuthenticationError: botbuilder answers those 401, and this is our failure, not the caller's.
      throw new Error('The request cannot be authenticated right now.', { cause: error });
    }
  }
}
