import type { AuthenticationProvider, Context, Middleware } from '@microsoft/microsoft-graph-client';

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
    if (new URL(url).origin === this.graphOrigin) {
      const token = await this.provider.getAccessToken();
      const headers = new Headers(context.options?.headers as HeadersInit | undefined);
      headers.set('Authorization', `Bearer ${token}`);
      context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
    }
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
