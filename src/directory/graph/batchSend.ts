import { DirectoryError, isAppError } from '../../errors';
import { inBatches } from './batchRead';
import { fromResponse, retryAfterMs, type GraphTransport } from './graphTransport';

/** One request inside `POST /$batch`. `url` is below /v1.0, e.g. `/users/{id}`. */
export interface BatchItemRequest {
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How one item ended: Graph's own answer to it (any status), or a failure with no answer of its own. */
export type BatchItemOutcome =
  | { kind: 'answered'; status: number; body: unknown; requestId: string | null }
  | { kind: 'failed'; error: DirectoryError };

export interface BatchSendOptions {
  /**
   * Reads: any failure may be sent again. Writes: only what Graph says it did not run (an item's 429, a whole batch's
   * 429 or 503 with Retry-After) is sent again; a write that may have landed never is.
   */
  idempotent: boolean;
  onProgress?: (done: number) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Delegated mode: every `POST /$batch` carries this token instead of the app's (GraphCallOptions.bearer). */
  bearer?: () => Promise<string>;
}

/** Batches in flight at once, as readUsersInBatches. */
const CONCURRENCY = 4;
/** Times the items of one batch may be sent again (throttling, or a read's failure), after which they fail. */
export const MAX_RESENDS = 5;
/** The longest wait before sending again: a bulk change waits out throttling, but not for minutes per round. */
export const MAX_WAIT_MS = 30_000;
/** Wait before sending a read again when Graph gave no Retry-After. */
const DEFAULT_WAIT_MS = 1_000;
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface BatchAnswer {
  responses?: { id?: unknown; status?: unknown; headers?: Record<string, unknown>; body?: unknown }[];
}

/**
 * Sends many requests as items of `POST /$batch`, `BATCH_LIMIT` (batchRead.ts) a request, `CONCURRENCY` requests in flight; the
 * outcomes come back in the order of `requests`.
 *
 * The Graph client's retry does not look inside a batch (its items answer 429 inside a 200), and must not resend a
 * whole batch of writes after a timeout or a 5xx: items may have run. So every `POST /$batch` goes out as a single
 * attempt (`singleAttempt`), and this is the one place that decides what goes again.
 */
export async function sendInBatches(graph: GraphTransport, requests: readonly BatchItemRequest[], options: BatchSendOptions): Promise<BatchItemOutcome[]> {
  const outcomes: BatchItemOutcome[] = new Array(requests.length);
  const sleep = options.sleep ?? sleeper;
  let done = 0;
  let pending = requests.map((_, i) => i);
  // Rounds: everything pending goes out, 20 an item and 4 requests at once; what is to go again (throttled items,
  // reads that failed) is pooled over the round and sent together after the longest wait, not 2 or 3 to a batch.
  for (let round = 0; pending.length > 0; round++) {
    const chunks = inBatches(pending);
    const again: number[] = [];
    let wait = 0;
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        const result = await runChunk(graph, requests, chunk, outcomes, options, round < MAX_RESENDS);
        again.push(...result.again);
        wait = Math.max(wait, result.wait);
        done += chunk.length - result.again.length;
        options.onProgress?.(done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunks.length) }, worker));
    if (again.length > 0) await sleep(Math.min(wait, MAX_WAIT_MS));
    pending = again.sort((a, b) => a - b);
  }
  return outcomes;
}

/** One `POST /$batch` of a round: settles what it can in `outcomes`; returns what is to go again, and after how long. */
async function runChunk(
  graph: GraphTransport, requests: readonly BatchItemRequest[], pending: number[], outcomes: BatchItemOutcome[], options: BatchSendOptions,
  canResend: boolean,
): Promise<{ again: number[]; wait: number }> {
  const { idempotent, bearer } = options;
  const delegated = bearer !== undefined;
  // Item ids are positions in this request: a user id is no valid batch id on every Graph cloud.
  const items = pending.map((index, i) => {
    const r = requests[index];
    const headers = r.body !== undefined ? { ...JSON_HEADERS, ...r.headers } : r.headers;
    return { id: String(i + 1), method: r.method, url: r.url, ...(headers ? { headers } : {}), ...(r.body !== undefined ? { body: r.body } : {}) };
  });
  let answer;
  try {
    answer = await graph.send<BatchAnswer>('POST', '/$batch', { body: { requests: items }, singleAttempt: true, ...(bearer ? { bearer } : {}) });
  } catch (error) {
    // The delegated token could not be had (SignInRequired, …): nothing of this batch was sent.
    if (isAppError(error) && !(error instanceof DirectoryError)) {
      const notSent = new DirectoryError(error.code, error.message, 0, null, null, false);
      for (const index of pending) outcomes[index] = { kind: 'failed', error: notSent };
      return { again: [], wait: 0 };
    }
    if (!(error instanceof DirectoryError)) throw error;
    // No answer at all (timed out, cut): for writes, any item may have run. fromThrown marks a POST mayHaveLanded.
    if (idempotent && canResend && error.code !== 'GRAPH_AUTH_FAILED') return { again: pending, wait: DEFAULT_WAIT_MS };
    for (const index of pending) outcomes[index] = { kind: 'failed', error: idempotent ? withLanded(error, false) : error };
    return { again: [], wait: 0 };
  }
  if (answer.status < 200 || answer.status >= 300) {
    // 429, or 503 with Retry-After: Graph turned the whole batch away before running any of it.
    const notRun = answer.status === 429 || (answer.status === 503 && answer.retryAfterMs !== null);
    if ((notRun || (idempotent && answer.status >= 500)) && canResend) return { again: pending, wait: answer.retryAfterMs ?? DEFAULT_WAIT_MS };
    // Any other 5xx (a 504 included) may come after items ran; a 4xx refused the batch itself.
    const error = fromResponse(answer.status, answer.body, answer.requestId, !idempotent && !notRun && answer.status >= 500, delegated);
    for (const index of pending) outcomes[index] = { kind: 'failed', error };
    return { again: [], wait: 0 };
  }
  const byId = new Map((answer.body?.responses ?? []).map((r) => [String(r.id), r]));
  const again: number[] = [];
  let wait = 0;
  pending.forEach((index, i) => {
    const item = byId.get(String(i + 1));
    const status = typeof item?.status === 'number' ? item.status : 0;
    // Throttled items were not run; a read may go again after anything.
    const resend = canResend && (status === 429 || (idempotent && (status === 0 || status >= 500)));
    if (resend) {
      again.push(index);
      wait = Math.max(wait, retryAfterMs(headerOf(item?.headers, 'retry-after')) ?? DEFAULT_WAIT_MS);
    } else if (!item || status === 0) {
      const error = new DirectoryError('GRAPH_ERROR', 'the item is missing from the $batch answer', 0, null, answer.requestId, !idempotent);
      outcomes[index] = { kind: 'failed', error };
    } else {
      outcomes[index] = { kind: 'answered', status, body: item.body ?? null, requestId: itemRequestId(item, answer.requestId) };
    }
  });
  return { again, wait };
}

function withLanded(e: DirectoryError, mayHaveLanded: boolean): DirectoryError {
  return e.mayHaveLanded === mayHaveLanded ? e : new DirectoryError(e.code, e.message, e.status, e.graphCode, e.requestId, mayHaveLanded);
}

function headerOf(headers: Record<string, unknown> | undefined, name: string): string | null {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return String(v);
  return null;
}

/** The item's own request-id (a header, or the error's innerError), else the batch's: what finds it in Graph's logs. */
export function itemRequestId(item: { headers?: Record<string, unknown>; body?: unknown }, batchRequestId: string | null): string | null {
  const inner = (item.body as { error?: { innerError?: Record<string, unknown> } } | null | undefined)?.error?.innerError?.['request-id'];
  return headerOf(item.headers, 'request-id') ?? (typeof inner === 'string' ? inner : null) ?? batchRequestId;
}
