import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app';
import type { Clock } from '../../src/clock';
import type { TokenCredential } from '@azure/core-auth';
import type { RateLimitOptions } from '../../src/bot/userRateLimit';
import type { OnBehalfOfOptions } from '../../src/bot/ssoTokens';
import type { RetryBudgetOptions } from '../../src/directory/graph/retryBudgetMiddleware';
import type { Store } from '../../src/store';
import { developmentConfig, type Config } from '../../src/config';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { memoryLogger } from '../../src/logger';
import { FakeConnector, type SentActivity } from './fakeConnector';

export const DEMO_TENANT = join(__dirname, '..', '..', 'fixtures', 'demo-tenant.json');
export const TENANT_ID = '645fce36-d422-4336-b5ec-f85a440f37df';

/** People of the demo tenant that tests talk as or about (see fixtures/README.md). */
export const people = {
  daan: 'c2d4a037-922c-45fd-8286-ec9d58f61fb6', // cloud-only User Administrator (the demo admin)
  hendrik: 'fc965c71-4f96-41b8-b210-ca6d973363bd', // Global Administrator
  ciaran: 'd8e1e7a9-f6da-4d06-a911-f31f81f3ccdf', // Helpdesk Administrator, synced
  fatima: 'cd21bbfa-cd3c-4b43-a5cd-27c69e16e752', // synced
  noah: 'ae49f001-dfc8-4f88-9ff6-7c3274fb8c11', // cloud-only
  bram: '5d87dd63-c8e7-43db-b111-8e21c4d3e923', // once synced (false)
  femke: 'a263a32c-8de0-44fe-8711-000f1d948d78', // converted (null + immutable id)
  milan: 'd6d523e2-b8df-491a-bf02-a6449ef192f5', // cloud-only, no role
  yara: 'bc98645e-052d-4e46-8ce6-f03e668dad7a', // synced, no usage location, country Netherlands
  lotte: '3b99f6c7-fe20-41d4-bed8-bd474f498a47', // Password Administrator, synced
  oliver: '38fb3766-bd7d-4559-b2a5-5c852dbb792b', // guest
};

export interface Harness {
  emulator: GraphEmulator;
  connector: FakeConnector;
  app: App;
  url: string;
  logLines: string[];
  /** Posts a message activity as `from` and waits for `expect` posted replies. */
  say(text: string, from?: string, opts?: { locale?: string; expect?: number; conversationType?: string; tenantId?: string }): Promise<SentActivity[]>;
  /** Posts an Action.Execute invoke; returns the HTTP status and the invoke response body. */
  act(verb: string, data: unknown, from?: string, opts?: { locale?: string; conversationType?: string; replyToId?: string }): Promise<{ status: number; body: any }>;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  /** Posts an invoke named `name` (e.g. `signin/tokenExchange`); returns the HTTP status and the invoke response body. */
  invoke(name: string, value: unknown, from?: string, opts?: { locale?: string; conversationType?: string }): Promise<{ status: number; body: any }>;
  /** A Teams activity as the harness sends it, for tests that post their own. */
  activity(type: string, from: string, extra: Record<string, unknown>, opts?: { locale?: string; conversationType?: string; tenantId?: string }): Record<string, unknown>;
  close(): Promise<void>;
}

/** The whole bot in development mode over HTTP, against the emulator and a fake connector. */
export interface HarnessOptions {
  config?: Partial<Config>;
  /** An emulator to share (e.g. across a bot restart); the harness then leaves it running on close. */
  emulator?: GraphEmulator;
  /** A Teams stand-in to share, so conversation references stay valid across a restart; left running on close. */
  connector?: FakeConnector;
  invokeLimitMs?: number;
  clock?: Clock;
  /** Per-user turn limit; tests default to one that never bites, the attack suite sets its own. */
  rateLimit?: RateLimitOptions;
  /** An open store to use (e.g. one whose audit log fails on purpose); the harness leaves it open on close. */
  store?: Store;
  /** Replaces the emulator's development credential (e.g. one that cannot get a token). */
  credential?: TokenCredential;
  /** Bot Framework authentication settings (a production-mode harness with a local token issuer). */
  botFrameworkAuth?: Record<string, string | boolean>;
  /** How long a temporary password stays on its card. */
  passwordVisibleMs?: number;
  /** Graph's retry policy; the harness defaults to generous timeouts, the fault suite uses production's. */
  graphRetry?: RetryBudgetOptions;
  /** How often the job runner ticks; by default once an hour, so tests call `app.runJobs()` themselves. */
  jobTickMs?: number;
  /** How long a writer holds its journal entry (2 minutes in the app). */
  writeLeaseMs?: number;
  /** Delegated mode with Teams SSO: the on-behalf-of exchange's options (a local Entra stand-in). */
  onBehalfOf?: OnBehalfOfOptions;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const emulator = opts.emulator ?? (await startGraphEmulator({ tenant: DEMO_TENANT }));
  const connector = opts.connector ?? (await new FakeConnector().start());
  const log = memoryLogger('debug');
  const config = { ...developmentConfig({}, 'test', { graphBaseUrl: emulator.url, tenantId: TENANT_ID }), port: 0 };
  const config2 = { ...config, store: { dataDir: 'memory://' }, ...opts.config };
  const app = await createApp(config2, { log, // Generous timeouts: a loaded CI machine must not turn a slow emulator answer into a timeout reply.
    graphRetry: opts.graphRetry ?? { maxRetries: 2, budgetMs: 25_000, attemptTimeoutMs: 20_000, baseDelayMs: 10 }, invokeLimitMs: opts.invokeLimitMs, clock: opts.clock, writeLeaseMs: opts.writeLeaseMs,
    rateLimit: opts.rateLimit ?? { burst: 1_000_000, perMinute: 1_000_000 }, store: opts.store, credential: opts.credential, botFrameworkAuth: opts.botFrameworkAuth, passwordVisibleMs: opts.passwordVisibleMs, onBehalfOf: opts.onBehalfOf,
    // Jobs run when a test says so (`app.runJobs()`), unless it asks for a ticking runner.
    jobTickMs: opts.jobTickMs ?? 3_600_000 });
  const { url } = await app.listen();

  const activity = (type: string, from: string, extra: Record<string, unknown>, opts: { locale?: string; conversationType?: string; tenantId?: string } = {}) => ({
    type,
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    locale: opts.locale ?? 'en-US',
    from: { id: `29:${from}`, aadObjectId: from, name: 'Test user' },
    recipient: { id: '28:bot', name: 'Account Assistant' },
    conversation: { id: `conv-${from}`, conversationType: opts.conversationType ?? 'personal', tenantId: opts.tenantId ?? TENANT_ID },
    channelData: { tenant: { id: opts.tenantId ?? TENANT_ID } },
    ...extra,
  });

  const post = async (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const r = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: r.status, text: await r.text() };
  };

  return {
    emulator,
    connector,
    app,
    url,
    logLines: log.lines,
    async say(text, from = people.daan, opts = {}) {
      const before = connector.sent.length;
      const r = await post(activity('message', from, { text }, opts));
      if (r.status >= 300) throw new Error(`POST /api/messages answered ${r.status}: ${r.text}`);
      const expect = opts.expect ?? 1;
      const all = expect === 0 ? connector.sent : await connector.waitFor(before + expect);
      return all.slice(before);
    },
    async act(verb, data, from = people.daan, opts = {}) {
      const extra = { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } }, ...(opts.replyToId ? { replyToId: opts.replyToId } : {}) };
      const r = await post(activity('invoke', from, extra, opts));
      return { status: r.status, body: r.text ? JSON.parse(r.text) : null };
    },
    post,
    async invoke(name, value, from = people.daan, opts = {}) {
      const r = await post(activity('invoke', from, { name, value }, opts));
      return { status: r.status, body: r.text ? JSON.parse(r.text) : null };
    },
    activity,
    async close() {
      await app.close();
      if (!opts.connector) await connector.stop();
      if (!opts.emulator) await emulator.close();
    },
  };
}

/** The first Adaptive Card of a posted activity. */
export function cardOf(sent: SentActivity): any {
  return sent.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** Every text a card shows, in order (TextBlocks, facts, code), for reading it as a person would. */
export function shown(card: any): string {
  const out: string[] = [];
  const walk = (x: any) => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    if (typeof x.text === 'string') out.push(x.text);
    if (typeof x.title === 'string' && typeof x.value === 'string') out.push(`${x.title}: ${x.value}`);
    if (typeof x.codeSnippet === 'string') out.push(x.codeSnippet);
    Object.values(x).forEach(walk);
  };
  walk(card?.body);
  return out.join('\n');
}

/** The first Adaptive Card of a posted activity; fails with the reply's text when there is none. */
export function requireCard(sent: SentActivity): any {
  const found = cardOf(sent);
  if (!found) throw new Error(`expected a card, the bot answered: ${JSON.stringify(sent.activity.text ?? null)}`);
  return found;
}
