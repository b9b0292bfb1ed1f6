import type { Clock } from '../clock';
import type { Language } from '../language/request';
import type { Logger } from '../logger';
import type { PreferenceStore, Preferences } from '../store';

/** How long a person's remembered language is trusted without reading the store (another instance may have changed it). */
const KEEP_MS = 5 * 60_000;
/** A bound on what is kept in memory: the most recently seen people. */
const MAX_PEOPLE = 10_000;

export interface RememberedPreferencesOptions {
  /**
   * Nothing but this instance writes the store's preferences: the embedded store (PGlite), whose data directory one
   * process holds at a time. Only then does a message that repeats what is remembered skip the store, as what is
   * remembered is then what the store holds. With a shared database (PostgreSQL, several instances) every message
   * is written through: another instance may have stored another language meanwhile, and skipping would leave that
   * row saying what the person no longer speaks, for every instance and every notice, until their next message
   * after this memory ages out. Off unless said.
   */
  soleWriter?: boolean;
}

/**
 * The store's preferences with a short memory in front for reads (a click, a notice), written through on every message
 * (unless this instance is the store's only writer and the message says nothing new); a read that fails is no language
 * known (the caller's locale then decides) rather than a failed turn.
 */
export class RememberedPreferences implements PreferenceStore {
  private readonly seen = new Map<string, { at: number; prefs: Preferences | null }>();
  private readonly soleWriter: boolean;

  constructor(private readonly store: PreferenceStore, private readonly clock: Clock, private readonly log: Logger, options: RememberedPreferencesOptions = {}) {
    this.soleWriter = options.soleWriter ?? false;
  }

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
   * Written through when another instance may share the store: one may have stored another language since this one
   * last looked, so a message that repeats what this instance remembers is not necessarily nothing new. The store
   * skips the write itself when the row already says so, and answers with what it holds. As the store's only writer,
   * a message that repeats what a fresh memory holds is nothing new and costs no statement (a `null` field says nothing).
   */
  async remember(userId: string, prefs: { language: Language | null; timeZone: string | null }): Promise<Preferences> {
    const now = this.clock.now().getTime();
    if (this.soleWriter) {
      const known = this.seen.get(userId);
      if (known?.prefs && now - known.at < KEEP_MS && saysNothingNew(known.prefs, prefs)) return known.prefs;
    }
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

function saysNothingNew(known: Preferences, said: { language: Language | null; timeZone: string | null }): boolean {
  return (said.language ?? known.language) === known.language && (said.timeZone ?? known.timeZone) === known.timeZone;
}
