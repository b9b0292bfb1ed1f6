import { BATCH_LIMIT, inBatches } from './batchRead';
import { itemRequestId } from './batchSend';
import { fromResponse, type GraphResponse, type GraphTransport } from './graphTransport';
import { readAllPages } from './pages';

interface BatchAnswer {
  responses?: { id?: unknown; status?: unknown; headers?: Record<string, unknown>; body?: unknown }[];
}

/**
 * Several lists read whole in one round trip: their first pages as items of one `POST /$batch`, further pages (rare)
 * followed one by one. For a turn's reads (a person's roles: assignments, memberships, eligibilities), where three
 * requests cost three times the HTTP work of one on both ends. Each list's outcome comes back on its own, so that
 * several readers can share one batch (CoalescedListReads) without one's refused list failing another's; it never
 * rejects.
 *
 * The same guarantees as reading each list with `readAllPages`, whatever the batch does:
 * - the batch is a read, so the retry policy sends it again as it would a GET (throttled, unavailable, timed out), in
 *   the same time budget;
 * - an item Graph throttled or failed (429, 5xx, or missing from the answer) is read again on its own, with the whole
 *   retry policy of an ordinary request;
 * - an item Graph refused (any other status) is that list's error, as the request on its own would have been; so is a
 *   batch that fails after its retries, for every list. Never a shorter list: a role left out would be taken for
 *   "no role".
 * Every read has finished when the outcomes are returned: no read outlives the call.
 */
export async function readListsSettled<T>(graph: GraphTransport, paths: readonly string[]): Promise<PromiseSettledResult<T[]>[]> {
  if (paths.length <= 1) return Promise.allSettled(paths.map((path) => readAllPages<T>(graph, path)));
  if (paths.length > BATCH_LIMIT) return (await Promise.all(inBatches(paths).map((batch) => readListsSettled<T>(graph, batch)))).flat();
  const requests = paths.map((url, i) => ({ id: String(i + 1), method: 'GET', url }));
  let answer: GraphResponse<BatchAnswer>;
  try {
    answer = await graph.call<BatchAnswer>('POST', '/$batch', { body: { requests }, readOnly: true });
  } catch (e) {
    return paths.map(() => ({ status: 'rejected', reason: e }));
  }
  // A malformed answer (no list of responses) leaves every item missing: each is read again on its own.
  const responses = Array.isArray(answer.body?.responses) ? answer.body.responses : [];
  const byId = new Map(responses.map((r) => [String(r.id), r]));
  return Promise.allSettled(paths.map(async (path, i) => {
    const item = byId.get(String(i + 1));
    const status = typeof item?.status === 'number' ? item.status : 0;
    if (status >= 200 && status < 300) return readAllPages<T>(graph, path, undefined, { body: item?.body ?? null, status });
    if (status === 0 || status === 429 || status >= 500) return readAllPages<T>(graph, path);
    throw fromResponse(status, item?.body ?? null, itemRequestId(item ?? {}, answer.requestId));
  }));
}

/** Promise.all that lets every promise settle before it throws the first error. */
export async function settledAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  return valuesOrFirstError(await Promise.allSettled(promises));
}

/** The values, or the first error in order. */
export function valuesOrFirstError<T>(settled: readonly PromiseSettledResult<T>[]): T[] {
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
