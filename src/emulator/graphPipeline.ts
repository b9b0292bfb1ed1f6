import type { Caller, DelegatedTokenIssuer } from './delegatedTokens';
import { authorizeDelegatedWrite } from './entraRoles';
import { FAULT_ERRORS, type FaultInjector } from './faults';
import { GraphError, graphErrorBody } from './graphError';
import { loggedHeaders, redactSecrets, type RequestLog } from './requestLog';
import type { GraphRequest, GraphResponse, Router } from './router';
import type { TenantState } from './tenantState';

export interface PipelineOptions {
  router: Router;
  faults: FaultInjector;
  log: RequestLog;
  /** The current tenant (reset() swaps it). */
  state: () => TenantState;
  requireAuth: boolean;
  /** The emulator's clock, handed to every route. */
  now: () => Date;
  /** Resolves when the emulator closes: hanging faults end then. */
  closed: Promise<void>;
  /** The local issuer of delegated tokens: a request with one of its tokens acts as that user (entraRoles.ts). */
  issuer?: DelegatedTokenIssuer;
}

/** Marker for a request a `hang` fault swallowed: the HTTP layer never answers it. */
export const HANG = Symbol('hang');

/**
 * What happens to every Graph call, top-level or inside a $batch: fault injection, authentication,
 * routing, the one central conversion of thrown errors into Graph's error shape, and the log entry.
 * It never throws, so no handler can take the server down.
 */
export class GraphPipeline {
  constructor(private readonly options: PipelineOptions) {}

  async execute(req: GraphRequest, baseUrl: string, batchRequestId?: string): Promise<GraphResponse | typeof HANG> {
    // Wall-clock time for the log's `time`; a monotonic sub-millisecond clock for `durationMs` (benchmarks sum it).
    const started = { at: Date.now(), mono: performance.now() };
    const clientRequestId = req.headers['client-request-id'];
    const caller = this.callerOf(req);
    let response: GraphResponse;
    let fromFault = false;
    let error: string | undefined;
    const fault = this.options.faults.take(req.method, req.path, batchRequestId !== undefined);
    if (fault?.delayMs) await Promise.race([delay(fault.delayMs), this.options.closed]);
    if (fault?.hang) {
      this.record(req, { status: 0 }, started, batchRequestId, caller, true);
      await this.options.closed;
      return HANG;
    }
    if (fault?.status) {
      fromFault = true;
      // The work is done, the answer says otherwise: what a client that retries must cope with.
      if (fault.landed) await this.route(req, baseUrl, caller, batchRequestId).catch(() => undefined);
      const known = FAULT_ERRORS[fault.status];
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      response = {
        status: fault.status,
        headers,
        body: graphErrorBody(fault.code ?? known.code, fault.message ?? known.message, req.requestId, clientRequestId),
      };
    } else {
      try {
        response = await this.route(req, baseUrl, caller, batchRequestId);
      } catch (e) {
        if (e instanceof GraphError) {
          response = { status: e.status, headers: e.headers, body: graphErrorBody(e.code, e.message, req.requestId, clientRequestId) };
        } else {
          error = e instanceof Error ? e.message : String(e);
          response = { status: 500, body: graphErrorBody('generalException', `Graph emulator error: ${error}`, req.requestId, clientRequestId) };
        }
      }
    }
    this.record(req, response, started, batchRequestId, caller, fromFault, error);
    if (fault?.lostResponse) {
      await this.options.closed;
      return HANG;
    }
    return response;
  }

  /** Whose rights a request uses: the app's, a signed-in user's (a delegated token of this emulator), or none (401). */
  private callerOf(req: GraphRequest): Caller {
    const issuer = this.options.issuer;
    if (!issuer) return { kind: 'app' };
    const state = this.options.state();
    return issuer.inspect(req.headers.authorization, String(state.organization.id), (id) => state.userById(id) !== undefined);
  }

  private async route(req: GraphRequest, baseUrl: string, caller: Caller, batchRequestId?: string): Promise<GraphResponse> {
    if (this.options.requireAuth && !batchRequestId && !/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) {
      throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    }
    if (caller.kind === 'invalid') throw new GraphError(401, 'InvalidAuthenticationToken', caller.message);
    const { handler, params } = this.options.router.resolve(req.method, req.segments);
    const isBatch = req.segments[0]?.toLowerCase() === '$batch';
    if (batchRequestId && isBatch) {
      throw new GraphError(400, 'BadRequest', 'A $batch request cannot contain another $batch.');
    }
    // A user's token: Entra judges every write (each $batch item on its own) by that user's active roles.
    if (caller.kind === 'delegated' && req.method !== 'GET' && !isBatch) authorizeDelegatedWrite(this.options.state(), req, caller.userId);
    return handler({
      req,
      params,
      state: this.options.state(),
      baseUrl,
      now: this.options.now,
      dispatch: async (inner) => {
        const result = await this.execute(inner, baseUrl, req.requestId);
        // A hang inside a batch holds the whole batch until the emulator closes.
        return result === HANG ? { status: 503 } : result;
      },
    });
  }

  private record(
    req: GraphRequest, response: GraphResponse, started: { at: number; mono: number }, batchRequestId: string | undefined, caller: Caller, fault: boolean,
    error?: string,
  ): void {
    this.options.log.add({
      method: req.method,
      path: `/v1.0${req.path}`,
      query: Object.fromEntries(req.query),
      headers: loggedHeaders(req.headers),
      hasAuth: /^Bearer\s+\S+/i.test(req.headers.authorization ?? ''),
      body: redactSecrets(req.body),
      status: response.status,
      requestId: req.requestId,
      time: new Date(started.at).toISOString(),
      durationMs: performance.now() - started.mono,
      ...(batchRequestId ? { batchRequestId } : {}),
      ...(caller.kind === 'delegated' ? { delegatedUserId: caller.userId } : {}),
      ...(fault ? { fault: true } : {}),
      ...(error ? { error } : {}),
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
