import type { Clock } from '../clock';

/** A cached token is used until this long before it expires: a write that starts with it must not outlive it. */
export const REFRESH_BEFORE_MS = 5 * 60_000;

/** A Graph access token and when it expires (epoch milliseconds). */
export interface ExpiringToken {
  token: string;
  expiresAt: number;
}

/**
 * Delegated Graph tokens per user (Entra object id), in this process's memory only: never logged, never written to
 * the store. A token is handed out until REFRESH_BEFORE_MS before it expires; concurrent asks for one user share one
 * fetch; a user dropped while a fetch runs does not get its result cached ("sign out" wins).
 */
export class DelegatedTokenCache {
  private readonly tokens = new Map<string, ExpiringToken>();
  private readonly pending = new Map<string, Promise<string>>();
  /** Bumped by drop(): a fetch started before it is not cached after it. */
  private readonly generation = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** The user's token while it is fresh enough, else the one `fetch` gets (cached when it lives long enough). */
  get(userId: string, fetch: () => Promise<ExpiringToken>): Promise<string> {
    const fresh = this.fresh(userId);
    if (fresh) return Promise.resolve(fresh);
    const running = this.pending.get(userId);
    if (running) return running;
    const started = this.generation.get(userId) ?? 0;
    const work = fetch()
      .then((got) => {
        if ((this.generation.get(userId) ?? 0) === started) this.put(userId, got);
        return got.token;
      })
      .finally(() => {
        if (this.pending.get(userId) === work) this.pending.delete(userId);
      });
    this.pending.set(userId, work);
    return work;
  }

  /** Keeps a token got elsewhere (right after a sign-in); one that expires within REFRESH_BEFORE_MS is not kept. */
  put(userId: string, token: ExpiringToken): void {
    if (token.expiresAt - REFRESH_BEFORE_MS > this.clock.now().getTime()) this.tokens.set(userId, token);
    else this.tokens.delete(userId);
  }

  /** The cached token while it is fresh enough; null otherwise. */
  fresh(userId: string): string | null {
    const cached = this.tokens.get(userId);
    if (!cached) return null;
    if (cached.expiresAt - REFRESH_BEFORE_MS > this.clock.now().getTime()) return cached.token;
    this.tokens.delete(userId);
    return null;
  }

  /** Forgets the user's token, and any fetch for them still running. */
  drop(userId: string): void {
    this.tokens.delete(userId);
    this.pending.delete(userId);
    this.generation.set(userId, (this.generation.get(userId) ?? 0) + 1);
  }

  /** How many users have a token here (for tests and health, never the tokens themselves). */
  get size(): number {
    return this.tokens.size;
  }
}
