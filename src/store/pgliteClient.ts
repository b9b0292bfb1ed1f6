import { mkdirSync } from 'node:fs';
import { PGlite, type Results } from '@electric-sql/pglite';
import { DATE_OID, type SqlClient, type SqlQueryable, type SqlResult } from './sqlClient';

const IN_MEMORY = 'memory://';

/** True when `dataDir` asks for a database that lives only as long as the process. */
export function isInMemory(dataDir: string | undefined): boolean {
  return dataDir === undefined || dataDir === '' || dataDir === IN_MEMORY;
}

/**
 * The embedded adapter: PostgreSQL compiled to WASM, in-process, one connection.
 * Opening a new data directory runs initdb (seconds); reopening one is much faster.
 */
export class PgliteClient implements SqlClient {
  private closed = false;

  private constructor(private readonly db: PGlite) {}

  /** Opens (creating if needed) the database in `dataDir`, or an in-memory one when it is undefined or `memory://`. */
  static async open(dataDir?: string): Promise<PgliteClient> {
    const options = { parsers: { [DATE_OID]: (value: string) => value } };
    if (dataDir === undefined || isInMemory(dataDir)) return new PgliteClient(await PGlite.create(options));
    // PGlite creates only the last path segment; a fresh DATA_DIR may need its parents too.
    if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
    return new PgliteClient(await PGlite.create({ ...options, dataDir }));
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<T>> {
    return toResult(await this.db.query<T>(sql, [...params]));
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn({ query: async <R>(sql: string, params: readonly unknown[] = []) => toResult(await tx.query<R>(sql, [...params])) }),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }
}

function toResult<T>(result: Results<T>): SqlResult<T> {
  return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
}
