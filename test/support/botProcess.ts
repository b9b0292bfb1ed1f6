/**
 * One bot instance in its own process, for tests of several instances sharing one PostgreSQL database.
 * Environment: GRAPH_URL (an emulator), TENANT_ID, DATABASE_URL or DATA_DIR (and SPOOL_DIR), WRITE_LEASE_MS.
 * Prints `READY <url>` when listening;
 * logs go to standard error.
 */
import { createApp } from '../../src/app';
import { developmentConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

async function main(): Promise<void> {
  const config = {
    ...developmentConfig({}, 'test', { graphBaseUrl: process.env.GRAPH_URL!, tenantId: process.env.TENANT_ID! }),
    port: 0,
    // PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR (the chaos tests use both).
    store: process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: process.env.DATA_DIR!, spoolDir: process.env.SPOOL_DIR },
  };
  const log = createLogger('warn', (line) => process.stderr.write(`${line}\n`));
  const lease = Number(process.env.WRITE_LEASE_MS ?? '') || undefined;
  const app = await createApp(config, { log, graphRetry: { maxRetries: 2, budgetMs: 25_000, attemptTimeoutMs: 20_000, baseDelayMs: 10 }, writeLeaseMs: lease });
  const { url } = await app.listen();
  process.stdout.write(`READY ${url}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
