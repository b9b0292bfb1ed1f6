import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

/** A token is renewed this long before it expires, so that no call carries one that lapses on the way. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * The app's Graph token, asked of the credential once and reused until shortly before it expires; callers
 * that arrive while it is being fetched share that one request.
 *
 * The SDK's TokenCredentialAuthenticationProvider asks the credential on every call (and builds an Error object
 * each time, in case it needs one): a cost on every Graph request that a token valid for an hour does not need.
 */
export class CachedTokenProvider implements AuthenticationProvider {
  private token: AccessToken | null = null;
  private pending: Promise<AccessToken> | null = null;

  constructor(private readonly credential: TokenCredential, private readonly scopes: string[], private readonly now = () => Date.now()) {}

  async getAccessToken(): Promise<string> {
    if (this.token && this.token.expiresOnTimestamp - RENEW_BEFORE_MS > this.now()) return this.token.token;
    this.pending ??= this.fetch().finally(() => (this.pending = null));
    return (await this.pending).token;
  }

  private async fetch(): Promise<AccessToken> {
    const token = await this.credential.getToken(this.scopes);
    if (!token) throw new Error('The credential returned no token for Microsoft Graph');
    this.token = token;
    return token;
  }
}
