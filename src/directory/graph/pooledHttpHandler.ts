import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Dispatcher, Pool as UndiciPool, errors as UndiciErrors } from 'undici';
import { plainHeaders } from './plainHeaders';

/*
 * undici's pool, its errors and its request call, required from their own files: the package's index loads all of
 * undici (fetch, WebSocket, caches, mocks: 110 modules, 4.5 MB of JavaScript heap for the life of the bot), of which
 * these need 24 (1.6 MB). The index also copies its calls onto every dispatcher's prototype; here `request` is applied
 * to the pool instead (`requestOn`). undici publishes no "exports" map, so these are its files as released;
 * test/directory/pooledHttpHandler checks they are the very ones its index uses.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Pool = require('undici/lib/dispatcher/pool') as typeof UndiciPool;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const errors = require('undici/lib/core/errors') as typeof UndiciErrors;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const requestOn = require('undici/lib/api/api-request') as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
type Pool = UndiciPool;

const POOL_OPTIONS: UndiciPool.Options = {
  /** Connections kept open to one origin (Graph): enough for every concurrent turn's call. */
  connections: 64,
  /** An idle connection is kept this long (undici's default is 4 s: a quiet bot would pay a TLS handshake a turn). */
  keepAliveTimeout: 30_000,
  /** No longer than one attempt may take (the retry middleware's 5 s): a connection that hangs is given up. */
  connectTimeout: 5_000,
};

/** How a connection that broke before any answer fails: a read may go again on a new one, a write never. */
const BROKEN_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * The last link of the Graph client's chain: sends the request through a pool of kept-alive connections (undici,
 * the HTTP client Node's own `fetch` is built on, used directly) and hands the SDK a standard `Response`, as its
 * default `fetch` handler does.
 *
 * Why not `fetch`, nor `http.request`: on a small Graph request `fetch` costs about twice the CPU of
 * `http.request` (0.54 against 0.25 ms, client side), and undici's pool about half of `http.request` again
 * (42 against 75 µs in a loop; 1.4 → 1.26 ms of CPU per bot turn under `npm run bench:throughput`). Bodies are small
 * JSON, read whole; the abort signal of the retry middleware is honoured.
 */
export class PooledHttpHandler implements Middleware {
  private readonly pools = new Map<string, Pool>();

  async execute(context: Context): Promise<void> {
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`unsupported protocol ${url.protocol}`);
    const options = context.options ?? {};
    const method = (options.method ?? 'GET').toUpperCase();
    const body = typeof options.body === 'string' ? options.body : options.body == null ? undefined : String(options.body);
    const request = { path: url.pathname + url.search, method, headers: plainHeaders(options.headers), body, signal: options.signal ?? undefined };
    const pool = this.pool(url.origin);

    const attempt = async (): Promise<Response> => {
      const answer = await untilAborted(requestOn.call(pool, request as Dispatcher.RequestOptions), options.signal ?? undefined);
      let bytes: Buffer;
      try {
        bytes = Buffer.from(await answer.body.arrayBuffer());
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        throw new Error('Graph closed the connection before the response ended', { cause: error });
      }
      return new BufferedResponse(bytes, { status: answer.statusCode, statusText: '', headers: responseHeaders(answer.headers) });
    };
    try {
      context.response = await attempt();
    } catch (error) {
      // An abort (the retry middleware's per-attempt timeout) rejects with the signal's reason, as fetch does.
      if (options.signal?.aborted) throw options.signal.reason;
      // A kept-alive connection the server had just closed: nothing was answered on it, a read may go again.
      if (method !== 'GET' || !(error instanceof errors.SocketError || BROKEN_CONNECTION.has((error as { code?: string }).code ?? ''))) throw error;
      context.response = await attempt();
    }
  }

  /** Closes the pooled connections, once the requests under way are answered (at shutdown). */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, POOL_OPTIONS);
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

/**
 * A `Response` whose body is already read: `text()`, `json()`, `arrayBuffer()` and `blob()` answer from the bytes
 * instead of running them through a web stream again (most of what a small response costs). `body` is null:
 * the bot reads Graph's answers whole, never as a stream.
 */
class BufferedResponse extends Response {
  constructor(private readonly raw: Buffer, init: ResponseInit) {
    super(null, init);
  }

  override text(): Promise<string> {
    return Promise.resolve(this.raw.toString('utf8'));
  }

  override json(): Promise<unknown> {
    return this.text().then((t) => JSON.parse(t));
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.bytesCopy().buffer);
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.bytesCopy()], { type: this.headers.get('content-type') ?? '' }));
  }

  private bytesCopy(): Uint8Array<ArrayBuffer> {
    const copy = new Uint8Array(this.raw.byteLength);
    copy.set(this.raw);
    return copy;
  }

  override clone(): Response {
    return new BufferedResponse(this.raw, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
  }
}

/**
 * `request`, or the signal's reason as soon as it aborts. undici itself only looks at the signal once the request
 * has a connection: one still connecting, or queued behind busy connections, would outlive its attempt. An answer
 * that comes after the abort is thrown away (an aborted request that never got a connection is never sent).
 */
function untilAborted(request: Promise<Dispatcher.ResponseData>, signal: AbortSignal | undefined): Promise<Dispatcher.ResponseData> {
  if (!signal) return request;
  if (signal.aborted) {
    void request.then((late) => late.body.dump(), () => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      void request.then((late) => late.body.dump(), () => undefined);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    request.then(
      (answer) => {
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}
