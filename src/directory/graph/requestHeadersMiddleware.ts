import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { plainHeaders } from './plainHeaders';

/**
 * Sends our own `client-request-id` on every call (Microsoft support can find a call by it) and an explicit
 * `Accept-Language`: Node's fetch sends `*`, which makes Graph's messages unpredictable.
 */
export class RequestHeadersMiddleware implements Middleware {
  private next?: Middleware;

  async execute(context: Context): Promise<void> {
    const headers = plainHeaders(context.options?.headers);
    headers['client-request-id'] ??= randomUUID();
    headers['accept-language'] = 'en-US';
    context.options = { ...context.options, headers };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
