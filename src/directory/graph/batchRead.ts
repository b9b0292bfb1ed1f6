import { DirectoryError } from '../../errors';
import { graphPath, queryString } from './graphPath';
import type { GraphTransport } from './graphTransport';

/** Graph's JSON batching takes at most 20 requests in one `POST /$batch`. */
export const BATCH_LIMIT = 20;

/** `items` cut into runs of at most BATCH_LIMIT, in order: one `POST /$batch` each. */
export function inBatches<T>(items: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH_LIMIT) batches.push(items.slice(i, i + BATCH_LIMIT));
  return batches;
}
/** Batches in flight at once: a thousand watched users are 50 batches, not 50 parallel requests. */
const CONCURRENCY = 4;

interface BatchResponse {
  responses?: { id?: string; status?: number; body?: unknown }[];
}

/**
 * Reads many users by id, `BATCH_LIMIT` per `POST /$batch` (`GET /users/{id}?$select=…` each): ceil(n / 20) round
 * trips. The answer maps each id to the user's selected fields, or null when Graph has no such user (404); an id whose
 * read failed (its item or its whole batch: throttled, unavailable) is left out, to be read again later.
 */
export async function readUsersInBatches(
  graph: GraphTransport, ids: readonly string[], select: readonly string[], expandManager: boolean,
): Promise<Map<string, Record<string, unknown> | null>> {
  const unique = [...new Set(ids)];
  const query = queryString({ $select: select.join(','), $expand: expandManager ? 'manager($select=id)' : undefined });
  const chunks = inBatches(unique);
  const found = new Map<string, Record<string, unknown> | null>();
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      await readChunk(graph, chunk, query, found).catch((error: unknown) => {
        // One batch failing leaves its users unread; the others stand.
        if (!(error instanceof DirectoryError)) throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunks.length) }, worker));
  return found;
}

async function readChunk(graph: GraphTransport, ids: string[], query: string, found: Map<string, Record<string, unknown> | null>): Promise<void> {
  // Item ids are positions: a user id is no valid batch id on every Graph cloud (length, characters).
  const requests = ids.map((id, i) => ({ id: String(i + 1), method: 'GET', url: graphPath`/users/${id}` + query }));
  const r = await graph.call<BatchResponse>('POST', '/$batch', { body: { requests } });
  for (const item of r.body?.responses ?? []) {
    const id = ids[Number(item.id) - 1];
    if (id === undefined) continue;
    if (item.status === 200 && item.body && typeof item.body === 'object') found.set(id, item.body as Record<string, unknown>);
    else if (item.status === 404) found.set(id, null);
  }
}
