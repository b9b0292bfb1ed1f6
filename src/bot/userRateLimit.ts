import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Clock } from '../clock';
import { replyLanguage, translator } from '../i18n/translate';
import type { Logger } from '../logger';

export interface RateLimitOptions {
  /** Turns a user may take in a burst. */
  burst: number;
  /** Turns per minute that flow back into the bucket. */
  perMinute: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 20, perMinute: 30 };

interface Bucket {
  tokens: number;
  at: number;
  /** Told once per episode of going too fast, so a flood gets one answer, not one per message. */
  told: boolean;
}

/**
 * A token bucket per user (their Entra object id). Each turn can cost Graph requests that count against the
 * tenant's throttling budget, so one user (or a script with their token) cannot starve everyone else.
 * Per instance: with several instances the limit is per instance, which still bounds a flood.
 */
export class UserRateLimit implements Middleware {
  private readonly buckets = new Map<string, Bucket>();
  private prunedAt = 0;

  constructor(private readonly options: RateLimitOptions, private readonly clock: Clock, private readonly log: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    const user = a.from?.aadObjectId;
    const counted = a.type === ActivityTypes.Message || a.type === ActivityTypes.Invoke;
    if (!user || !counted || this.take(user)) return next();

    const bucket = this.buckets.get(user)!;
    this.log.warn('turn.rateLimited', { userId: user, activityType: a.type });
    const t = translator(replyLanguage(a.locale, undefined));
    if (a.type === ActivityTypes.Invoke) {
      // An invoke must be answered; the clicked card stays as it was.
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t('error.RATE_LIMITED') } } });
    } else if (!bucket.told) {
      await context.sendActivity(t('error.RATE_LIMITED'));
    }
    bucket.told = true;
  }

  private take(user: string): boolean {
    const now = this.clock.now().getTime();
    const { burst, perMinute } = this.options;
    const bucket = this.buckets.get(user) ?? { tokens: burst, at: now, told: false };
    // A clock that stepped back (NTP) refills nothing rather than draining the bucket.
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 60_000) * perMinute);
    bucket.at = now;
    // At most once a minute: with more than 10,000 users all active, pruning every turn would cost every turn.
    if (this.buckets.size > 10_000 && now - this.prunedAt > 60_000) this.prune(now);
    this.buckets.set(user, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    bucket.told = false;
    return true;
  }

  /** Forgets users whose bucket has refilled: memory stays bounded however many users there are. */
  private prune(now: number): void {
    this.prunedAt = now;
    const full = (this.options.burst / this.options.perMinute) * 60_000;
    for (const [user, bucket] of this.buckets) if (now - bucket.at > full) this.buckets.delete(user);
  }
}
