import { DirectoryError } from '../../errors';
import type { GraphTransport } from './graphTransport';

/**
 * The most pages a list is followed for. A list that goes on past it is an error (GRAPH_INCOMPLETE), never a
 * shorter answer: a membership or role missing from a cut-short list would be taken for "not there".
 */
export const MAX_PAGES = 100;

export interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/**
 * Every page of a list, or an error: never a silently shorter list. `first`, when given, is the first page already
 * read (an answer from inside a `$batch`): only its next links are followed.
 */
export async function readAllPages<T>(graph: GraphTransport, path: string, headers?: Record<string, string>, first?: { body: unknown; status: number }): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined = path;
  for (let page = 0; next; page++) {
    if (page === MAX_PAGES) throw new DirectoryError('GRAPH_INCOMPLETE', `more than ${MAX_PAGES} pages: ${path.split('?')[0]}`, 0, null, null);
    const r: { body: unknown; status: number } = page === 0 && first ? first : await graph.call<Page<T>>('GET', next, { headers });
    const body = r.body as Page<T> | null;
    if (!Array.isArray(body?.value)) throw new DirectoryError('GRAPH_INCOMPLETE', `a page without a value list: ${path.split('?')[0]}`, r.status, null, null);
    out.push(...body.value);
    next = body['@odata.nextLink'];
  }
  return out;
}
