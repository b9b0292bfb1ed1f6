import { GraphError, GraphMessages, odataBadRequest } from './graphError';
import type { TenantState } from './tenantState';

/** One Graph call as the routes see it: the same for a top-level request and for an item of a $batch. */
export interface GraphRequest {
  method: string;
  /** The path below `/v1.0`, still percent-encoded, e.g. `/users/megan%40contoso.com/manager/$ref`. */
  path: string;
  /** The path's segments, percent-decoded (an encoded `/` stays inside its segment). */
  segments: string[];
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  requestId: string;
}

export interface GraphResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  req: GraphRequest;
  params: Record<string, string>;
  state: TenantState;
  /** `http://host:port/v1.0` as the client addressed us: the base of nextLink, Location and @odata.context. */
  baseUrl: string;
  /** The emulator's clock (`startGraphEmulator({ now })`): what writes stamp, e.g. signInSessionsValidFromDateTime. */
  now(): Date;
  /** Runs another request through the same pipeline ($batch items). */
  dispatch(req: GraphRequest): Promise<GraphResponse>;
}

export type Handler = (ctx: RouteContext) => GraphResponse | Promise<GraphResponse>;

interface Route {
  method: string;
  pattern: string[];
  handler: Handler;
}

/**
 * Method + path-pattern routing (`/users/:id/manager/$ref`). Literal segments match case-insensitively, as
 * Graph's do; earlier routes win, so literals such as `$count` are registered before `:id`. A path no route
 * knows gets Graph's 400 "Resource not found for the segment 'x'", a known path with the wrong method a 405.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, pattern: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  resolve(method: string, segments: string[]): { handler: Handler; params: Record<string, string> } {
    let longestPrefix = 0;
    let pathKnown = false;
    for (const route of this.routes) {
      const { matched, params } = matchPattern(route.pattern, segments);
      if (matched === segments.length && matched === route.pattern.length) {
        if (route.method === method) return { handler: route.handler, params };
        pathKnown = true;
      }
      longestPrefix = Math.max(longestPrefix, matched);
    }
    if (pathKnown) {
      throw new GraphError(405, 'Request_BadRequest', `The HTTP method '${method}' is not supported for this resource.`);
    }
    if (segments.length === 0) throw odataBadRequest('Invalid request: no resource was named. Try /v1.0/users.');
    const segment = segments[Math.min(longestPrefix, segments.length - 1)];
    throw odataBadRequest(GraphMessages.segmentNotFound(segment.length > 200 ? `${segment.slice(0, 200)}…` : segment));
  }
}

function matchPattern(pattern: string[], segments: string[]): { matched: number; params: Record<string, string> } {
  const params: Record<string, string> = {};
  let i = 0;
  for (; i < pattern.length && i < segments.length; i++) {
    const p = pattern[i];
    if (p.startsWith(':')) params[p.slice(1)] = segments[i];
    else if (p.toLowerCase() !== segments[i].toLowerCase()) break;
  }
  return { matched: i, params };
}
