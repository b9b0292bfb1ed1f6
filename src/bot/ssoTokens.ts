import {
  AuthenticationError, AuthenticationRequiredError, OnBehalfOfCredential,
  type AuthorityValidationOptions, type MultiTenantTokenCredentialOptions,
} from '@azure/identity';
import type { UserTokenClient } from 'botframework-connector';
import { systemClock, type Clock } from '../clock';
import type { SsoConfig } from '../config';
import { SignInRequired, type DelegatedTokenSource } from '../directory/delegatedTokens';
import type { Logger } from '../logger';
import { DelegatedTokenCache, type ExpiringToken } from './delegatedTokenCache';

/** The only channel the bot serves in production; the token service keeps a user's tokens per channel. */
export const TEAMS_CHANNEL = 'msteams';

/** Options of the on-behalf-of exchange beside the app's identity (tests point `authorityHost` at a local Entra). */
export type OnBehalfOfOptions = MultiTenantTokenCredentialOptions & AuthorityValidationOptions;

export interface TeamsSsoTokensOptions {
  sso: SsoConfig;
  /** What the admin's Graph token is for: `<Graph origin>/.default` (the delegated permissions consented to). */
  graphScope: string;
  /** The Bot Framework token service as botbuilder reaches it (the bot's UserTokenClient), made when first needed. */
  userTokenClient: () => Promise<UserTokenClient>;
  /** The user's Teams id (`29:…`), which the token service knows them by: from their stored 1:1 conversation. */
  teamsUserId: (userId: string) => Promise<string | null>;
  onBehalfOf?: OnBehalfOfOptions;
  log: Logger;
  clock?: Clock;
}

/**
 * Delegated mode in production: the acting admin's Graph token, from their Teams single sign-on.
 *
 * The Azure Bot's OAuth connection (OAUTH_CONNECTION_NAME) holds the admin's SSO token for the bot's own API
 * (`api://botid-<app id>`), put there by a `signin/tokenExchange` (TeamsSSOTokenExchangeMiddleware) or a sign-in
 * card's magic code. It is read through botbuilder's UserTokenClient (Teams user id, channel `msteams`) and exchanged
 * on-behalf-of the admin (`@azure/identity`'s OnBehalfOfCredential, the app's secret or certificate) for Graph. The
 * Graph token is cached per user until 5 minutes before it expires, in memory only; neither token is ever logged or
 * stored. No token to be had (never signed in, signed out, consent or MFA needed) → SignInRequired.
 */
export class TeamsSsoTokens implements DelegatedTokenSource {
  private readonly cache: DelegatedTokenCache;
  /** Teams ids learnt in sign-in turns: someone who talks to the bot only in a group chat has no stored 1:1 chat. */
  private readonly teamsIds = new Map<string, string>();
  private readonly clock: Clock;

  constructor(private readonly options: TeamsSsoTokensOptions) {
    this.clock = options.clock ?? systemClock;
    this.cache = new DelegatedTokenCache(this.clock);
  }

  get connectionName(): string {
    return this.options.sso.connectionName;
  }

  tokenFor(userId: string): Promise<string> {
    return this.cache.get(userId, async () => {
      const teamsId = await this.teamsIdOf(userId);
      if (!teamsId) throw new SignInRequired(userId);
      return this.exchange(userId, teamsId);
    });
  }

  /**
   * A sign-in turn put the user's token in the token service (a token exchange, or `magicCode` from the sign-in card):
   * their Graph token is got now, so the next write does not wait for it. False when there is none after all.
   */
  async signedIn(userId: string, teamsUserId: string, magicCode?: string): Promise<boolean> {
    this.teamsIds.set(userId, teamsUserId);
    this.cache.drop(userId);
    try {
      this.cache.put(userId, await this.exchange(userId, teamsUserId, magicCode));
      this.options.log.info('signIn.done', { userId, via: magicCode ? 'magicCode' : 'tokenExchange' });
      return true;
    } catch (error) {
      if (error instanceof SignInRequired) return false;
      throw error;
    }
  }

  /** "Sign out": the cached Graph token goes, and the token service forgets the user's SSO token. */
  async forget(userId: string): Promise<void> {
    this.cache.drop(userId);
    const teamsId = await this.teamsIdOf(userId);
    this.teamsIds.delete(userId);
    if (!teamsId) return;
    try {
      const client = await this.options.userTokenClient();
      await client.signOutUser(teamsId, this.connectionName, TEAMS_CHANNEL);
      this.options.log.info('signIn.signedOut', { userId });
    } catch (error) {
      this.options.log.warn('signIn.signOutFailed', { userId, error: errorName(error), status: statusOf(error) });
      throw failure('The Bot Framework token service did not sign the user out', error);
    }
  }

  private async teamsIdOf(userId: string): Promise<string | null> {
    return this.teamsIds.get(userId) ?? (await this.options.teamsUserId(userId));
  }

  /** The SSO token from the token service, exchanged on-behalf-of the user for a Graph token. */
  private async exchange(userId: string, teamsId: string, magicCode?: string): Promise<ExpiringToken> {
    const assertion = await this.ssoToken(userId, teamsId, magicCode);
    const { credential: app } = this.options.sso;
    const common = { ...this.options.onBehalfOf, tenantId: app.tenantId, clientId: app.clientId, userAssertionToken: assertion };
    const credential = app.kind === 'clientSecret'
      ? new OnBehalfOfCredential({ ...common, clientSecret: app.clientSecret })
      : new OnBehalfOfCredential({ ...common, certificatePath: app.certificatePath });
    try {
      const token = await credential.getToken(this.options.graphScope);
      return { token: token.token, expiresAt: token.expiresOnTimestamp };
    } catch (error) {
      // Entra refused the exchange for this user (consent missing, MFA or Conditional Access asking, a token that
      // ran out): they sign in again. Anything else (Entra unreachable, our own secret refused) is our failure.
      const reason = refusalOf(error);
      this.options.log.warn('signIn.onBehalfOfFailed', { userId, error: errorName(error), status: statusOf(error), code: entraCode(error), reason });
      if (reason) throw new SignInRequired(userId, reason);
      throw failure('The on-behalf-of exchange for Microsoft Graph failed', error);
    }
  }

  private async ssoToken(userId: string, teamsId: string, magicCode?: string): Promise<string> {
    let token: string | undefined;
    try {
      const client = await this.options.userTokenClient();
      token = (await client.getUserToken(teamsId, this.connectionName, TEAMS_CHANNEL, magicCode as string))?.token;
    } catch (error) {
      // The token service answers 404 for a user without a token (or a wrong magic code).
      if (statusOf(error) !== 404) {
        this.options.log.warn('signIn.tokenServiceFailed', { userId, error: errorName(error), status: statusOf(error) });
        throw failure('The Bot Framework token service could not be asked for the user\'s token', error);
      }
    }
    if (!token) throw new SignInRequired(userId);
    return token;
  }
}

/** Why Entra refused an on-behalf-of exchange that the user can fix by signing in; null for anything else. */
function refusalOf(error: unknown): SignInRequired['reason'] | null {
  if (error instanceof AuthenticationRequiredError) return 'consentRequired';
  if (!(error instanceof AuthenticationError)) return null;
  const code = entraCode(error);
  const description = error.errorResponse?.errorDescription ?? '';
  if (code === 'consent_required' || /AADSTS65001\b/.test(description)) return 'consentRequired';
  if (code === 'interaction_required' || code === 'invalid_grant') return 'expired';
  return null;
}

function entraCode(error: unknown): string | null {
  return error instanceof AuthenticationError ? (error.errorResponse?.error ?? null) : null;
}

/**
 * Our own failure, naming the library's error by class and status only, deliberately without it as `cause`: its
 * request (headers, body) carries the bot's and the user's tokens, and the log walks an error's cause.
 */
function failure(message: string, error: unknown): Error {
  const status = statusOf(error);
  return new Error(`${message} (${errorName(error)}${status === null ? '' : ` ${status}`})`);
}

/** An error's class name only: messages of HTTP libraries may quote requests, and requests here carry tokens. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function statusOf(error: unknown): number | null {
  const e = error as { statusCode?: unknown; status?: unknown } | null;
  const status = e?.statusCode ?? e?.status;
  return typeof status === 'number' ? status : null;
}
