import type { Pool, PoolClient, QueryResult } from 'pg';
import { DATE_OID, type SqlClient, type SqlQueryable, type SqlResult } from './sqlClient';

/**
 * `pg`, loaded when a PostgreSQL store is opened rather than with this module: the embedded store, the default,
 * never uses it, and loading it costs about 12 MB of resident memory (`npm run bench:built`, issue #17).
 */
function pg(): typeof import('pg') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('pg') as typeof import('pg');
}

export interface PostgresClientOptions {
  /** Most connections this process opens (default 10). */
  maxConnections?: number;
  /**
   * Called when an idle pooled connection fails (server restart, network cut). The pool drops that connection
   * and opens a new one on the next query; without a listener, Node would crash the process on this event.
   */
  onBackgroundError?: (error: Error) => void;
}

/** The shared-server adapter: a `pg` pool, so several bot instances can work on one database. */
export class PostgresClient implements SqlClient {
  private closed = false;

  private constructor(private readonly pool: Pool) {}

  /** Does not connect yet: the first query does, and reports a wrong URL or an unreachable server. */
  static connect(databaseUrl: string, options: PostgresClientOptions = {}): PostgresClient {
    const { Pool, types } = pg();
    const pool = new Pool({
      connectionString: databaseUrl,
      max: options.maxConnections ?? 10,
      types: { getTypeParser: (oid, format) => (oid === DATE_OID ? (value: string) => value : types.getTypeParser(oid, format)) },
    });
    pool.on('error', (error) => options.onBackgroundError?.(error));
    return new PostgresClient(pool);
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<T>> {
    return toResult<T>(await this.pool.query(sql, [...params]));
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await connection.query('BEGIN');
      const result = await fn(queryableOf(connection));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      // A failed ROLLBACK means the connection is unusable: release it as broken so the pool discards it.
      await connection.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      connection.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

function queryableOf(connection: PoolClient): SqlQueryable {
  return { query: async <T>(sql: string, params: readonly unknown[] = []) => toResult<T>(await connection.query(sql, [...params])) };
}

function toResult<T>(result: QueryResult): SqlResult<T> {
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
}
