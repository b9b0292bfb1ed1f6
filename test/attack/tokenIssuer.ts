import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The Bot Framework's issuer for tokens from channels (Teams). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * A stand-in for the Bot Framework's OpenID metadata and signing keys (endorsed, like Microsoft's, for several
 * channels, so that our own channel check is what refuses Web Chat), so the bot's real token validation
 * (botbuilder's) can be attacked offline: tokens signed with the published key pass, anything else must not.
 */
export class TokenIssuer {
  private server?: Server;
  private readonly published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** A key the attacker holds: same kid, never published. */
  readonly attackerKey: KeyObject = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  readonly kid = 'attack-suite-key';
  url = '';

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  /**
   * botbuilder's settings for the public cloud with this issuer's metadata in place of Microsoft's: when one
   * parameterized value is set, botbuilder takes all of them from configuration.
   */
  get botFrameworkAuth(): Record<string, string | boolean> {
    return {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: this.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: this.metadataUrl,
      CallerId: 'urn:botframework:azure',
    };
  }

  async start(): Promise<this> {
    const jwk = this.published.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      const body =
        req.url === '/v1/.well-known/openidconfiguration'
          ? { issuer: CHANNEL_ISSUER, jwks_uri: `${this.url}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }
          : req.url === '/v1/keys'
            ? { keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'webchat', 'directline', 'emulator'] }] }
            : null;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A signed JWT; `key` defaults to the published one, `alg` to RS256 (a forged header may claim another). */
  token(claims: Record<string, unknown>, opts: { key?: KeyObject; alg?: string; kid?: string } = {}): string {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const head = b64({ alg: opts.alg ?? 'RS256', typ: 'JWT', kid: opts.kid ?? this.kid });
    const body = b64({ iss: CHANNEL_ISSUER, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims });
    const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(opts.key ?? this.published.privateKey).toString('base64url');
    return `${head}.${body}.${signature}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
