import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { TokenCredential } from '@azure/core-auth';
import { Assistant } from './assistant/assistant';
import { StorePendingPicks } from './assistant/storePendingPicks';
import { RememberedPreferences } from './assistant/rememberedPreferences';
import { JobRunner } from './jobs/jobRunner';
import { AuditQueue } from './assistant/auditQueue';
import { WRITE_LEASE_MS, type SpooledFinish } from './assistant/journalledWrite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CardReplacements } from './assistant/cardReplacements';
import { AccountAssistantBot } from './bot/accountAssistantBot';
import { StrictBotFrameworkAuthentication } from './bot/strictAuthentication';
import { InboundGuard } from './bot/inboundGuard';
import { TEAMS_SERVICE_HOSTS } from './bot/serviceHosts';
import { toActivity } from './bot/toActivity';
import { ConversationRecorder } from './bot/conversationRecorder';
import { DEFAULT_RATE_LIMIT, UserRateLimit, type RateLimitOptions } from './bot/userRateLimit';
import { TeamsMessenger } from './bot/teamsMessenger';
import { assertDelegatedConfig, botUserTokenClient, delegatedTokenSource } from './bot/delegatedTokenSource';
import type { OnBehalfOfOptions } from './bot/ssoTokens';
import { MAX_BYTES } from './bulk/csvRows';
import { CachedValue } from './cachedValue';
import { systemClock, type Clock } from './clock';
import { ConfigError, type Config } from './config';
import type { Directory } from './directory/directory';
import type { DelegatedTokenSource } from './directory/delegatedTokens';
import { createCredential } from './directory/graph/credential';
import { createGraphClient } from './directory/graph/graphClient';
import { PooledHttpHandler } from './directory/graph/pooledHttpHandler';
import { GraphDirectory } from './directory/graph/graphDirectory';
import { GraphTransport } from './directory/graph/graphTransport';
import type { RetryBudgetOptions } from './directory/graph/retryBudgetMiddleware';
import { replyLanguage, translator } from './i18n/translate';
import type { Logger } from './logger';
import { approverIds } from './policy/approvers';
import { EMPTY_POLICY, parsePolicy, type Policy } from './policy/policyFile';
import { PrivilegeReader } from './policy/privilegeReader';
import { checkHealth } from './healthCheck';
import { createServer, type HealthReport } from './server';
import { FileSpool, isInMemory, openStore, type Store } from './store';

export interface AppOptions {
  log: Logger;
  clock?: Clock;
  /** Tests shorten Graph's retry waits. */
  graphRetry?: RetryBudgetOptions;
  /** An open store to use instead of the configured one (tests share one). */
  store?: Store;
  /** Tests shorten the time after which an invoke answers "working…". */
  invokeLimitMs?: number;
  /** Turns per user; tests that drive many turns as one user raise it. */
  rateLimit?: RateLimitOptions;
  /**
   * Settings merged into the Bot Framework authentication (the attack suite points token validation at a
   * local issuer). botbuilder then uses exactly these: give the whole parameterized set, not one URL.
   */
  botFrameworkAuth?: Record<string, string | boolean>;
  /** How long a temporary password stays on its card (default 5 minutes); tests shorten it. */
  passwordVisibleMs?: number;
  /** Replaces the configured Graph credential (the attack suite's failing token source). */
  credential?: TokenCredential;
  /** How long a writer holds a journal entry before a recovery may take it (2 minutes); the chaos tests shorten it. */
  writeLeaseMs?: number;
  /** How often the job runner looks for due jobs (15 s in production, 5 s in development; tests set their own). */
  jobTickMs?: number;
  /** Delegated mode with Teams SSO: options of the on-behalf-of exchange (tests point `authorityHost` at a local Entra). */
  onBehalfOf?: OnBehalfOfOptions;
}

export interface App {
  server: Server;
  directory: Directory;
  store: Store;
  /** Delegated mode (GRAPH_MODE=delegated): where each admin's own Graph token comes from; null in application mode. */
  delegatedTokens: DelegatedTokenSource | null;
  listen(): Promise<{ url: string }>;
  /** Expires overdue manager requests now (the app also does it every few minutes). */
  sweepRequests(): Promise<number>;
  /** Replaces the cards that are due now (the app also does it at start-up and every minute). */
  sweepCards(): Promise<number>;
  /**
   * Finishes interrupted writes (a crashed writer, a late Graph answer) and writes spooled records whose database is
   * back; the app also does both at start-up and every minute. Returns how many writes it finished.
   */
  sweepWrites(): Promise<number>;
  /** One pass of the job runner (scheduled changes, sync watches, …), for tests: returns the jobs it settled. */
  runJobs(): Promise<number>;
  close(): Promise<void>;
}

/** Long enough to copy a temporary password from the card, short enough that the chat does not keep it. */
const PASSWORD_VISIBLE_MS = 5 * 60_000;

/** How long a file sent to the bot may take to download, and a results file to upload. */
const FILE_TIMEOUT_MS = 15_000;

/** How often overdue requests are looked for. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** How often cards due for replacement are looked for when their own timer was lost (a restart). */
const CARD_SWEEP_INTERVAL_MS = 60_000;
/** Due jobs are looked for this often; a job's own due time says when it runs (a scheduled change, a watcher's next look). */
const JOB_TICK_MS = 15_000;
const DEV_JOB_TICK_MS = 5_000;

/** Wires the whole bot from configuration: Graph, policy, the assistant, the Teams glue and the HTTP server. */
export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { log, clock = systemClock, graphRetry, store: given } = options;
  assertDelegatedConfig(config);
  const policy = await readPolicy(config.policyFile);
  const store = given ?? (await openStore(config.store));
  const graphConnections = new PooledHttpHandler();
  const client = createGraphClient({ baseUrl: config.graph.baseUrl, credential: options.credential ?? createCredential(config.graph.credential), retry: graphRetry }, graphConnections);
  const auth = new StrictBotFrameworkAuthentication(
    config.bot
      ? {
        MicrosoftAppId: config.bot.appId, MicrosoftAppPassword: config.bot.appPassword, MicrosoftAppType: config.bot.appType, MicrosoftAppTenantId: config.bot.appTenantId,
        ...options.botFrameworkAuth,
      }
      // Development: no app id (unauthenticated); tests may still point botbuilder's endpoints (OAuthUrl) at local fakes.
      : { ...options.botFrameworkAuth },
    log,
  );
  const adapter = new CloudAdapter(auth);
  const appId = config.bot?.appId ?? '';
  // Delegated mode: each admin's own Graph token (Teams SSO on-behalf-of, or the emulator's issuer in development).
  const delegated = delegatedTokenSource(config, {
    userTokenClient: botUserTokenClient(auth, appId),
    // The Teams id the token service knows the user by, from their 1:1 chat with the bot (ConversationRecorder).
    teamsUserId: async (userId) => ((await store.conversations.getForUser(userId))?.ref as { user?: { id?: string } } | undefined)?.user?.id ?? null,
    log,
    clock,
    onBehalfOf: options.onBehalfOf,
  });
  const directory = new GraphDirectory(new GraphTransport(client), new URL(config.graph.baseUrl).origin, {}, delegated ? { delegated: delegated.tokens } : {});
  const spoolDir = spoolDirOf(config);
  const auditQueue = new AuditQueue(store.audit, new FileSpool(join(spoolDir, 'audit')), log);
  const messenger = new TeamsMessenger(adapter, appId, store.conversations, log);
  const cardReplacements = new CardReplacements(store.cardReplacements, messenger, log);
  // Work that outlives a turn: every room's kinds (registered below), claimed when due by whichever instance ticks first.
  const jobRunner = new JobRunner(store.jobs, log);
  const assistant = new Assistant({
    directory,
    ...(delegated ? { delegated: delegated.tokens } : {}),
    privileges: new PrivilegeReader(directory, { eligibility: config.readRoleEligibility }, clock),
    skus: new CachedValue(() => directory.listSubscribedSkus(), 10 * 60_000, clock),
    organization: new CachedValue(() => directory.getOrganization(), 60 * 60_000, clock),
    // Role holders change as rarely as roles do: the same bounded age as the role cache.
    approvers: new CachedValue(() => approverIds(directory, policy), 5 * 60_000, clock),
    picks: new StorePendingPicks(store.plans),
    plans: store.plans,
    audit: store.audit,
    auditQueue,
    journal: store.journal,
    spool: new FileSpool<SpooledFinish>(join(spoolDir, 'writes')),
    writeLeaseMs: options.writeLeaseMs ?? WRITE_LEASE_MS,
    policy,
    requests: store.requests,
    settings: store.settings,
    // The embedded store has one process (the data directory's lock): nobody else writes a preference behind its cache.
    preferences: new RememberedPreferences(store.preferences, clock, log, { soleWriter: store.kind === 'pglite' }),
    jobs: store.jobs,
    // A bulk run confirmed starts at once rather than at the next tick.
    jobsNow: () => void jobRunner.tick().catch((error: unknown) => log.error('jobs.tickFailed', { error })),
    syncWatch: { intervalMs: config.syncWatchSeconds * 1000, overdueMs: config.syncOverdueMinutes * 60_000 },
    messenger,
    requestTtlMs: config.requestTtlDays * 86_400_000,
    undoMs: config.undoHours * 3_600_000,
    scheduleGraceMs: config.scheduleGraceHours * 3_600_000,
    passwordWriteback: config.passwordWriteback,
    passwordVisibleMs: options.passwordVisibleMs ?? PASSWORD_VISIBLE_MS,
    cardReplacements,
    clock,
    log,
  });

  const production = config.mode === 'production';
  const serviceHosts = production ? new Set([...TEAMS_SERVICE_HOSTS, ...config.extraServiceHosts].map((h) => h.toLowerCase())) : null;
  adapter.use(new InboundGuard(config.allowedTenantIds, production ? ['msteams'] : null, log, serviceHosts));
  adapter.use(new UserRateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT, clock, log));
  adapter.use(new ConversationRecorder(store.conversations, log));
  // Teams SSO: after the inbound guard, so only allowed tenants' exchanges reach the token service.
  if (delegated?.teams) adapter.use(delegated.teams.middleware());
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The last resort: the log gets the error with an id, the user gets only the id.
    const correlationId = randomUUID();
    log.error('turn.failed', { correlationId, activityType: context.activity.type, error });
    const t = translator(replyLanguage(context.activity.locale, undefined));
    await context.sendActivity(toActivity({ type: 'text', text: t('error.INTERNAL', { correlationId }) })).catch(() => undefined);
  };

  const bot = new AccountAssistantBot(
    assistant,
    (reference, logic) => adapter.continueConversationAsync(appId, reference, logic),
    log,
    options.invokeLimitMs,
    { allowedHosts: config.fileDownloadHosts, maxBytes: MAX_BYTES, timeoutMs: FILE_TIMEOUT_MS },
    delegated?.teams ?? undefined,
  );
  // Overdue requests expire on read too; the sweep tells their requesters. Safe with several instances.
  const sweep = setInterval(() => {
    assistant.expireRequests().catch((error: unknown) => log.error('requests.sweepFailed', { error }));
    auditQueue.flush().catch((error: unknown) => log.error('audit.flushFailed', { error }));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  // Cards due for replacement whose timer was lost (a restart, another instance that stopped): now, then often.
  const replaceCards = () => void cardReplacements.replaceDue().catch((error: unknown) => log.error('card.sweepFailed', { error }));
  // Writes a crashed writer left open, and records waiting on the disk for the database: now, then every minute.
  const sweepWrites = async () => (await assistant.replaySpool()) + (await auditQueue.flush()) + (await assistant.recoverWrites());
  const writeSweep = () => void sweepWrites().catch((error: unknown) => log.error('journal.sweepFailed', { error }));
  const cardSweep = setInterval(() => {
    replaceCards();
    writeSweep();
  }, CARD_SWEEP_INTERVAL_MS);
  cardSweep.unref();
  replaceCards();
  writeSweep();
  // A process restarted quickly (a crash, a deploy) finds its predecessor's write still leased: look again as soon as
  // that lease can have run out, rather than a minute later.
  const afterLease = setTimeout(writeSweep, (options.writeLeaseMs ?? WRITE_LEASE_MS) + 1_000);
  afterLease.unref();
  for (const kind of assistant.jobKinds()) jobRunner.register(kind);
  jobRunner.start(options.jobTickMs ?? (config.mode === 'production' ? JOB_TICK_MS : DEV_JOB_TICK_MS));
  const graphHealth = new CachedValue(() => directory.ping(), 30_000, clock);
  const health = (): Promise<HealthReport> => checkHealth({
    version: config.version, mode: config.mode, storeKind: store.kind, database: () => store.ping(), graph: () => graphHealth.get(),
  });
  const server = createServer({ adapter, bot, health, log });

  return {
    server,
    directory,
    store,
    delegatedTokens: delegated?.tokens ?? null,
    sweepRequests: () => assistant.expireRequests(),
    sweepCards: () => cardReplacements.replaceDue(),
    sweepWrites,
    runJobs: () => jobRunner.tick(),
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => {
          const address = server.address();
          resolve({ url: `http://${config.host}:${address.port}` });
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive connections would hold the process open after a SIGTERM.
        server.server.closeIdleConnections();
      });
      clearInterval(sweep);
      clearInterval(cardSweep);
      clearTimeout(afterLease);
      await jobRunner.stop();
      await cardReplacements.close();
      await graphConnections.close();
      if (!given) await store.close();
    },
  };
}

/**
 * Where finished writes wait while the database is unreachable: SPOOL_DIR, else `spool` in DATA_DIR (`.data` when the
 * store is PostgreSQL); a directory of its own per process for an in-memory store (tests, which have nothing to keep).
 */
function spoolDirOf(config: Config): string {
  if (config.store.spoolDir) return config.store.spoolDir;
  if (!config.store.databaseUrl && isInMemory(config.store.dataDir)) return mkdtempSync(join(tmpdir(), 'account-assistant-spool-'));
  return join(config.store.dataDir ?? '.data', 'spool');
}

/** The deployer's policy file, when configured; a file that does not parse stops the start with its problems. */
async function readPolicy(path: string | undefined): Promise<Policy> {
  if (!path) return EMPTY_POLICY;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError([`POLICY_FILE cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}): ${path}`]);
  }
  const parsed = parsePolicy(text);
  if (!parsed.ok) throw new ConfigError(parsed.problems.map((p) => `POLICY_FILE ${path}: ${p}`));
  return parsed.policy;
}
