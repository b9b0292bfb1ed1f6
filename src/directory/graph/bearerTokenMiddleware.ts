import type { AuthenticationProvider, Context, Middleware } from '@microsoft/microsoft-graph-client';
import { plainHeaders } from './plainHeaders';

/**
 * Attaches the app's bearer token, and only to the configured Graph origin.
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
      headers.authorization = `Bearer ${await this.provider.getAccessToken()}`;
      context.options = { ...context.options, headers };
    }
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
