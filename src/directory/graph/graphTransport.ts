import { Client, GraphError, ResponseType } from '@microsoft/microsoft-graph-client';
import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { DirectoryError, isAppError, type ErrorCode } from '../../errors';
import { BearerOverrideOption } from './bearerTokenMiddleware';
import { ReadOnlyOption, SingleAttemptOption } from './retryBudgetMiddleware';

export interface GraphResponse<T> {
  status: number;
  body: T;
  requestId: string | null;
}

export interface GraphCallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Send once: the retry middleware does not send it again, whatever the answer. `POST /$batch` uses it, and
   * decides itself what may go again (see batchSend.ts).
   */
  singleAttempt?: boolean;
  /**
   * A POST that only reads (`POST /$batch` of GETs): retried as a GET is (a 504 or a timed-out attempt too), and its
   * failure never reported as a write that may have landed.
   */
  readOnly?: boolean;
  /**
   * Delegated mode: the bearer token this one call carries instead of the app's (the acting admin's own, from a
   * DelegatedTokenSource), asked for when the call is sent and attached by BearerTokenMiddleware, so that it too goes
   * to the Graph origin only. What it throws (SignInRequired) comes out of the call unchanged; a 403 answered to a
   * call with it is Entra refusing the admin's own rights: ENTRA_REFUSED, not GRAPH_FORBIDDEN.
   */
  bearer?: () => Promise<string>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Graph's message for a write to an on-premises mastered property of a synchronized account. */
const ON_PREMISES_MASTERED = /on-premises mastered|originated within an external service|undergoing migration/i;

/**
 * The one place a Graph call is made: sends through the middleware chain, returns status, body and
 * request-id, and turns every failure into a DirectoryError with the project's own code.
 */
export class GraphTransport {
  constructor(private readonly client: Client) {}

  async call<T = unknown>(method: Method, pathAndQuery: string, options: GraphCallOptions = {}): Promise<GraphResponse<T>> {
    const r = await this.send<T>(method, pathAndQuery, options);
    // A gateway timeout on a write: the write may have been done behind it (the caller reads to find out).
    const writes = method !== 'GET' && options.readOnly !== true;
    if (r.status < 200 || r.status >= 300) throw fromResponse(r.status, r.body, r.requestId, writes && r.status === 504, options.bearer !== undefined);
    return r;
  }

  /**
   * Like `call`, but an HTTP error comes back as an answer (with its Retry-After) instead of a throw: for callers that
   * decide themselves what a status means (`POST /$batch`). What never got an answer (timeout, cut connection) throws.
   */
  async send<T = unknown>(method: Method, pathAndQuery: string, options: GraphCallOptions = {}): Promise<GraphResponse<T> & { retryAfterMs: number | null }> {
    let response: Response;
    // What the delegated token source threw, kept as thrown: the client would wrap it in its own GraphError.
    let tokenError: { error: unknown } | null = null;
    try {
      let request = this.client.api(pathAndQuery).responseType(ResponseType.RAW);
      if (options.headers) request = request.headers(options.headers);
      const middlewareOptions: MiddlewareOptions[] = [];
      if (options.singleAttempt) middlewareOptions.push(new SingleAttemptOption());
      if (options.readOnly) middlewareOptions.push(new ReadOnlyOption());
      const bearer = options.bearer;
      if (bearer) {
        middlewareOptions.push(new BearerOverrideOption(async () => {
          try {
            return await bearer();
          } catch (error) {
            tokenError = { error };
            throw error;
          }
        }));
      }
      if (middlewareOptions.length > 0) request = request.middlewareOptions(middlewareOptions);
      response = await sendRequest(request, method, options.body);
    } catch (error) {
      if (tokenError) throw delegatedTokenFailure((tokenError as { error: unknown }).error);
      throw fromThrown(error, options.readOnly ? 'GET' : method);
    }
    const requestId = response.headers.get('request-id');
    const text = await response.text();
    const body = text ? safeJson(text) : null;
    return { status: response.status, body: body as T, requestId, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
  }
}

/** Retry-After in milliseconds (seconds or an HTTP date), null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | null {
  if (header === null || header === undefined || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

function sendRequest(request: ReturnType<Client['api']>, method: Method, body: unknown): Promise<Response> {
  switch (method) {
    case 'GET': return request.get();
    case 'POST': return request.post(body ?? {});
    case 'PATCH': return request.patch(body ?? {});
    case 'PUT': return request.put(body ?? {});
    case 'DELETE': return request.delete();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text.slice(0, 500) };
  }
}

/**
 * The delegated token source failed before anything was sent: its own AppError (SignInRequired) as it is, anything
 * else as an authentication failure. Nothing of the token or the source's message is kept.
 */
function delegatedTokenFailure(error: unknown): Error {
  if (isAppError(error)) return error;
  return new DirectoryError('GRAPH_AUTH_FAILED', 'Could not get the acting admin\'s delegated token for Microsoft Graph', 0, null, null);
}

/**
 * Maps Graph's answer to our code; the raw message is kept for the log only, never shown to users. `delegated`: the
 * call carried the acting admin's own token, so a 403 is Entra refusing their rights (ENTRA_REFUSED).
 */
export function fromResponse(status: number, body: unknown, requestId: string | null, mayHaveLanded = false, delegated = false): DirectoryError {
  const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
  const graphCode = err?.code ?? null;
  const message = err?.message ?? `HTTP ${status}`;
  let code: ErrorCode;
  if (status === 400 && graphCode === 'Request_BadRequest' && ON_PREMISES_MASTERED.test(message)) code = 'ACCOUNT_SYNCED';
  else if (status === 400) code = 'GRAPH_BAD_REQUEST';
  else if (status === 401) code = 'GRAPH_AUTH_FAILED';
  else if (status === 403) code = delegated ? 'ENTRA_REFUSED' : 'GRAPH_FORBIDDEN';
  else if (status === 404) code = 'GRAPH_NOT_FOUND';
  else if (status === 429) code = 'GRAPH_THROTTLED';
  else if (status === 503 || status === 504 || status === 502) code = 'GRAPH_UNAVAILABLE';
  else code = 'GRAPH_ERROR';
  return new DirectoryError(code, message, status, graphCode, requestId, mayHaveLanded);
}

function fromThrown(error: unknown, method: Method): DirectoryError {
  // The client wraps what fetch threw; the original sits in `body` when it came from another realm.
  const inner = error instanceof GraphError && typeof error.body === 'object' && error.body ? (error.body as Error) : undefined;
  const name = [error instanceof GraphError ? error.code : (error as Error)?.name, inner?.name].filter(Boolean).join(' ');
  const message = [(error as Error)?.message, inner?.message, String(error?.toString?.() ?? '')].filter(Boolean).join(' ');
  if (/TimeoutError|AbortError/.test(name) || /aborted|timed? ?out/i.test(message)) {
    return new DirectoryError('GRAPH_TIMEOUT', 'Graph did not answer in time', 0, null, null, method !== 'GET');
  }
  if (/credential|authentication|token/i.test(`${name} ${message}`)) {
    return new DirectoryError('GRAPH_AUTH_FAILED', 'Could not get a token for Microsoft Graph', 0, null, null);
  }
  return new DirectoryError('GRAPH_UNAVAILABLE', `Graph could not be reached: ${message.slice(0, 200)}`, 0, null, null, method !== 'GET');
}
