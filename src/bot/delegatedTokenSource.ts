import { AuthenticationConstants, ClaimsIdentity, type BotFrameworkAuthentication, type UserTokenClient } from 'botframework-connector';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DelegatedTokenSource } from '../directory/delegatedTokens';
import { StartupError } from '../errors';
import type { Logger } from '../logger';
import { EmulatorTokens } from './devTokens';
import { TeamsSsoTokens, type OnBehalfOfOptions } from './ssoTokens';
import { TeamsSignIn } from './teamsSignIn';

/** Delegated mode's pieces: where admins' Graph tokens come from, and Teams single sign-on in the bot's turns. */
export interface DelegatedSignIn {
  tokens: DelegatedTokenSource;
  /** Teams SSO (the middleware, sign-in cards, the sign-in invokes); null without an OAuth connection (development). */
  teams: TeamsSignIn | null;
}

export interface DelegatedTokenSourceDeps {
  /** The bot's Bot Framework token service client (see botUserTokenClient). */
  userTokenClient: () => Promise<UserTokenClient>;
  /** A user's Teams id (`29:…`) from their stored 1:1 conversation (TeamsMessenger.teamsUserId). */
  teamsUserId: (userId: string) => Promise<string | null>;
  log: Logger;
  clock?: Clock;
  /** Tests point the on-behalf-of exchange at a local Entra stand-in. */
  onBehalfOf?: OnBehalfOfOptions;
}

/**
 * By GRAPH_MODE: null in application mode. In delegated mode, with an OAuth connection (production: required there),
 * Teams SSO exchanged on-behalf-of the admin (TeamsSsoTokens); in development without one, the Graph emulator's local
 * issuer (EmulatorTokens), which is how `GRAPH_MODE=delegated npm run dev` works without Azure.
 */
export function delegatedTokenSource(config: Config, deps: DelegatedTokenSourceDeps): DelegatedSignIn | null {
  if (config.graphMode !== 'delegated') return null;
  if (config.sso) {
    const tokens = new TeamsSsoTokens({
      sso: config.sso,
      graphScope: `${new URL(config.graph.baseUrl).origin}/.default`,
      userTokenClient: deps.userTokenClient,
      teamsUserId: deps.teamsUserId,
      onBehalfOf: deps.onBehalfOf,
      log: deps.log,
      clock: deps.clock,
    });
    return { tokens, teams: new TeamsSignIn(tokens, deps.log) };
  }
  assertDelegatedConfig(config);
  return { tokens: new EmulatorTokens(config.graph.baseUrl, deps.log, deps.clock), teams: null };
}

/**
 * Production in delegated mode signs admins in only through Teams SSO: without it, a StartupError (loadProductionConfig
 * already says so; this also holds for a configuration built otherwise). Called before anything is opened.
 */
export function assertDelegatedConfig(config: Config): void {
  if (config.graphMode !== 'delegated' || config.sso || config.mode === 'development') return;
  throw new StartupError('GRAPH_MODE=delegated needs OAUTH_CONNECTION_NAME (the Azure Bot\'s OAuth connection for Teams single sign-on) and GRAPH_AUTH clientSecret or certificate of the bot\'s own app registration; see .env.example.');
}

/**
 * The bot's UserTokenClient outside a turn (a write made later, a scheduled change): built by the bot's Bot Framework
 * authentication for its own app id, as botbuilder builds one for each turn (ClientReusingAuthentication keeps it).
 */
export function botUserTokenClient(auth: BotFrameworkAuthentication, appId: string): () => Promise<UserTokenClient> {
  return () => auth.createUserTokenClient(new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true));
}
