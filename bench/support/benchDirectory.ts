import { developmentConfig } from '../../src/config';
import { createCredential } from '../../src/directory/graph/credential';
import { createGraphClient } from '../../src/directory/graph/graphClient';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { GraphTransport } from '../../src/directory/graph/graphTransport';
import { PooledHttpHandler } from '../../src/directory/graph/pooledHttpHandler';

/**
 * A GraphDirectory on the bench's emulator with the bot's own Graph client, middleware and undici pool, as
 * development mode builds it: for benchmarks that make the bot's Graph requests outside the bot.
 */
export function benchDirectory(graphUrl: string, tenantId: string): { directory: GraphDirectory; close(): Promise<void> } {
  const config = developmentConfig({}, 'bench', { graphBaseUrl: graphUrl, tenantId });
  const connections = new PooledHttpHandler();
  const client = createGraphClient({ baseUrl: config.graph.baseUrl, credential: createCredential(config.graph.credential) }, connections);
  return { directory: new GraphDirectory(new GraphTransport(client), new URL(config.graph.baseUrl).origin), close: () => connections.close() };
}
