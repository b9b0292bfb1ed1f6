import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

/** A token is renewed this long before it expires, so that no call carries one that lapses on the way. */
const RENEW_BEFORE_MS = 5 * 60_000;
/** Asking Entra ID (or a managed identity endpoint) for a token may take no longer: the turn has a budget too. */
const TOKEN_TIMEOUT_MS = 5_000;

/**
 * The app's Graph token, asked of the credential once and reused until shortly before it expires; callers
 * that arrive while it is being fetched share that one request. If renewing fails while the old token is still
 * valid, the old one is used (and renewal tried again on the next call).
 *
 * The SDK's TokenCredentialAuthenticationProvider asks the credential on every call (and builds an Error object
 * each time, in case it needs one): a cost on every Graph request that a token valid for an hour does not need.
 */
export class CachedTokenProvider implements AuthenticationProvider {
  private token: AccessToken | null = null;
  private pending: Promise<AccessToken> | null = null;

  constructor(private readonly credential: TokenCredential, private readonly scopes: string[], private readonly now = () => Date.now()) {}

  async getAccessToken(): Promise<string> {
    const held = this.token;
    if (held && held.expiresOnTimestamp - RENEW_BEFORE_MS > this.now()) return held.token;
    this.pending ??= this.fetch().finally(() => (this.pending = null));
    try {
      return (await this.pending).token;
    } catch (error) {
      if (held && held.expiresOnTimestamp > this.now()) return held.token;
      throw error;
    }
  }

  private async fetch(): Promise<AccessToken> {
    const token = await this.credential.getToken(this.scopes, { abortSignal: AbortSignal.timeout(TOKEN_TIMEOUT_MS) });
    if (!token) throw new Error('The credential returned no token for Microsoft Graph');
    this.token = token;
    return token;
  }
}
