import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DelegatedTokenIssuer } from './delegatedTokens';
import { FaultInjector } from './faults';
import { GraphError, graphErrorBody, GraphMessages } from './graphError';
import { GraphPipeline, HANG } from './graphPipeline';
import { RequestLog, type LoggedRequest } from './requestLog';
import type { GraphRequest, GraphResponse } from './router';
import { buildGraphRouter, buildSimulationRouter } from './routes';
import { runSyncCycles } from './syncCycle';
import { tenantAsOf } from './tenantAsOf';
import { loadTenantFixture, parseTenantFixture, type TenantFixture, type TenantFixtureInput } from './tenantFixture';
import { TenantState } from './tenantState';
import { sha256, TenantStateFile, type TenantSource } from './tenantStateFile';

export interface GraphEmulatorOptions {
  /** A tenant object (validated like a file) or the path of a tenant JSON file. */
  tenant: TenantFixtureInput | TenantFixture | string;
  /** 0 (default) = a free port. */
  port?: number;
  /**
   * Default 127.0.0.1: the emulator accepts any app token, issues delegated tokens to whoever asks (`/_oauth/token`),
   * and must not be reachable from elsewhere.
   */
  host?: string;
  /** Answer 401 InvalidAuthenticationToken to requests without `Authorization: Bearer …`. */
  requireAuth?: boolean;
  /** Random source for rate-based faults (tests pass a seeded one). */
  random?: () => number;
  /** Most log entries kept (default 10,000). */
  logLimit?: number;
  /** The present, for a tenant file with `asOf` (its dates are moved to it at load). Default: the system clock. */
  now?: () => Date;
  /**
   * Keep the tenant's changes in this file (`npm run dev`: in DATA_DIR): loaded at start when it exists and was
   * saved from the same tenant file, written after changes (debounced, atomically) and at close(). Without it,
   * every start serves the tenant file afresh, as tests expect.
   */
  stateFile?: string;
  /** Milliseconds between the last change and its save (default 500). */
  saveDebounceMs?: number;
  /**
   * Simulate Entra Connect's cycle (`npm run dev`: 30): the tenant's last sync, and that of the accounts synced
   * with it, follow the clock (syncCycle.ts). Default: off, dates stay as loaded.
   */
  syncEveryMinutes?: number;
}

/** With `stateFile`: the saved tenant the emulator started from. */
export interface RestoredState {
  path: string;
  savedAt: string;
  /** The tenant file was edited after the state was saved; the saved state is served all the same. */
  tenantFileChanged: boolean;
}

/** A running emulator. */
export interface GraphEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `url + '/v1.0'` */
  readonly baseUrl: string;
  /** Every answered request, oldest first (a live array). */
  readonly requestLog: LoggedRequest[];
  clearLog(): void;
  readonly faults: FaultInjector;
  /** The tenant as it is now. reset() replaces it: read this property again afterwards. */
  readonly state: TenantState;
  /** With `stateFile`: the saved state it started from, or null when it started from the tenant file. */
  readonly restored: RestoredState | null;
  /** With `stateFile`: the tenant file a state file there was saved from, when that was another one (it is overwritten at the first change). */
  readonly otherTenantState: string | null;
  /**
   * A delegated access token for a user of the tenant (object id or userPrincipalName), as `POST {url}/_oauth/token`
   * issues it: the pipeline then acts as that user and enforces their active directory roles on writes.
   * `expiresInSeconds` (default 3600) may be 0 or negative for an expired one. Throws for an unknown user.
   */
  issueDelegatedToken(userId: string, options?: { expiresInSeconds?: number }): string;
  /** Back to the tenant as loaded (from the tenant file or the state file); also clears faults and the log. Tokens stay valid. */
  reset(): void;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const SAFE_HOST = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/** Starts a Microsoft Graph v1.0 emulator over real HTTP, serving the given tenant. */
export async function startGraphEmulator(opts: GraphEmulatorOptions): Promise<GraphEmulator> {
  const now = opts.now ?? (() => new Date());
  const stateFile = opts.stateFile ? new TenantStateFile(opts.stateFile, tenantSource(opts.tenant), opts.saveDebounceMs) : undefined;
  const saved = stateFile?.read() ?? null;
  const restoredTenant = saved && 'tenant' in saved ? saved : null;
  const loaded = restoredTenant?.tenant ?? (typeof opts.tenant === 'string' ? loadTenantFixture(opts.tenant) : parseTenantFixture(opts.tenant));
  const fixture = tenantAsOf(loaded, now());
  const restored = restoredTenant && { path: opts.stateFile!, savedAt: restoredTenant.savedAt, tenantFileChanged: restoredTenant.tenantFileChanged };
  const otherTenantState = saved && 'otherTenantFile' in saved ? saved.otherTenantFile : null;
  let state = new TenantState(fixture);
  // A tenant with relative dates is saved with them relative again; one written with absolute dates stays so.
  const changed = () => stateFile?.changed(() => state.snapshot(fixture.asOf ? now() : null));
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const log = new RequestLog(opts.logLimit);
  const faults = new FaultInjector(opts.random);
  let url = '';
  const issuer = new DelegatedTokenIssuer(() => `${url}/_oauth`, now);
  const pipeline = new GraphPipeline({ router: buildGraphRouter(), faults, log, state: () => state, requireAuth: opts.requireAuth ?? false, now, closed, issuer });
  const simulation = buildSimulationRouter(now, issuer);

  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      // Last line of defence: the pipeline already turns handler errors into Graph errors.
      const requestId = randomUUID();
      if (res.headersSent) return void res.end();
      res.writeHead(500, { 'content-type': JSON_TYPE, 'request-id': requestId, 'client-request-id': requestId });
      res.end(JSON.stringify(graphErrorBody('generalException', `Graph emulator error: ${(e as Error)?.message}`, requestId)));
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  // A keep-alive socket the server drops just as the client reuses it fails that request ("other side
  // closed"); on a loaded test machine that race is real. Let the client (fetch: 4 s) close idle sockets.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const headers = lowerCaseHeaders(req);
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    let pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
    // @microsoft/microsoft-graph-client treats only https:// URLs as absolute: an http nextLink handed to
    // client.api() (as PageIterator does) arrives appended to the base, /v1.0/http://host:port/v1.0/users.
    // Against real (https) Graph that cannot happen; here it is unwrapped when it names this emulator.
    const pasted = /^\/v1\.0\/https?:\/\/([^/]+)(\/v1\.0(?:\/.*)?)$/i.exec(pathname);
    if (pasted && (pasted[1] === headers.host || `http://${pasted[1]}` === url)) pathname = pasted[2];
    // Links point back where the client addressed us (localhost vs 127.0.0.1), never at a forged host.
    const origin = headers.host && SAFE_HOST.test(headers.host) ? `http://${headers.host}` : url;
    const send = (r: GraphResponse) => write(res, r, requestId, headers['client-request-id']);
    const fail = (status: number, code: string, message: string) =>
      send({ status, body: graphErrorBody(code, message, requestId, headers['client-request-id']) });

    if (pathname === '/' || pathname === '') {
      return send({ status: 200, body: { name: 'Microsoft Graph v1.0 emulator', baseUrl: `${origin}/v1.0`, tenant: state.organization.displayName } });
    }
    const version = /^\/v1\.0(\/|$)/i.exec(pathname);
    // Development aids (`/_simulate/sync`, the token issuer `/_oauth/token`) sit beside the Graph version, not under it,
    // so no Graph client reaches them.
    const oauth = !version && /^\/_oauth(\/|$)/i.test(pathname);
    const simulated = oauth || (!version && /^\/_simulate(\/|$)/i.test(pathname));
    if (!version && !simulated) return fail(400, 'BadRequest', `Invalid version: the emulator serves /v1.0 only, not '${pathname.split('/')[1]?.slice(0, 50)}'.`);
    const path = simulated ? pathname : pathname.slice(5) || '/';
    let segments: string[];
    try {
      segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return fail(400, 'BadRequest', 'Bad Request - Invalid URL: a path segment is not valid percent-encoding.');
    }
    const text = await readBody(req);
    if (text === null) return fail(413, 'RequestEntityTooLarge', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    let body: unknown;
    if (text.trim().length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        return fail(400, 'BadRequest', GraphMessages.invalidJson);
      }
    }
    if (opts.syncEveryMinutes) runSyncCycles(state, now(), opts.syncEveryMinutes);
    const graphRequest: GraphRequest = {
      method: (req.method ?? 'GET').toUpperCase(), path, segments, query: new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1)), headers, body, requestId,
    };
    const response = simulated ? await simulate(graphRequest, `${origin}/v1.0`) : await pipeline.execute(graphRequest, `${origin}/v1.0`);
    if (response === HANG) return void res.destroy();
    // Any write that succeeded may have changed the tenant ($batch too); a save too many costs nothing. Issuing a token
    // changes nothing.
    if (graphRequest.method !== 'GET' && response.status < 400 && !oauth) changed();
    send(response);
  }

  /** A `/_simulate/…` or `/_oauth/…` request: routed and its errors shaped as Graph's, but no token, faults or log entry. */
  async function simulate(req: GraphRequest, baseUrl: string): Promise<GraphResponse> {
    try {
      const { handler, params } = simulation.resolve(req.method, req.segments);
      const dispatch = () => Promise.reject(new Error('a simulation does not dispatch Graph requests'));
      return await handler({ req, params, state, baseUrl, now, dispatch });
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      return { status: e.status, headers: e.headers, body: graphErrorBody(e.code, e.message, req.requestId, req.headers['client-request-id']) };
    }
  }

  return {
    url,
    baseUrl: `${url}/v1.0`,
    requestLog: log.entries,
    clearLog: () => log.clear(),
    faults,
    get state() {
      return state;
    },
    restored,
    otherTenantState,
    issueDelegatedToken(userId, options = {}) {
      const user = state.findUser(userId);
      if (!user) throw new Error(`issueDelegatedToken: no user ${userId} in the tenant`);
      return issuer.issue(user, String(state.organization.id), options.expiresInSeconds);
    },
    reset() {
      state = new TenantState(fixture);
      faults.clear();
      log.clear();
      changed();
    },
    async close() {
      markClosed();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      stateFile?.flush();
    },
  };
}

/** Which tenant file a state file belongs to, and at what content. */
function tenantSource(tenant: GraphEmulatorOptions['tenant']): TenantSource {
  if (typeof tenant !== 'string') return { path: '(tenant object)', sha256: sha256(JSON.stringify(tenant)) };
  let text = '';
  try {
    text = readFileSync(tenant, 'utf8');
  } catch {
    // loadTenantFixture says what is wrong with the path.
  }
  return { path: tenant, sha256: sha256(text) };
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The body as text, or null when it exceeds the limit (the rest is drained, not buffered). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8');
}

function write(res: ServerResponse, r: GraphResponse, requestId: string, clientRequestId: string | undefined): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId, ...(r.headers ?? {}) };
  let payload: string | undefined;
  if (r.body !== undefined && r.status !== 204) {
    payload = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    headers['content-type'] = typeof r.body === 'string' ? 'text/plain;charset=utf-8' : JSON_TYPE;
    if (typeof r.body !== 'string') headers['odata-version'] = '4.0';
  }
  res.writeHead(r.status, headers);
  res.end(payload);
}
