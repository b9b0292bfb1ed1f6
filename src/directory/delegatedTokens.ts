import { AppError } from '../errors';

/**
 * Delegated mode (GRAPH_MODE=delegated): where a Graph token of the acting admin comes from — their Teams single
 * sign-on exchanged on-behalf-of them in production, the emulator's local issuer in development. Tokens are cached per
 * user until shortly before they expire and are never logged or stored.
 */
export interface DelegatedTokenSource {
  /** A Graph access token for this user (Entra object id), or SignInRequired when there is none to be had without them. */
  tokenFor(userId: string): Promise<string>;
  /** "sign out": the user's cached token goes, and the token service's too. */
  forget(userId: string): Promise<void>;
}

/** No token for the acting admin without them signing in (or consenting) first. */
export class SignInRequired extends AppError {
  constructor(readonly userId: string, readonly reason: 'noToken' | 'consentRequired' | 'expired' = 'noToken') {
    super('SIGN_IN_REQUIRED', `no delegated token for ${userId} (${reason})`);
    this.name = 'SignInRequired';
  }
}
