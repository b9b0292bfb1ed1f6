import type { Language } from '../language/request';
import type { PreferenceStore, Preferences } from './preferenceStore';
import type { SqlQueryable } from './sqlClient';

interface Row {
  language: string | null;
  time_zone: string | null;
  updated_at: Date | string;
}

/** {@link PreferenceStore} in SQL; the same statements on PGlite and PostgreSQL. */
export class SqlPreferenceStore implements PreferenceStore {
  constructor(private readonly db: SqlQueryable) {}

  async get(userId: string): Promise<Preferences | null> {
    const { rows } = await this.db.query<Row>('SELECT language, time_zone, updated_at FROM user_preferences WHERE user_id = $1', [userId]);
    return rows.length ? toPreferences(rows[0]) : null;
  }

  async remember(userId: string, prefs: { language: Language | null; timeZone: string | null }): Promise<Preferences> {
    // A message that says nothing new leaves the row as it is (no write, no new updated_at); either way the row is
    // returned, so the caller learns what another instance may have stored meanwhile.
    const { rows } = await this.db.query<Row>(
      `WITH upsert AS (
         INSERT INTO user_preferences AS p (user_id, language, time_zone) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET
           language = COALESCE(EXCLUDED.language, p.language),
           time_zone = COALESCE(EXCLUDED.time_zone, p.time_zone),
           updated_at = now()
         WHERE (EXCLUDED.language IS NOT NULL AND EXCLUDED.language IS DISTINCT FROM p.language)
            OR (EXCLUDED.time_zone IS NOT NULL AND EXCLUDED.time_zone IS DISTINCT FROM p.time_zone)
         RETURNING language, time_zone, updated_at
       )
       SELECT language, time_zone, updated_at FROM upsert
       UNION ALL
       SELECT language, time_zone, updated_at FROM user_preferences WHERE user_id = $1 AND NOT EXISTS (SELECT 1 FROM upsert)`,
      [userId, prefs.language, prefs.timeZone],
    );
    return toPreferences(rows[0]);
  }
}

function toPreferences(row: Row): Preferences {
  return {
    language: row.language === 'nl' || row.language === 'en' ? (row.language as Language) : null,
    timeZone: row.time_zone,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
