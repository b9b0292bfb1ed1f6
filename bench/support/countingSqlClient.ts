import type { SqlClient, SqlQueryable, SqlResult } from '../../src/store/sqlClient';

/**
 * A SqlClient that notes every statement it passes on, as "INSERT plans", "SELECT user_preferences": what a turn costs
 * the store, read beside its Graph requests. A wrapper around the real adapter, not a fake: the statements run.
 */
export class CountingSqlClient implements SqlClient {
  readonly statements: string[] = [];

  constructor(private readonly inner: SqlClient) {}

  query<T>(sql: string, params?: readonly unknown[]): Promise<SqlResult<T>> {
    this.statements.push(statementOf(sql));
    return this.inner.query<T>(sql, params);
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    this.statements.push('BEGIN');
    return this.inner.transaction((tx) => fn({
      query: <R>(sql: string, params?: readonly unknown[]) => {
        this.statements.push(statementOf(sql));
        return tx.query<R>(sql, params);
      },
    }));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The verb and the first table a statement names: "INSERT plans", "UPDATE jobs", "SELECT audit_log". */
export function statementOf(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const write = /\b(INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)/i.exec(text);
  if (write) return `${write[1].split(' ')[0].toUpperCase()} ${write[2]}`;
  const read = /\bFROM\s+(\w+)/i.exec(text);
  return read ? `SELECT ${read[1]}` : text.split(' ')[0].toUpperCase();
}
