import { migrate } from './migrations';
import { PgliteClient } from './pgliteClient';
import { PostgresClient, type PostgresClientOptions } from './postgresClient';
import type { SqlClient } from './sqlClient';
import { SqlStore } from './sqlStore';
import type { Store, StoreKind } from './store';

/** `config.store`: a PostgreSQL URL wins; otherwise PGlite in `dataDir`, in memory when it is absent or `memory://`. */
export interface StoreConfig {
  databaseUrl?: string;
  dataDir?: string;
}

export type StoreOptions = Pick<PostgresClientOptions, 'onBackgroundError' | 'maxConnections'>;

/** Opens the configured database and brings its schema up to date (safe with several instances starting at once). */
export async function openStore(config: StoreConfig, options: StoreOptions = {}): Promise<Store> {
  if (config.databaseUrl) return openStoreOn(PostgresClient.connect(config.databaseUrl, options), 'postgres');
  return openStoreOn(await PgliteClient.open(config.dataDir), 'pglite');
}

/** Migrates `client` and wraps it in a Store that owns it; closes the client if migrating fails. */
export async function openStoreOn(client: SqlClient, kind: StoreKind): Promise<Store> {
  try {
    await migrate(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return new SqlStore(client, kind);
}
