import { existsSync } from 'node:fs';
import { z } from 'zod';

/**
 * Typed configuration, read once from the environment at start-up.
 *
 * Two modes:
 * - `production` (`npm start`): the bot identity, a tenant allow-list and a Graph credential are required;
 *   every request must be authenticated by the Bot Framework.
 * - `development` (`npm run dev`): no Azure account; binds to 127.0.0.1 only and talks to the Graph emulator.
 *   Only the dev script builds this mode: nothing in the environment can switch production into it.
 */
export type Mode = 'production' | 'development';

export type GraphCredentialConfig =
  | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath: string }
  | { kind: 'managedIdentity'; clientId?: string }
  /** Development only: the emulator accepts any bearer token. */
  | { kind: 'development' };

/** Whose token Graph writes carry (GRAPH_MODE). */
export type GraphMode = 'application' | 'delegated';

/**
 * Teams single sign-on for delegated mode (production): the Azure Bot's OAuth connection whose token is the admin's
 * SSO token for `api://botid-<app id>`, and the app registration's own secret or certificate, with which that token is
 * exchanged on-behalf-of the admin for a Graph token.
 */
export interface SsoConfig {
  /** OAUTH_CONNECTION_NAME: the OAuth connection setting on the Azure Bot. */
  connectionName: string;
  /** The bot's app registration (MicrosoftAppId), as configured for Graph (GRAPH_AUTH clientSecret or certificate). */
  credential: Extract<GraphCredentialConfig, { kind: 'clientSecret' | 'certificate' }>;
}

export interface BotIdentity {
  appId: string;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  appTenantId: string;
  appPassword: string;
}

export interface Config {
  mode: Mode;
  version: string;
  host: string;
  port: number;
  /** Empty in development, where the local client sends no token. */
  bot: BotIdentity | null;
  allowedTenantIds: string[];
  graph: { baseUrl: string; credential: GraphCredentialConfig };
  /**
   * GRAPH_MODE (default `application`): `delegated` makes every write carry the acting admin's own Graph token, so
   * Entra enforces their roles, PIM activation and Conditional Access, and its audit log names them.
   */
  graphMode: GraphMode;
  /**
   * Delegated mode in production: how admins sign in (Teams SSO, on-behalf-of). Null in application mode, and in
   * development, where the emulator's local issuer signs the chat user in.
   */
  sso: SsoConfig | null;
  /** `spoolDir` (SPOOL_DIR): where finished writes wait while the database is unreachable; see app.ts. */
  store: { databaseUrl?: string; dataDir?: string; spoolDir?: string };
  policyFile?: string;
  /** The tenant writes cloud password resets back to AD (PASSWORD_WRITEBACK): apps cannot read this from Graph. */
  passwordWriteback: boolean;
  /**
   * Read PIM eligibilities (READ_ROLE_ELIGIBILITY, default true): people eligible for a role are then protected as
   * if they held it. Needs the RoleEligibilitySchedule.Read.Directory permission; without it every role read fails
   * and the bot refuses every change (closed), saying which permission is missing. Turning it off is a choice.
   */
  readRoleEligibility: boolean;
  /** A manager's request expires when no admin decides within this many days (REQUEST_TTL_DAYS, default 7). */
  requestTtlDays: number;
  /** How often a watched hand-over is read again until its sync lands (SYNC_WATCH_SECONDS, default 120; at most 10 in development). */
  syncWatchSeconds: number;
  /** A hand-over no sync has followed for this long is reported as a sync that looks stuck (SYNC_OVERDUE_MINUTES, default 90). */
  syncOverdueMinutes: number;
  /** How long after a change its Undo works, on the card and in chat (UNDO_HOURS, default 24). */
  undoHours: number;
  /** A scheduled change whose time passed while no instance ran is still applied this long after (SCHEDULE_GRACE_HOURS, default 24). */
  scheduleGraceHours: number;
  /** Service URL hosts accepted beside Teams' own (SERVICE_URL_HOSTS), e.g. a sovereign cloud without a preset. */
  extraServiceHosts: string[];
  /**
   * Hosts files sent to the bot may be downloaded from, and results files uploaded to (FILE_DOWNLOAD_HOSTS,
   * comma-separated; `*.x.y` matches any name below x.y). Teams keeps both in OneDrive: default `*.sharepoint.com`.
   * Development adds `127.0.0.1,localhost` (plain http is allowed only to those, and only when listed).
   */
  fileDownloadHosts: string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** Raised with one line per problem, each naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is incomplete or invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Graph endpoints of the public and national clouds; anything else needs ALLOW_CUSTOM_GRAPH_URL. */
export const KNOWN_GRAPH_HOSTS = ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn'];

const port = z.coerce.number().int().min(0).max(65535);
const logLevel = z.enum(['debug', 'info', 'warn', 'error']);

function read(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** Production configuration from the environment; throws ConfigError listing every problem at once. */
export function loadProductionConfig(env: Env, version: string): Config {
  const problems: string[] = [];
  const need = (name: string, why = 'is required'): string => {
    const v = read(env, name);
    if (!v) problems.push(`${name} ${why}`);
    return v ?? '';
  };
  const guid = (name: string, value: string): void => {
    if (value && !GUID.test(value)) problems.push(`${name} must be a GUID (got '${value.slice(0, 40)}')`);
  };

  const appId = need('MicrosoftAppId', 'is required: the Azure Bot\'s Microsoft App ID');
  guid('MicrosoftAppId', appId);
  const appTypeRaw = read(env, 'MicrosoftAppType') ?? 'SingleTenant';
  const appType = z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).safeParse(appTypeRaw);
  if (!appType.success) problems.push(`MicrosoftAppType must be SingleTenant, MultiTenant or UserAssignedMSI (got '${appTypeRaw}')`);
  const appTenantId = need('MicrosoftAppTenantId', 'is required: the tenant of the bot\'s app registration');
  guid('MicrosoftAppTenantId', appTenantId);
  const appPassword = read(env, 'MicrosoftAppPassword') ?? '';
  if (appType.success && appType.data !== 'UserAssignedMSI' && !appPassword) {
    problems.push('MicrosoftAppPassword is required unless MicrosoftAppType is UserAssignedMSI');
  }

  const allowedTenantIds = (read(env, 'ALLOWED_TENANT_IDS') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (allowedTenantIds.length === 0) problems.push('ALLOWED_TENANT_IDS is required: the tenant id(s) whose users may use the bot, comma-separated');
  allowedTenantIds.forEach((t) => guid('ALLOWED_TENANT_IDS', t));

  const credential = graphCredential(env, { appId, appTenantId, appPassword }, problems);
  const baseUrl = graphBaseUrl(env, problems);
  const graphMode = graphModeOf(env, problems);
  const sso = graphMode === 'delegated' ? ssoConfig(env, credential, { appId, appType: appType.success ? appType.data : null }, problems) : null;

  const p = port.safeParse(read(env, 'PORT') ?? '3978');
  if (!p.success) problems.push(`PORT must be a port number (got '${read(env, 'PORT')}')`);
  const level = logLevel.safeParse(read(env, 'LOG_LEVEL') ?? 'info');
  if (!level.success) problems.push('LOG_LEVEL must be one of debug, info, warn, error');
  const writeback = read(env, 'PASSWORD_WRITEBACK') ?? 'false';
  if (writeback !== 'true' && writeback !== 'false') problems.push(`PASSWORD_WRITEBACK must be true or false (got '${writeback.slice(0, 40)}')`);
  // On by default: tenants that follow Microsoft's advice keep their Global Administrators eligible only (PIM).
  const eligibility = read(env, 'READ_ROLE_ELIGIBILITY') ?? 'true';
  if (eligibility !== 'true' && eligibility !== 'false') problems.push(`READ_ROLE_ELIGIBILITY must be true or false (got '${eligibility.slice(0, 40)}')`);
  const policyFile = read(env, 'POLICY_FILE');
  const ttl = z.coerce.number().int().min(1).max(90).safeParse(read(env, 'REQUEST_TTL_DAYS') ?? '7');
  if (!ttl.success) problems.push(`REQUEST_TTL_DAYS must be a whole number of days from 1 to 90 (got '${read(env, 'REQUEST_TTL_DAYS')}')`);
  const undo = z.coerce.number().int().min(1).max(720).safeParse(read(env, 'UNDO_HOURS') ?? '24');
  if (!undo.success) problems.push(`UNDO_HOURS must be a whole number of hours from 1 to 720 (got '${read(env, 'UNDO_HOURS')}')`);
  // At least an hour: a change is always a little late (the runner ticks every 15 s), and 0 would call every one missed.
  const grace = z.coerce.number().int().min(1).max(720).safeParse(read(env, 'SCHEDULE_GRACE_HOURS') ?? '24');
  if (!grace.success) problems.push(`SCHEDULE_GRACE_HOURS must be a whole number of hours from 1 to 720 (got '${read(env, 'SCHEDULE_GRACE_HOURS')}')`);
  const watchSeconds = z.coerce.number().int().min(10).max(3600).safeParse(read(env, 'SYNC_WATCH_SECONDS') ?? '120');
  if (!watchSeconds.success) problems.push(`SYNC_WATCH_SECONDS must be a whole number of seconds from 10 to 3600 (got '${read(env, 'SYNC_WATCH_SECONDS')}')`);
  const overdue = z.coerce.number().int().min(5).max(10_080).safeParse(read(env, 'SYNC_OVERDUE_MINUTES') ?? '90');
  if (!overdue.success) problems.push(`SYNC_OVERDUE_MINUTES must be a whole number of minutes from 5 to 10080 (got '${read(env, 'SYNC_OVERDUE_MINUTES')}')`);
  if (policyFile && !existsSync(policyFile)) problems.push(`POLICY_FILE names a file that does not exist: ${policyFile}`);
  const fileHosts = fileDownloadHosts(env, PRODUCTION_FILE_HOSTS, problems, { loopback: false });

  if (problems.length) throw new ConfigError(problems);
  return {
    mode: 'production',
    version,
    host: read(env, 'HOST') ?? '0.0.0.0',
    port: p.success ? p.data : 3978,
    bot: { appId, appType: appType.success ? appType.data : 'SingleTenant', appTenantId, appPassword },
    allowedTenantIds,
    graph: { baseUrl, credential },
    graphMode,
    sso,
    store: storeConfig(env),
    policyFile,
    passwordWriteback: writeback === 'true',
    readRoleEligibility: eligibility === 'true',
    requestTtlDays: ttl.success ? ttl.data : 7,
    syncWatchSeconds: watchSeconds.success ? watchSeconds.data : 120,
    syncOverdueMinutes: overdue.success ? overdue.data : 90,
    undoHours: undo.success ? undo.data : 24,
    scheduleGraceHours: grace.success ? grace.data : 24,
    extraServiceHosts: (read(env, 'SERVICE_URL_HOSTS') ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    fileDownloadHosts: fileHosts,
    logLevel: level.success ? level.data : 'info',
  };
}

/** Where Teams keeps files sent to and by a bot in a personal chat: the users' OneDrive for Business. */
export const PRODUCTION_FILE_HOSTS = ['*.sharepoint.com'];
export const DEVELOPMENT_FILE_HOSTS = ['*.sharepoint.com', '127.0.0.1', 'localhost'];

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * FILE_DOWNLOAD_HOSTS: host names, exact or `*.` followed by a name of at least two labels (`*.com` would let a
 * pre-authenticated link go anywhere). The machine itself (127.0.0.1, localhost) only where `loopback` allows it.
 */
function fileDownloadHosts(env: Env, fallback: string[], problems: string[], opts: { loopback: boolean }): string[] {
  const raw = read(env, 'FILE_DOWNLOAD_HOSTS');
  if (raw === undefined) return [...fallback];
  const hosts = raw.split(',').map((h) => h.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean);
  if (hosts.length === 0) problems.push('FILE_DOWNLOAD_HOSTS must name at least one host (e.g. *.sharepoint.com)');
  for (const host of hosts) {
    const name = host.startsWith('*.') ? host.slice(2) : host;
    const shown = host.slice(0, 80);
    if (!HOST_NAME.test(name) && name !== '127.0.0.1') problems.push(`FILE_DOWNLOAD_HOSTS: '${shown}' is not a host name or *.domain`);
    else if (host.startsWith('*.') && !name.includes('.')) problems.push(`FILE_DOWNLOAD_HOSTS: '${shown}' covers a whole top-level domain; name the domain (e.g. *.sharepoint.com)`);
    else if (!opts.loopback && (name === '127.0.0.1' || name === 'localhost')) problems.push(`FILE_DOWNLOAD_HOSTS: '${shown}' is this machine; only development may download from it`);
  }
  return hosts;
}

function graphCredential(
  env: Env,
  bot: { appId: string; appTenantId: string; appPassword: string },
  problems: string[],
): GraphCredentialConfig {
  const kind = read(env, 'GRAPH_AUTH') ?? 'clientSecret';
  const tenantId = read(env, 'GRAPH_TENANT_ID') ?? bot.appTenantId;
  const clientId = read(env, 'GRAPH_CLIENT_ID') ?? bot.appId;
  switch (kind) {
    case 'clientSecret': {
      const clientSecret = read(env, 'GRAPH_CLIENT_SECRET') ?? '';
      if (!clientSecret) problems.push('GRAPH_CLIENT_SECRET is required when GRAPH_AUTH is clientSecret (the default)');
      return { kind, tenantId, clientId, clientSecret };
    }
    case 'certificate': {
      const certificatePath = read(env, 'GRAPH_CERTIFICATE_PATH') ?? '';
      if (!certificatePath) problems.push('GRAPH_CERTIFICATE_PATH is required when GRAPH_AUTH is certificate (a PEM file with the private key)');
      return { kind, tenantId, clientId, certificatePath };
    }
    case 'managedIdentity':
      return { kind, clientId: read(env, 'GRAPH_MANAGED_IDENTITY_CLIENT_ID') };
    default:
      problems.push(`GRAPH_AUTH must be clientSecret, certificate or managedIdentity (got '${kind}')`);
      return { kind: 'managedIdentity' };
  }
}

function graphModeOf(env: Env, problems: string[]): GraphMode {
  const raw = read(env, 'GRAPH_MODE') ?? 'application';
  if (raw === 'application' || raw === 'delegated') return raw;
  problems.push(`GRAPH_MODE must be application or delegated (got '${raw.slice(0, 40)}')`);
  return 'application';
}

/**
 * Delegated mode signs admins in through Teams SSO: the Azure Bot's OAuth connection gives the admin's token for the
 * bot's own API (`api://botid-<MicrosoftAppId>`), which only the bot's app registration can exchange on-behalf-of them,
 * with a secret or a certificate (a managed identity cannot).
 */
function ssoConfig(
  env: Env,
  credential: GraphCredentialConfig,
  bot: { appId: string; appType: BotIdentity['appType'] | null },
  problems: string[],
): SsoConfig | null {
  const connectionName = read(env, 'OAUTH_CONNECTION_NAME') ?? '';
  if (!connectionName) problems.push('OAUTH_CONNECTION_NAME is required when GRAPH_MODE is delegated: the name of the OAuth connection on the Azure Bot that gives the admin\'s Teams sign-in token');
  if (bot.appType === 'UserAssignedMSI') problems.push('GRAPH_MODE=delegated needs a bot app registration with a secret or certificate: Teams single sign-on does not work with MicrosoftAppType UserAssignedMSI');
  if (credential.kind !== 'clientSecret' && credential.kind !== 'certificate') {
    if (read(env, 'GRAPH_AUTH') === 'managedIdentity') problems.push('GRAPH_MODE=delegated needs GRAPH_AUTH clientSecret or certificate: the on-behalf-of exchange of the admin\'s token cannot use a managed identity');
    return null;
  }
  if (bot.appId && credential.clientId.toLowerCase() !== bot.appId.toLowerCase()) {
    problems.push(`GRAPH_MODE=delegated needs GRAPH_CLIENT_ID to be the bot's own MicrosoftAppId (got '${credential.clientId.slice(0, 40)}'): the Teams sign-in token is issued to api://botid-<MicrosoftAppId>, and only that app can exchange it`);
  }
  return connectionName ? { connectionName, credential } : null;
}

function graphBaseUrl(env: Env, problems: string[]): string {
  const raw = read(env, 'GRAPH_BASE_URL') ?? 'https://graph.microsoft.com';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`GRAPH_BASE_URL must be a URL (got '${raw}')`);
    return raw;
  }
  const custom = read(env, 'ALLOW_CUSTOM_GRAPH_URL') === 'true';
  if (url.protocol !== 'https:' && !custom) problems.push('GRAPH_BASE_URL must use https');
  if (!KNOWN_GRAPH_HOSTS.includes(url.hostname) && !custom) {
    problems.push(`GRAPH_BASE_URL host '${url.hostname}' is not a Microsoft Graph cloud; set ALLOW_CUSTOM_GRAPH_URL=true if you mean it`);
  }
  return url.origin;
}

function storeConfig(env: Env): Config['store'] {
  const databaseUrl = read(env, 'DATABASE_URL');
  const spoolDir = read(env, 'SPOOL_DIR');
  const base = databaseUrl ? { databaseUrl } : { dataDir: read(env, 'DATA_DIR') ?? '.data' };
  return spoolDir ? { ...base, spoolDir } : base;
}

/** Development configuration: local only, Graph is the emulator at `graphBaseUrl`. */
export function developmentConfig(
  env: Env,
  version: string,
  opts: { graphBaseUrl: string; tenantId: string },
): Config {
  return {
    mode: 'development',
    version,
    host: '127.0.0.1',
    port: Number(read(env, 'PORT') ?? 3978),
    bot: null,
    allowedTenantIds: [opts.tenantId],
    graph: { baseUrl: opts.graphBaseUrl, credential: { kind: 'development' } },
    // Delegated mode works without Azure here: the emulator's local issuer signs the chat user in (no Teams SSO).
    graphMode: read(env, 'GRAPH_MODE') === 'delegated' ? 'delegated' : 'application',
    sso: null,
    store: storeConfig(env),
    policyFile: read(env, 'POLICY_FILE'),
    passwordWriteback: read(env, 'PASSWORD_WRITEBACK') === 'true',
    // The emulator serves eligibilities: the demo shows PIM-eligible people protected.
    readRoleEligibility: read(env, 'READ_ROLE_ELIGIBILITY') !== 'false',
    requestTtlDays: Math.min(90, Math.max(1, Number(read(env, 'REQUEST_TTL_DAYS') ?? 7) || 7)),
    // The demo shows a simulated sync landing within seconds: at most 10 s between looks.
    syncWatchSeconds: Math.min(10, Math.max(1, Number(read(env, 'SYNC_WATCH_SECONDS') ?? 10) || 10)),
    syncOverdueMinutes: Math.min(10_080, Math.max(1, Number(read(env, 'SYNC_OVERDUE_MINUTES') ?? 90) || 90)),
    undoHours: Math.min(720, Math.max(1, Math.floor(Number(read(env, 'UNDO_HOURS') ?? 24)) || 24)),
    scheduleGraceHours: Math.min(720, Math.max(1, Math.floor(Number(read(env, 'SCHEDULE_GRACE_HOURS') ?? 24) || 24))),
    extraServiceHosts: [],
    fileDownloadHosts: developmentFileHosts(env),
    logLevel: logLevel.catch('info').parse(read(env, 'LOG_LEVEL') ?? 'info'),
  };
}

/** Development: FILE_DOWNLOAD_HOSTS when it is valid, else the default (local files and OneDrive). */
function developmentFileHosts(env: Env): string[] {
  const problems: string[] = [];
  const hosts = fileDownloadHosts(env, DEVELOPMENT_FILE_HOSTS, problems, { loopback: true });
  return problems.length ? [...DEVELOPMENT_FILE_HOSTS] : hosts;
}
