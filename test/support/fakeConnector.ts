import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  conversationId: string;
  /** The operation the bot used: a reply, a new message, or an update of an earlier one. */
  kind: 'reply' | 'send' | 'update';
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: any }[] };
}

/**
 * A stand-in for the Bot Framework connector (Teams' serviceUrl): a real HTTP server that records every
 * activity the bot posts, so a test sees exactly what a Teams client would receive.
 */
export class FakeConnector {
  readonly sent: SentActivity[] = [];
  /** Updates to refuse (403, as Teams answers for a deleted message) before accepting them again. */
  refuseUpdates = 0;
  /** Updates refused so far. */
  refused = 0;
  /** Activities the bot deleted (DELETE …/activities/{id}), by conversation; not in `sent`. */
  readonly deleted: { conversationId: string; activityId: string }[] = [];
  /** While true, updates get no answer until release() (a connector that hangs). */
  holdUpdates = false;
  private held: (() => void)[] = [];
  private server?: Server;
  private waiters: (() => void)[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
        if (m && m[2] && req.method === 'DELETE') {
          this.deleted.push({ conversationId: decodeURIComponent(m[1]), activityId: decodeURIComponent(m[2]) });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{}');
          return;
        }
        if (m && req.method === 'PUT' && this.holdUpdates) {
          // Not chained: restify, loaded in the same process, patches writeHead to return nothing.
          this.held.push(() => {
            res.writeHead(503);
            res.end();
          });
          return;
        }
        if (m && req.method === 'PUT' && this.refuseUpdates > 0) {
          this.refuseUpdates--;
          this.refused++;
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'The bot cannot update this message.' } }));
          return;
        }
        if (m) {
          const activity = body ? JSON.parse(body) : {};
          const kind = req.method === 'PUT' ? 'update' : m[2] ? 'reply' : 'send';
          this.sent.push({ conversationId: decodeURIComponent(m[1]), kind, activity });
          this.waiters.splice(0).forEach((w) => w());
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.sent.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves once at least `count` activities have been posted (or rejects after `ms`). */
  async waitFor(count: number, ms = 20_000): Promise<SentActivity[]> {
    const deadline = Date.now() + ms;
    while (this.sent.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} activities, got ${this.sent.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.sent;
  }

  clear(): void {
    this.sent.length = 0;
  }

  /** Stops holding updates and answers the held ones (503). */
  release(): void {
    this.holdUpdates = false;
    this.held.splice(0).forEach((answer) => answer());
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** All texts of all posted activities, card text included, for assertions and leak checks. */
export function allText(sent: SentActivity[]): string {
  return sent.map((s) => JSON.stringify(s.activity)).join('\n');
}

/** One request the bot made to the fake token service (query only: bodies carry tokens). */
export interface TokenServiceCall {
  method: string;
  path: string;
  query: Record<string, string>;
}

/**
 * A stand-in for the Bot Framework token service (botbuilder's `OAuthUrl`, api.botframework.com in production): a
 * real HTTP server answering the UserTokenClient's calls — `api/usertoken/exchange` (Teams SSO), `GetToken` (with a
 * magic code too), `SignOut` and `api/botsignin/GetSignInResource` — keeping users' tokens per user id and connection.
 */
export class FakeTokenService {
  readonly calls: TokenServiceCall[] = [];
  /** Tokens held, by `${userId}|${connectionName}`. */
  readonly tokens = new Map<string, string>();
  /** Magic codes a sign-in by the card's button would give, each for one user id: the token it yields. */
  readonly magicCodes = new Map<string, { userId: string; token: string }>();
  /** While true, every exchange is refused (consent needed), as the token service answers it. */
  refuseExchanges = false;
  /** The resource Teams asks the SSO token for, on the sign-in card (the OAuth connection's token exchange URL). */
  exchangeUri = 'api://botid-00000000-0000-4000-8000-0000000000b0';
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const parsed = new URL(req.url ?? '/', 'http://token.service');
        const query = Object.fromEntries(parsed.searchParams.entries());
        const path = parsed.pathname.replace(/^\/+/, '').toLowerCase();
        this.calls.push({ method: req.method ?? '', path, query });
        const answer = (status: number, value?: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(value === undefined ? '' : JSON.stringify(value));
        };
        const key = `${query.userId}|${query.connectionName}`;
        const tokenResponse = (token: string) => ({ channelId: query.channelId, connectionName: query.connectionName, token, expiration: new Date(Date.now() + 3_600_000).toISOString() });
        if (path === 'api/usertoken/exchange' && req.method === 'POST') {
          const token = (JSON.parse(body || '{}') as { token?: unknown }).token;
          if (this.refuseExchanges || typeof token !== 'string' || !token) {
            return answer(400, { error: { code: 'ServiceError', message: 'consent required' } });
          }
          const held = `sso-${token.slice(-12)}`;
          this.tokens.set(key, held);
          return answer(200, tokenResponse(held));
        }
        if (path === 'api/usertoken/gettoken' && req.method === 'GET') {
          const code = query.code ? this.magicCodes.get(query.code) : undefined;
          if (query.code) {
            if (!code || code.userId !== query.userId) return answer(404, {});
            this.magicCodes.delete(query.code);
            this.tokens.set(key, code.token);
          }
          const held = this.tokens.get(key);
          return held ? answer(200, tokenResponse(held)) : answer(404, {});
        }
        if (path === 'api/usertoken/signout' && req.method === 'DELETE') {
          this.tokens.delete(key);
          return answer(200, {});
        }
        if (path === 'api/botsignin/getsigninresource' && req.method === 'GET') {
          return answer(200, {
            signInLink: `${this.url}/sign-in?state=${encodeURIComponent(query.state ?? '')}`,
            tokenExchangeResource: { id: `exchange-${this.calls.length}`, uri: this.exchangeUri, providerId: 'aad' },
            tokenPostResource: { sasUrl: `${this.url}/post` },
          });
        }
        answer(404, { error: { code: 'NotFound', message: 'no such route' } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** botbuilder's settings for the public cloud with this token service as `OAuthUrl`. */
  get botFrameworkAuth(): Record<string, string | boolean> {
    return {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      OAuthUrl: this.url,
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
      CallerId: 'urn:botframework:azure',
    };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
