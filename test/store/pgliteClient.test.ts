import { PgliteClient, SHARED_BUFFERS } from '../../src/store/pgliteClient';
import { pgliteWasmModule } from '../../src/store/pgliteWasmModule';
import { SETUP_TIMEOUT_MS } from './storeContract';

// The adapter's own behaviour under its prepared statements; what the stores do with it is the contract suite's.
let db: PgliteClient;

beforeAll(async () => {
  db = await PgliteClient.open();
  await db.query('CREATE TABLE t (id integer PRIMARY KEY, tags text[], doc jsonb, at timestamptz, day date)');
}, SETUP_TIMEOUT_MS);
afterAll(() => db.close());
beforeEach(() => db.query('DELETE FROM t'));

describe('PgliteClient', () => {
  it("runs with the embedded store's small buffer pool, 1 MB, not initdb's 128 MB (its memory never shrinks)", async () => {
    expect(SHARED_BUFFERS).toBe('1MB');
    const { rows } = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
    expect(rows[0].shared_buffers).toBe(SHARED_BUFFERS);
  });

  it("compiles PGlite's WebAssembly once per process, whole, for every store opened in it", async () => {
    const module = await pgliteWasmModule();
    expect(module).toBeInstanceOf(WebAssembly.Module);
    expect(await pgliteWasmModule()).toBe(module);
    // PostgreSQL's own functions: the server's module, read to its end (a short read fails to compile).
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(expect.arrayContaining(['palloc0', 'ExtendBufferedRel']));
    const other = await PgliteClient.open();
    expect((await other.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    await other.close();
  });

  it('sizes its shared memory for its one connection, without replication', async () => {
    const show = async (name: string) => Object.values((await db.query<Record<string, string>>(`SHOW ${name}`)).rows[0])[0];
    expect(await show('max_connections')).toBe('1');
    expect(await show('max_wal_senders')).toBe('0');
    expect(await show('max_replication_slots')).toBe('0');
    expect(await show('shared_memory_size')).toBe('4MB');
  });

  it('binds each parameter by the type the statement gives it, and reads columns back as the contract says', async () => {
    const insert = 'INSERT INTO t (id, tags, doc, at, day) VALUES ($1, $2::text[], $3::text::jsonb, $4::timestamptz, $5::date) RETURNING *';
    const { rows, rowCount } = await db.query(insert, [1, ['a', 'b,c', 'd"e'], JSON.stringify({ n: 1, s: 'x' }), '2030-01-02T03:04:05.000Z', '2030-01-02']);
    expect(rowCount).toBe(1);
    expect(rows[0]).toEqual({ id: 1, tags: ['a', 'b,c', 'd"e'], doc: { n: 1, s: 'x' }, at: new Date('2030-01-02T03:04:05.000Z'), day: '2030-01-02' });
    // The second use runs the statement prepared by the first.
    const again = await db.query(insert, [2, null, null, '2030-01-02T03:04:05.000Z', null]);
    expect(again.rows[0]).toMatchObject({ id: 2, tags: null, doc: null, day: null });
  });

  it('reports an error with its SQLSTATE and stays usable, the failed statement included', async () => {
    const insert = 'INSERT INTO t (id) VALUES ($1)';
    await db.query(insert, [1]);
    await expect(db.query(insert, [1])).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('SELEC 1')).rejects.toMatchObject({ code: '42601' });
    await db.query(insert, [2]);
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 2 }]);
  });

  it('does not let a statement slip into a transaction that is open', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const rolledBack = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES (1)');
      inside();
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('roll back');
    });
    await entered;
    // Issued while the transaction is open: it must wait, and not be rolled back with it.
    const outside = db.query('INSERT INTO t (id) VALUES (2)');
    await expect(rolledBack).rejects.toThrow('roll back');
    await outside;
    expect((await db.query('SELECT id FROM t ORDER BY id')).rows).toEqual([{ id: 2 }]);
  });

  it('runs statements concurrently issued one after another, each with its own parameters', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => db.query<{ n: number }>('SELECT $1::int * 2 AS n', [i])));
    expect(results.map((r) => r.rows[0].n)).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
  });

  it('keeps working past the bound on prepared statements', async () => {
    for (let k = 0; k < 250; k++) {
      const { rows } = await db.query<{ n: number }>(`SELECT $1::int + ${k} AS n`, [1]);
      expect(rows[0].n).toBe(1 + k);
    }
    expect((await db.query<{ n: number }>('SELECT $1::int + 0 AS n', [5])).rows[0].n).toBe(5);
  });

  it('prepares a statement again when the schema moved under it', async () => {
    await db.query('CREATE TABLE moving (id integer PRIMARY KEY)');
    await db.query('INSERT INTO moving (id) VALUES (1)');
    const read = 'SELECT * FROM moving WHERE id = $1';
    expect((await db.query(read, [1])).rows).toEqual([{ id: 1 }]);
    await db.query('ALTER TABLE moving ADD COLUMN note text');
    expect((await db.query(read, [1])).rows).toEqual([{ id: 1, note: null }]);
  });

  it('waits for the transaction under way when it closes, closes once, and refuses what comes after', async () => {
    const own = await PgliteClient.open();
    await own.query('CREATE TABLE c (id integer PRIMARY KEY)');
    // A transaction holds the database until the test lets it go.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const running = own.transaction(async (tx) => {
      await tx.query('INSERT INTO c (id) VALUES (1)');
      inside();
      await gate;
      await tx.query('INSERT INTO c (id) VALUES (2)');
      return 'committed';
    });
    await entered;
    const closing = own.close();
    const again = own.close();
    const after = own.query('SELECT 1').then(() => 'ran', (e: Error) => e.message);
    let closed = false;
    void closing.then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false); // waits for the transaction
    release();
    expect(await running).toBe('committed');
    await closing;
    await again;
    expect(await after).toBe('The store is closed.');
  });
});
