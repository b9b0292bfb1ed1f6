import type { BatchWrite, BatchWriteResult } from '../directory';
import type { DirectoryError } from '../../errors';
import { sendInBatches, type BatchItemOutcome } from './batchSend';
import { fromResponse, type GraphTransport } from './graphTransport';
import { batchWriteRequest, settles, type WriteRequest } from './writeRequests';

/**
 * Many writes as `$batch` items, each the very request its single-item method sends (writeRequests.ts) and judged
 * as that method judges it: "already a member" and "not a member" count as done. An item that failed with a 5xx, or
 * got no answer of its own, may have landed: it is reported so, never sent again.
 */
export async function writeInBatches(
  graph: GraphTransport, items: readonly BatchWrite[], origin: string,
  options: { onProgress?: (done: number) => void; sleep?: (ms: number) => Promise<void>; bearer?: () => Promise<string> } = {},
): Promise<BatchWriteResult[]> {
  const requests = items.map((item) => batchWriteRequest(item, origin));
  const outcomes = await sendInBatches(graph, requests.map((r) => ({ method: r.method, url: r.path, body: r.body })), {
    idempotent: false, onProgress: options.onProgress, sleep: options.sleep, ...(options.bearer ? { bearer: options.bearer } : {}),
  });
  const delegated = options.bearer !== undefined;
  return outcomes.map((outcome, i) => toResult(requests[i], outcome, delegated));
}

function toResult(request: WriteRequest, outcome: BatchItemOutcome, delegated: boolean): BatchWriteResult {
  if (outcome.kind === 'failed') return failure(outcome.error);
  if (outcome.status >= 200 && outcome.status < 300) return { ok: true, requestId: outcome.requestId };
  // The status mapping of the single writes; a 5xx item (a 504 included) may have run before it failed. An item
  // refused (403) under the acting admin's own token is Entra refusing their rights: ENTRA_REFUSED.
  const error = fromResponse(outcome.status, outcome.body, outcome.requestId, outcome.status >= 500, delegated);
  return settles(request, error) ? { ok: true, requestId: outcome.requestId } : failure(error);
}

function failure(e: DirectoryError): BatchWriteResult {
  return { ok: false, code: e.code, status: e.status, graphCode: e.graphCode, requestId: e.requestId, mayHaveLanded: e.mayHaveLanded };
}
