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
    if (!rows.length) return null;
    const [row] = rows;
    return {
      language: row.language === 'nl' || row.language === 'en' ? (row.language as Language) : null,
      timeZone: row.time_zone,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  async remember(userId: string, prefs: { language: Language | null; timeZone: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO user_preferences (user_id, language, time_zone) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET
         language = COALESCE(EXCLUDED.language, user_preferences.language),
         time_zone = COALESCE(EXCLUDED.time_zone, user_preferences.time_zone),
         updated_at = now()`,
      [userId, prefs.language, prefs.timeZone],
    );
  }
}
