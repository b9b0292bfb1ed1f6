/** One result of a statement: the rows it returned and how many rows it touched. */
export interface SqlResult<T> {
  rows: T[];
  rowCount: number;
}

/** Runs one statement with `$1…$n` parameters (no multi-statement strings: PGlite's extended protocol forbids them). */
export interface SqlQueryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<T>>;
}

/**
 * The whole surface the store needs from a database, so PGlite and PostgreSQL are interchangeable.
 *
 * Contract of every adapter, whatever the driver does by default:
 * - `timestamptz` comes back as a `Date`, `date` as the text `YYYY-MM-DD` (never a local-midnight Date),
 *   `jsonb` parsed, `integer` as a number;
 * - `transaction(fn)` commits when `fn` resolves and rolls back when it throws; inside `fn`, use only `tx`
 *   (PGlite runs one statement at a time, so a call on the client itself would wait for the transaction forever).
 */
export interface SqlClient extends SqlQueryable {
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL's type oid for `date`: both adapters return it as text. */
export const DATE_OID = 1082;
