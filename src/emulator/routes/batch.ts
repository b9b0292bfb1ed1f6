import { randomUUID } from 'node:crypto';
import { badRequest, graphErrorBody } from '../graphError';
import type { GraphRequest, GraphResponse, RouteContext, Router } from '../router';

const MAX_BATCH = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

/** `POST /$batch`: up to 20 requests, each run through the same pipeline (faults, routing, log) in order. */
export function registerBatchRoutes(router: Router): void {
  router.add('POST', '/$batch', runBatch);
}

async function runBatch(ctx: RouteContext): Promise<GraphResponse> {
  const items = readBatch(ctx.req.body);
  const statusById = new Map<string, number>();
  const responses = [];
  for (const item of items) {
    const failed = (item.dependsOn ?? []).find((dep) => (statusById.get(dep) ?? 424) >= 400);
    let response: GraphResponse;
    if (failed !== undefined) {
      // Graph answers 424 for an item whose dependency failed, without running it.
      const requestId = randomUUID();
      response = { status: 424, body: graphErrorBody('FailedDependency', `The request depends on request '${failed}', which failed.`, requestId) };
    } else {
      response = await ctx.dispatch(toRequest(item, ctx.req));
    }
    statusById.set(item.id, response.status);
    const headers: Record<string, string> = { ...(response.headers ?? {}) };
    if (response.body !== undefined) headers['Content-Type'] = typeof response.body === 'string' ? 'text/plain' : 'application/json';
    responses.push({ id: item.id, status: response.status, headers, ...(response.body !== undefined ? { body: response.body } : {}) });
  }
  return { status: 200, body: { responses } };
}

function readBatch(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw badRequest('Invalid batch payload format.', 'BadRequest');
  if (requests.length === 0) throw badRequest('Invalid batch payload format: no requests.', 'BadRequest');
  if (requests.length > MAX_BATCH) throw badRequest(`The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH}.`, 'BadRequest');
  const ids = new Set<string>();
  for (const r of requests as Partial<BatchItem>[]) {
    const valid = r && typeof r === 'object' && typeof r.id === 'string' && r.id && typeof r.method === 'string' && typeof r.url === 'string';
    if (!valid) throw badRequest('Invalid batch payload format: every request needs id, method and url.', 'BadRequest');
    if (ids.has(r.id!)) throw badRequest(`Request Id '${r.id!.slice(0, 100)}' is duplicated in the batch.`, 'BadRequest');
    ids.add(r.id!);
    const hasContentType = Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
    // Graph insists on both for a request with a body.
    if (r.body !== undefined && !hasContentType) throw badRequest(`Write request id : ${r.id} does not contain Content-Type header or body.`, 'BadRequest');
  }
  return requests as BatchItem[];
}

/** An item's relative URL (`/users/x?$select=…`, `users/x`, or absolute with /v1.0) as a pipeline request. */
function toRequest(item: BatchItem, outer: GraphRequest): GraphRequest {
  let url = item.url.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?v1\.0(?=\/|$)/i, '');
  if (!url.startsWith('/')) url = `/${url}`;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(item.headers ?? {})) headers[k.toLowerCase()] = String(v);
  // The batch's own credentials cover its items.
  if (outer.headers.authorization && !headers.authorization) headers.authorization = outer.headers.authorization;
  return {
    method: item.method.toUpperCase(),
    path,
    segments: path.split('/').filter(Boolean).map(safeDecode),
    query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
    headers,
    body: item.body,
    requestId: randomUUID(),
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // routing then reports the segment as not found
  }
}
