import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { neededRunning, readLayout, runningServerBundle } from '../../src/store/pgliteFsBundle';
import { PgliteClient } from '../../src/store/pgliteClient';
import { SETUP_TIMEOUT_MS } from './storeContract';

const root = mkdtempSync(join(tmpdir(), 'pglite-bundle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Whether the server finds a file (pg_stat_file with missing_ok answers null for one it does not). */
async function serverHas(client: PgliteClient, path: string): Promise<boolean> {
  const { rows } = await client.query<{ size: string | null }>('SELECT (pg_stat_file($1, true)).size AS size', [path]);
  return rows[0].size !== null;
}

describe("the embedded store's file system bundle", () => {
  it("reads PGlite's description of pglite.data: every file's range, end to end, as large as the file", () => {
    const layout = readLayout();
    expect(layout).not.toBeNull();
    const bundle = join(dirname(require.resolve('@electric-sql/pglite')), 'pglite.data');
    expect(layout!.size).toBe(statSync(bundle).size);
    expect(layout!.files.length).toBeGreaterThan(100);
    expect(layout!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['/pglite/share/postgresql/timezonesets/Default', '/pglite/lib/postgresql/plpgsql.so']));
  });

  it('keeps what a running server reads and leaves out what only initdb, other encodings, text search and ICU read', () => {
    for (const kept of ['/pglite/share/postgresql/timezone/Europe/Amsterdam', '/pglite/share/postgresql/timezone/UTC', '/pglite/share/postgresql/timezonesets/Default',
      '/pglite/lib/postgresql/plpgsql.so', '/pglite/share/postgresql/extension/plpgsql.control', '/home/postgres/.pgpass', '/pglite/bin/postgres']) {
      expect([kept, neededRunning(kept)]).toEqual([kept, true]);
    }
    for (const left of ['/pglite/share/postgresql/postgres.bki', '/pglite/share/postgresql/information_schema.sql', '/pglite/share/postgresql/postgresql.conf.sample',
      '/pglite/lib/postgresql/utf8_and_gb18030.so', '/pglite/lib/postgresql/cyrillic_and_mic.so', '/pglite/lib/postgresql/dict_snowball.so',
      '/pglite/lib/postgresql/pgxs/src/Makefile.global', '/pglite/icu/icudt76l/coll/ucadata.icu']) {
      expect([left, neededRunning(left)]).toEqual([left, false]);
    }
    const layout = readLayout()!;
    const left = layout.files.filter((f) => !neededRunning(f.path)).reduce((sum, f) => sum + f.end - f.start, 0);
    expect(left / layout.size).toBeGreaterThan(0.7);
  });

  it('is a buffer of the whole size, with the kept files in place and zeros elsewhere', async () => {
    const bundle = runningServerBundle()!;
    const layout = readLayout()!;
    const bytes = new Uint8Array(await bundle.blob.arrayBuffer());
    expect(bundle.blob.size).toBe(layout.size);
    expect(bytes.length).toBe(layout.size);
    const bki = layout.files.find((f) => f.path.endsWith('/postgres.bki'))!;
    expect(bytes.subarray(bki.start, bki.end).every((b) => b === 0)).toBe(true);
    const defaults = layout.files.find((f) => f.path.endsWith('/timezonesets/Default'))!;
    expect(Buffer.from(bytes.subarray(defaults.start, defaults.end)).toString('utf8')).toContain('CEST');
  });

  it('serves a store opened on a data directory: time zones, the audit trigger, and no file it left out', async () => {
    const client = await PgliteClient.open(join(root, 'data'));
    try {
      expect(await serverHas(client, '/pglite/share/postgresql/timezone/Europe/Amsterdam')).toBe(true);
      expect(await serverHas(client, '/pglite/share/postgresql/postgres.bki')).toBe(false);
      expect(await serverHas(client, '/pglite/lib/postgresql/dict_snowball.so')).toBe(false);
      const { rows } = await client.query<{ local: string }>(
        "SELECT to_char(timestamptz '2026-07-01 12:00:00+00' AT TIME ZONE 'Europe/Amsterdam', 'HH24:MI') AS local",
      );
      expect(rows).toEqual([{ local: '14:00' }]);
      // PL/pgSQL (the audit log's trigger is written in it) loads from the kept plpgsql.so.
      await client.query("CREATE FUNCTION twice(n integer) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN n * 2; END $$");
      expect((await client.query<{ n: number }>('SELECT twice(21) AS n')).rows).toEqual([{ n: 42 }]);
      // A left-out file is missing, not zeros: a conversion to another encoding fails with a clear error.
      await expect(client.query("SELECT convert_to('é', 'LATIN1')")).rejects.toThrow(/could not access file/);
    } finally {
      await client.close();
    }
  }, SETUP_TIMEOUT_MS);
});
