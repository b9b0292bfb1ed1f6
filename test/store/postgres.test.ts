import { randomBytes } from 'node:crypto';
import { MIGRATIONS } from '../../src/store/migrations';
import { openStore } from '../../src/store/openStore';
import { PostgresClient } from '../../src/store/postgresClient';
import type { Store } from '../../src/store/store';
import { SETUP_TIMEOUT_MS, describeStoreContract, truncateStoreTables } from './storeContract';

const baseUrl = process.env.TEST_DATABASE_URL;

/** The same database, with every unqualified name resolved in `schema`: each run gets its own tables. */
function inSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

const newSchema = () => `test_store_${randomBytes(6).toString('hex')}`;

if (!baseUrl) {
  console.warn('Skipping the PostgreSQL store tests: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test).');
  describe.skip('Store contract: PostgreSQL (needs TEST_DATABASE_URL)', () => {
    it('runs against a PostgreSQL server', () => undefined);
  });
} else {
  const schema = newSchema();
  const url = inSchema(baseUrl, schema);
  const admin = PostgresClient.connect(baseUrl);
  let sql: PostgresClient;

  beforeAll(async () => {
    await admin.query(`CREATE SCHEMA ${schema}`);
    sql = PostgresClient.connect(url);
  });
  afterAll(async () => {
    await sql?.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  describeStoreContract('PostgreSQL', {
    open: () => openStore({ databaseUrl: url }),
    openSecond: () => openStore({ databaseUrl: url }),
    reset: () => truncateStoreTables(sql),
    sql: () => sql,
  });

  describe('PostgreSQL store', () => {
    it('migrates once when several instances start at the same time on an empty database', async () => {
      const fresh = newSchema();
      await admin.query(`CREATE SCHEMA ${fresh}`);
      const stores: Store[] = [];
      try {
        const opened = await Promise.allSettled([1, 2, 3, 4].map(() => openStore({ databaseUrl: inSchema(baseUrl, fresh) })));
        for (const o of opened) if (o.status === 'fulfilled') stores.push(o.value);
        expect(opened.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
        expect(stores.map((s) => s.kind)).toEqual(['postgres', 'postgres', 'postgres', 'postgres']);
        const { rows } = await admin.query<{ version: number }>(`SELECT version FROM ${fresh}.schema_migrations ORDER BY version`);
        expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      } finally {
        await Promise.all(stores.map((s) => s.close()));
        await admin.query(`DROP SCHEMA ${fresh} CASCADE`);
      }
    }, SETUP_TIMEOUT_MS);

    it('reports an unreachable server when opening', async () => {
      await expect(openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' })).rejects.toThrow(/ECONNREFUSED|connect/);
    });
  });
}
