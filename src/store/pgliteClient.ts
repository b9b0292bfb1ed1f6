import { mkdirSync } from 'node:fs';
import { Mutex, PGlite, type PGliteOptions, type Results } from '@electric-sql/pglite';
import { AppError, StartupError } from '../errors';
import { DataDirLock } from './dataDirLock';
import { initializeDataDir } from './initializeDataDir';
import { runningServerBundle } from './pgliteFsBundle';
import { pgliteWasmModule } from './pgliteWasmModule';
import { PreparedStatements } from './preparedStatements';
import { DATE_OID, type SqlClient, type SqlQueryable, type SqlResult } from './sqlClient';

const IN_MEMORY = 'memory://';

/**
 * PostgreSQL's shared buffer pool inside PGlite's WebAssembly memory. initdb sets 128 MB, which a server shares
 * among many connections; here one process is the only connection, the store is small (plans, requests, the audit
 * trail), and pages that fall out are read again from the operating system's file cache. Every buffer once touched
 * stays resident (WebAssembly memory never shrinks), so the pool's size is paid for the life of the bot: 1 MB
 * (128 pages) keeps the hot pages (the indexes' upper levels, the table's last page). Measured (issue #17) over 15,000
 * plan inserts: 4 MB cost 4 MB more WebAssembly memory than 1 MB and stored plans no faster (about 250 µs each);
 * 512 kB saved nothing more and was slower.
 */
export const SHARED_BUFFERS = '1MB';

/**
 * PostgreSQL sizes its shared memory for its connections and replication: initdb's 100 connections and 10 WAL senders
 * cost PGlite, whose one backend is the only connection and which never replicates, about 4 MB of its WebAssembly
 * memory (with the 4 MB pool of the time, shared_memory_size 11 MB → 7 MB; resident for the life of the bot).
 */
const SINGLE_CONNECTION = ['max_connections=1', 'max_wal_senders=0', 'max_replication_slots=0'];

/** PGlite's own start parameters, plus the buffer pool and the single connection above. */
const PGLITE_OPTIONS: PGliteOptions = {
  parsers: { [DATE_OID]: (value: string) => value },
  startParams: [...PGlite.defaultStartParams, ...[`shared_buffers=${SHARED_BUFFERS}`, ...SINGLE_CONNECTION].flatMap((setting) => ['-c', setting])],
};

/** True when `dataDir` asks for a database that lives only as long as the process. */
export function isInMemory(dataDir: string | undefined): boolean {
  return dataDir === undefined || dataDir === '' || dataDir === IN_MEMORY;
}

/**
 * The embedded adapter: PostgreSQL compiled to WASM, in-process, one connection.
 * Opening a new data directory runs initdb (seconds); reopening one is much faster.
 *
 * Statements outside a transaction run prepared (see PreparedStatements), through PGlite's `execProtocol`, which
 * its own locks do not cover. So this client, the database's only user, takes turns itself: PGlite keeps one
 * "current result" across the await inside each call (two statements at once could take each other's), a
 * statement must not slip into an open transaction, and closing waits for whatever is running.
 */
export class PgliteClient implements SqlClient {
  private closed = false;
  private closing?: Promise<void>;
  private readonly turn = new Mutex();
  private readonly prepared: PreparedStatements;

  private constructor(private readonly db: PGlite, private readonly lock: DataDirLock | null = null) {
    this.prepared = new PreparedStatements(db);
  }

  /** Opens (creating if needed) the database in `dataDir`, or an in-memory one when it is undefined or `memory://`. */
  static async open(dataDir?: string): Promise<PgliteClient> {
    const options = { ...PGLITE_OPTIONS, pgliteWasmModule: await pgliteWasmModule() };
    if (dataDir === undefined || isInMemory(dataDir)) return new PgliteClient(await PGlite.create(options));
    if (dataDir.includes('://')) return new PgliteClient(await PGlite.create({ ...options, dataDir }));
    // PGlite creates only the last path segment; a fresh DATA_DIR may need its parents too.
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (e) {
      throw new StartupError(`DATA_DIR ${dataDir} cannot be created (${(e as NodeJS.ErrnoException).code ?? 'error'}): choose a writable directory.`);
    }
    const lock = DataDirLock.acquire(dataDir);
    try {
      await initializeDataDir(dataDir);
      // The database exists (initdb ran in a child): this server needs only the bundle's files a running server reads.
      const bundle = runningServerBundle();
      const db = await PGlite.create({ ...options, dataDir, ...(bundle ? { fsBundle: bundle.blob } : {}) });
      bundle?.removeLeftOut(db);
      return new PgliteClient(db, lock);
    } catch (e) {
      lock.release();
      const reason = String((e as Error)?.message ?? e).split('\n')[0].slice(0, 160);
      throw new StartupError(`DATA_DIR ${dataDir} cannot be opened as the bot's database (${reason}). If it was damaged, restore it from a backup, `
        + 'or move it aside to start with an empty store (plans, requests and the audit trail live there).');
    }
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<T>> {
    return toResult(await this.exclusive(() => this.prepared.run<T>(sql, params)));
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.db.transaction((tx) =>
      fn({ query: async <R>(sql: string, params: readonly unknown[] = []) => toResult(await tx.query<R>(sql, [...params])) }),
    ));
  }

  /** Waits for the statement or transaction that is running; what comes after is refused. */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.turn.runExclusive(() => this.db.close()).finally(() => this.lock?.release());
    return this.closing;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    return this.turn.runExclusive(() => (this.closed ? Promise.reject(closedError()) : work()));
  }
}

function closedError(): AppError {
  return new AppError('INTERNAL', 'The store is closed.');
}

function toResult<T>(result: Results<T>): SqlResult<T> {
  return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
}
