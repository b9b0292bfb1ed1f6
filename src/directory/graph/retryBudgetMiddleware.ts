import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';

export interface RetryBudgetOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Total time one call may take, retries and waits included: it must fit Teams' ~15 s invoke limit. */
  budgetMs: number;
  /** One attempt is abandoned after this long (a hanging request). */
  attemptTimeoutMs: number;
  /** Wait when a throttled answer gives no Retry-After. */
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryBudgetOptions = { maxRetries: 3, budgetMs: 9_000, attemptTimeoutMs: 5_000, baseDelayMs: 500 };

/** Answers that say Graph did not do the work: safe to send again, writes included. */
const RETRYABLE = new Set([429, 503]);
/** A gateway that gave up waiting: the work may have been done, so only reads are sent again. */
const RETRYABLE_READ = new Set([...RETRYABLE, 504]);
/**
 * Per-request option: one attempt, never sent again by this middleware (still bounded by the attempt timeout). For
 * `POST /$batch`: whether resending is safe depends on what each item answered and on the whole answer, which only
 * the caller sees — a 503 without Retry-After may come after items ran, and the caller resends 429s itself.
 */
export class SingleAttemptOption implements MiddlewareOptions {}

/** Per-request option: a POST that only reads (`POST /$batch` of GETs), retried as a GET is. */
export class ReadOnlyOption implements MiddlewareOptions {}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A signal that aborts with a TimeoutError after `ms`, as `AbortSignal.timeout(ms)` does, whose timer is cleared as
 * soon as the attempt ends. Why not `AbortSignal.timeout`: its timer cannot be cleared, so every Graph request left one
 * behind for the full 5 s, with a weak reference and a finalizer each; under load that is thousands of live timers
 * and garbage for the collector (issue #17).
 */
function abortAfter(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  // Like AbortSignal.timeout's, it does not keep the process alive by itself.
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/**
 * One retry policy for every Graph call, bounded by a time budget.
 *
 * It replaces the client's RetryHandler, which honours Retry-After up to 180 s — far past what a Teams turn
 * may take. 429 and 503 mean Graph did not do the work, so retrying is safe for writes too. A 504 or a timed-out
 * attempt is retried for reads only: a write may have landed, and the caller reconciles by reading.
 */
export class RetryBudgetMiddleware implements Middleware {
  private next?: Middleware;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RetryBudgetOptions = DEFAULT_RETRY) {
    this.sleep = options.sleep ?? sleeper;
  }

  async execute(context: Context): Promise<void> {
    const deadline = Date.now() + this.options.budgetMs;
    const control = context.middlewareControl;
    const method = control?.getMiddlewareOptions(ReadOnlyOption) ? 'GET' : (context.options?.method ?? 'GET').toUpperCase();
    const maxRetries = control?.getMiddlewareOptions(SingleAttemptOption) ? 0 : this.options.maxRetries;
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      const timeout = Math.max(1, Math.min(this.options.attemptTimeoutMs, remaining));
      const attemptTimer = abortAfter(timeout);
      context.options = { ...context.options, signal: attemptTimer.signal };
      try {
        await this.next!.execute(context);
      } catch (error) {
        const timedOut = (error as Error)?.name === 'TimeoutError';
        if (!timedOut || method !== 'GET' || attempt >= maxRetries || Date.now() >= deadline) throw error;
        continue;
      } finally {
        attemptTimer.clear();
      }
      const status = context.response?.status ?? 0;
      if (!(method === 'GET' ? RETRYABLE_READ : RETRYABLE).has(status) || attempt >= maxRetries) return;
      const wait = this.delay(context.response!, attempt);
      // Out of budget: hand the throttled answer back rather than overrun the turn.
      if (Date.now() + wait >= deadline) return;
      await context.response!.body?.cancel().catch(() => undefined);
      await this.sleep(wait);
    }
  }

  private delay(response: Response, attempt: number): number {
    const header = response.headers.get('retry-after');
    const seconds = header === null ? NaN : Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = header ? Date.parse(header) : NaN;
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
    return this.options.baseDelayMs * 2 ** attempt;
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
