import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { GraphObject } from './tenantState';

/**
 * The emulator's local token issuer, for delegated mode in development and tests only: `POST /_oauth/token` mints a
 * Graph access token for a user of the tenant (no password, no consent: whoever can reach the emulator is anyone), and
 * the pipeline verifies such tokens and acts for the user they name. HS256 with a secret made at start, so a token
 * is good for the one emulator that issued it (and survives reset(), not a restart).
 */

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
/** The delegated scopes every token carries: those delegated mode asks of the admin (entra-sync.md §5). */
export const DELEGATED_SCOPES = [
  'User.ReadWrite.All', 'Directory.AccessAsUser.All', 'GroupMember.ReadWrite.All', 'LicenseAssignment.ReadWrite.All',
  'User-PasswordProfile.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All',
].join(' ');
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export interface DelegatedClaims {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  upn: string;
  scp: string;
  iat: number;
  exp: number;
}

/** What the Authorization header of a request is, as the pipeline sees it. */
export type Caller =
  /** No token, or one that is not a JWT (the app's own, e.g. the development credential's): application permissions. */
  | { kind: 'app' }
  /** A valid token of this emulator's issuer, for a user: Entra checks that user's roles on writes. */
  | { kind: 'delegated'; userId: string; claims: DelegatedClaims }
  /** A JWT that does not verify (signature, issuer, audience, tenant, lifetime): Graph's 401. */
  | { kind: 'invalid'; message: string };

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class DelegatedTokenIssuer {
  private readonly secret = randomBytes(32);

  /** `issuerUrl`: the `iss` of its tokens, the emulator's `http://127.0.0.1:PORT/_oauth` (known once it listens). */
  constructor(private readonly issuerUrl: () => string, private readonly now: () => Date) {}

  private get issuer(): string {
    return this.issuerUrl();
  }

  /** A signed access token for this user of the tenant. */
  issue(user: GraphObject, tenantId: string, expiresInSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS): string {
    const iat = Math.floor(this.now().getTime() / 1000);
    const claims: DelegatedClaims = {
      aud: GRAPH_AUDIENCE, iss: this.issuer, tid: tenantId, oid: user.id, upn: String(user.userPrincipalName), scp: DELEGATED_SCOPES, iat, exp: iat + expiresInSeconds,
    };
    const signed = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
    return `${signed}.${this.sign(signed)}`;
  }

  /**
   * Who a request's `Authorization` header speaks for. Only a JWT is checked: any other bearer value is the app's
   * (the emulator accepts any app token, as before). The token itself goes nowhere but here.
   */
  inspect(authorization: string | undefined, tenantId: string, userExists: (id: string) => boolean): Caller {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    const parts = token?.split('.');
    if (!parts || parts.length !== 3) return { kind: 'app' };
    const header = parseJson(parts[0]);
    if (!header || typeof header.alg !== 'string') return { kind: 'app' };
    if (header.alg !== 'HS256' || !this.verifies(`${parts[0]}.${parts[1]}`, parts[2])) {
      return { kind: 'invalid', message: 'Access token validation failure: the signature does not verify.' };
    }
    const claims = parseJson(parts[1]) as Partial<DelegatedClaims> | null;
    if (!claims || claims.iss !== this.issuer || claims.aud !== GRAPH_AUDIENCE || String(claims.tid).toLowerCase() !== tenantId.toLowerCase()) {
      return { kind: 'invalid', message: 'Access token validation failure. Invalid audience, issuer or tenant.' };
    }
    if (typeof claims.exp !== 'number' || claims.exp <= Math.floor(this.now().getTime() / 1000)) {
      return { kind: 'invalid', message: 'Lifetime validation failed, the token is expired.' };
    }
    // An app-only token carries roles, not scp: application permissions. This issuer mints none, but says so.
    if (typeof claims.scp !== 'string') return { kind: 'app' };
    if (typeof claims.oid !== 'string' || !userExists(claims.oid)) {
      return { kind: 'invalid', message: 'Access token validation failure: the signed-in user does not exist in the tenant.' };
    }
    return { kind: 'delegated', userId: claims.oid, claims: claims as DelegatedClaims };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }

  private verifies(data: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(data));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
