import type { Account } from '../account';
import type { SingleAccountQuery } from '../directory';
import { DirectoryError } from '../../errors';
import { accountQueryRequest, accountsOf } from './accountQuery';
import { sendInBatches } from './batchSend';
import { fromResponse, type GraphTransport } from './graphTransport';

/**
 * Many `findAccounts` look-ups as `$batch` items (20 a request, 4 in flight): 1,000 names cost 50 requests. Each item
 * is the very `GET /users?$filter=…` findAccounts sends, and its answer becomes the same accounts; a look-up that
 * failed (after resends: reads may always go again) is a DirectoryError in its own slot.
 */
export async function findAccountsInBatches(
  graph: GraphTransport, queries: readonly SingleAccountQuery[], limitEach: number, options: { sleep?: (ms: number) => Promise<void> } = {},
): Promise<(Account[] | DirectoryError)[]> {
  const requests = queries.map((q) => accountQueryRequest(q, limitEach));
  const outcomes = await sendInBatches(graph, requests.map((r) => ({ method: 'GET', url: r.path, headers: r.headers })), { idempotent: true, sleep: options.sleep });
  return outcomes.map((outcome, i) => {
    if (outcome.kind === 'failed') return outcome.error;
    if (outcome.status < 200 || outcome.status >= 300) return fromResponse(outcome.status, outcome.body, outcome.requestId);
    const rows = (outcome.body as { value?: unknown } | null)?.value;
    if (!Array.isArray(rows)) return new DirectoryError('GRAPH_INCOMPLETE', 'a $batch answer without a value list: /users', outcome.status, null, outcome.requestId);
    return accountsOf(requests[i], rows as Partial<Account>[]);
  });
}
