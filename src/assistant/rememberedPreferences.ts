import type { Clock } from '../clock';
import type { Language } from '../language/request';
import type { Logger } from '../logger';
import type { PreferenceStore, Preferences } from '../store';

/** How long a person's remembered language is trusted without reading the store (another instance may have changed it). */
const KEEP_MS = 5 * 60_000;
/** A bound on what is kept in memory: the most recently seen people. */
const MAX_PEOPLE = 10_000;

/**
 * The store's preferences with a short memory in front for reads (a click, a notice), written through on every message;
 * a read that fails is no language known (the caller's locale then decides) rather than a failed turn.
 */
export class RememberedPreferences implements PreferenceStore {
  private readonly seen = new Map<string, { at: number; prefs: Preferences | null }>();

  constructor(private readonly store: PreferenceStore, private readonly clock: Clock, private readonly log: Logger) {}

  async get(userId: string): Promise<Preferences | null> {
    const now = this.clock.now().getTime();
    const known = this.seen.get(userId);
    if (known && now - known.at < KEEP_MS) return known.prefs;
    try {
      const prefs = await this.store.get(userId);
      this.keep(userId, prefs, now);
      return prefs;
    } catch (error) {
      this.log.warn('preferences.readFailed', { error: (error as Error).message });
      return null;
    }
  }

  /**
   * Always written through: another instance may have stored another language since this one last looked, so a
   * message that repeats what this instance remembers is not necessarily nothing new. The store skips the write itself
   * when the row already says so, and answers with what it holds.
   */
  async remember(userId: string, prefs: { language: Language | null; timeZone: string | null }): Promise<Preferences> {
    const now = this.clock.now().getTime();
    try {
      const stored = await this.store.remember(userId, prefs);
      this.keep(userId, stored, now);
      return stored;
    } catch (error) {
      // Not remembering a language must not cost the user this turn.
      this.log.warn('preferences.saveFailed', { error: (error as Error).message });
      return { language: prefs.language, timeZone: prefs.timeZone, updatedAt: new Date(now).toISOString() };
    }
  }

  private keep(userId: string, prefs: Preferences | null, at: number): void {
    this.seen.delete(userId);
    this.seen.set(userId, { at, prefs });
    if (this.seen.size > MAX_PEOPLE) this.seen.delete(this.seen.keys().next().value as string);
  }
}
