import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Sends our own `client-request-id` on every call (Microsoft support can find a call by it) and an explicit
 * `Accept-Language`: Node's fetch sends `*`, which makes Graph's messages unpredictable.
 */
export class RequestHeadersMiddleware implements Middleware {
  private next?: Middleware;

  async execute(context: Context): Promise<void> {
    const headers = new Headers(context.options?.headers as HeadersInit | undefined);
    if (!headers.has('client-request-id')) headers.set('client-request-id', randomUUID());
    headers.set('Accept-Language', 'en-US');
    context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
