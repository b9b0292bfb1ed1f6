import { Client, type Middleware } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/core-auth';
import { BearerTokenMiddleware } from './bearerTokenMiddleware';
import { CachedTokenProvider } from './cachedTokenProvider';
import { PooledHttpHandler } from './pooledHttpHandler';
import { RequestHeadersMiddleware } from './requestHeadersMiddleware';
import { DEFAULT_RETRY, RetryBudgetMiddleware, type RetryBudgetOptions } from './retryBudgetMiddleware';

export interface GraphClientOptions {
  /** Origin of Graph: https://graph.microsoft.com, a national cloud, or the emulator. */
  baseUrl: string;
  credential: TokenCredential;
  retry?: RetryBudgetOptions;
}

/**
 * The Graph client with our middleware chain: request headers → bearer token → retry with a time budget → a pool
 * of kept-alive connections. One small class per concern, as the SDK's own middleware is built. Give the
 * transport to close its connections at shutdown.
 */
export function createGraphClient({ baseUrl, credential, retry = DEFAULT_RETRY }: GraphClientOptions, transport = new PooledHttpHandler()): Client {
  const origin = new URL(baseUrl).origin;
  const provider = new CachedTokenProvider(credential, [`${origin}/.default`]);
  const chain: Middleware[] = [
    new RequestHeadersMiddleware(),
    new BearerTokenMiddleware(provider, origin),
    new RetryBudgetMiddleware(retry),
    transport,
  ];
  for (let i = 0; i < chain.length - 1; i++) chain[i].setNext!(chain[i + 1]);
  return Client.initWithMiddleware({ baseUrl: `${origin}/`, defaultVersion: 'v1.0', middleware: chain[0] });
}
