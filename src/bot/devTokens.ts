import { systemClock, type Clock } from '../clock';
import { SignInRequired, type DelegatedTokenSource } from '../directory/delegatedTokens';
import type { Logger } from '../logger';
import { DelegatedTokenCache, type ExpiringToken } from './delegatedTokenCache';

/** How long the emulator's issuer may take to answer. */
const ISSUER_TIMEOUT_MS = 10_000;

/**
 * Delegated mode in development (GRAPH_MODE=delegated `npm run dev`): the Agents Playground has no single sign-on, so
 * the chat user is signed in at the Graph emulator's local issuer, `POST {graphBaseUrl}/_oauth/token` with
 * `{"userId":"<object id>"}` → `{ access_token, expires_in }`. The emulator then acts as that user and enforces their
 * directory roles on writes, as Entra does. Tokens are cached per user like the production ones (never logged).
 * The issuer refusing the user (unknown, disabled) is a SignInRequired, as a refused sign-in would be.
 */
export class EmulatorTokens implements DelegatedTokenSource {
  private readonly cache: DelegatedTokenCache;
  private readonly issuerUrl: string;

  constructor(graphBaseUrl: string, private readonly log: Logger, private readonly clock: Clock = systemClock) {
    this.cache = new DelegatedTokenCache(clock);
    this.issuerUrl = `${new URL(graphBaseUrl).origin}/_oauth/token`;
  }

  tokenFor(userId: string): Promise<string> {
    return this.cache.get(userId, () => this.issue(userId));
  }

  async forget(userId: string): Promise<void> {
    this.cache.drop(userId);
  }

  private async issue(userId: string): Promise<ExpiringToken> {
    const response = await fetch(this.issuerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ userId }),
      signal: AbortSignal.timeout(ISSUER_TIMEOUT_MS),
    });
    if (response.status >= 400 && response.status < 500) {
      this.log.warn('signIn.devRefused', { userId, status: response.status });
      throw new SignInRequired(userId);
    }
    if (!response.ok) throw new Error(`the Graph emulator's token issuer answered ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || !body.access_token) throw new Error("the Graph emulator's token issuer answered without a token");
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    this.log.info('signIn.devSignedIn', { userId });
    return { token: body.access_token, expiresAt: this.clock.now().getTime() + (Number.isFinite(seconds) ? seconds : 0) * 1000 };
  }
}
