import type { AuthenticationProvider, Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { plainHeaders } from './plainHeaders';

/**
 * Per-request option (delegated mode): this request carries the token `token()` gives instead of the app's. Attached
 * by the same link and under the same rule, so the acting admin's token, too, goes to the Graph origin only.
 */
export class BearerOverrideOption implements MiddlewareOptions {
  constructor(readonly token: () => Promise<string>) {}
}

/**
 * Attaches the app's bearer token (or a request's own, {@link BearerOverrideOption}), and only to the configured Graph
 * origin.
 *
 * The client's own AuthenticationHandler recognises Graph hosts by an https pattern, so it sends no token to
 * the emulator over http; this link works for both, and a `nextLink` pointing at any other origin never
 * receives the token.
 */
export class BearerTokenMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly provider: AuthenticationProvider,
    private readonly graphOrigin: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    // The origin followed by '/': 'https://graph.microsoft.com.evil.example/' does not start with it.
    if (url.startsWith(`${this.graphOrigin}/`)) {
      const headers = plainHeaders(context.options?.headers);
      const override = context.middlewareControl?.getMiddlewareOptions(BearerOverrideOption) as BearerOverrideOption | undefined;
      headers.authorization = `Bearer ${await (override ? override.token() : this.provider.getAccessToken())}`;
      context.options = { ...context.options, headers };
    }
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
