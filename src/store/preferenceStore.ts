import type { Language } from '../language/request';

/** What the bot remembers of a person between turns, to speak to them as they last spoke to it. */
export interface Preferences {
  /** The language of their last message to the bot. */
  language: Language | null;
  /** The IANA time zone their Teams client last sent (`localTimezone`). */
  timeZone: string | null;
  updatedAt: string;
}

export interface PreferenceStore {
  /** `null` when the person never wrote to the bot. */
  get(userId: string): Promise<Preferences | null>;
  /** Inserts or replaces; a `null` field leaves what was known. Returns what is stored now. */
  remember(userId: string, prefs: { language: Language | null; timeZone: string | null }): Promise<Preferences>;
}
