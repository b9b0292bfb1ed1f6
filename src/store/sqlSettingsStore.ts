import type { Json } from './json';
import type { SettingsStore } from './settingsStore';
import type { SqlQueryable } from './sqlClient';

/** {@link SettingsStore} in SQL; the same statements on PGlite and PostgreSQL. */
export class SqlSettingsStore implements SettingsStore {
  constructor(private readonly db: SqlQueryable) {}

  async get(key: string): Promise<Json | undefined> {
    const { rows } = await this.db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [key]);
    return rows.length === 0 ? undefined : rows[0].value;
  }

  async set(key: string, value: Json): Promise<void> {
    // JSON null is stored as the jsonb value null (the column is NOT NULL), so get() can tell it from "never set".
    await this.db.query(
      `INSERT INTO settings (key, value) VALUES ($1, $2::text::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, JSON.stringify(value ?? null)],
    );
  }

  async claim(key: string, value: Json): Promise<boolean> {
    const { rows } = await this.db.query<{ key: string }>(
      `INSERT INTO settings AS s (key, value) VALUES ($1, $2::text::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE s.value = 'null'::jsonb
       RETURNING key`,
      [key, JSON.stringify(value ?? null)],
    );
    return rows.length === 1;
  }
}
