import type { AdaptiveCard } from '../cards/renderCard';
import type { Logger } from '../logger';
import type { CardReplacement, CardReplacementStore, Json } from '../store';
import type { Messenger, PostedMessage } from './messenger';

export interface CardReplacementOptions {
  /** Wait before trying again after Teams refused an update. */
  retryMs: number;
  /** Tries in all, before the replacement is given up (and logged as an error). */
  maxAttempts: number;
  /** How long a claim keeps other instances off a replacement: longer than a batch of updates can take. */
  leaseMs: number;
  /** One update that has not answered by then counts as failed (the connector client has no timeout of its own). */
  updateTimeoutMs: number;
  /** How long close() waits for work under way. */
  closeGraceMs: number;
  /** Replacements claimed together by a sweep, and worked through one by one within the lease. */
  batch: number;
  /** Most batches one sweep works through (then the next sweep goes on). */
  maxBatches: number;
}

// A batch of 5 updates of at most 10 s each fits in the 60 s lease.
const DEFAULTS: CardReplacementOptions = { retryMs: 30_000, maxAttempts: 3, leaseMs: 60_000, updateTimeoutMs: 10_000, batch: 5, maxBatches: 20, closeGraceMs: 10_000 };

/**
 * Replaces posted cards later: the card that shows a temporary password, after a few minutes.
 *
 * Each replacement is stored before it is timed in this process, so a restart or a deploy in between does not
 * leave the password in the chat: the periodic sweep (`replaceDue`, also run at start-up) takes every due
 * replacement whose timer was lost, whichever instance scheduled it. A replacement is claimed, for a lease,
 * before it is worked on, so instances do not work on one at the same time. Teams refusing an update is tried
 * again.
 */
export class CardReplacements {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly working = new Set<Promise<void>>();
  private sweeping: Promise<number> | null = null;
  private closed = false;

  constructor(
    private readonly store: CardReplacementStore,
    private readonly messenger: Messenger,
    private readonly log: Logger,
    private readonly options: CardReplacementOptions = DEFAULTS,
  ) {}

  /** Replaces `message` with `card` after `delayMs`. */
  async schedule(message: PostedMessage, card: AdaptiveCard, delayMs: number): Promise<void> {
    let id: string;
    try {
      id = await this.store.schedule({ conversation: message.conversation, activityId: message.activityId, card: card as Json, delayMs });
    } catch (error) {
      // Not stored: the timer alone still replaces the card, unless this process stops first.
      this.log.warn('card.replacementNotStored', { activityId: message.activityId, error });
      this.after(delayMs, () => this.replaceUnstored(message, card, 1));
      return;
    }
    this.after(delayMs, () => this.replaceStored(id));
  }

  /**
   * Replaces what is due and nobody is working on; returns how many were tried. A sweep asked for while one is
   * running joins it.
   */
  replaceDue(): Promise<number> {
    if (this.closed) return Promise.resolve(0);
    this.sweeping ??= this.track(this.sweep()).finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  /** Stops the timers and waits a while for the work under way; stored replacements stay for the next sweep. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.working), new Promise((resolve) => (grace = setTimeout(resolve, this.options.closeGraceMs)))]);
    clearTimeout(grace);
  }

  private async sweep(): Promise<number> {
    let tried = 0;
    for (let i = 0; i < this.options.maxBatches && !this.closed; i++) {
      const due = await this.store.claimDue(this.options.batch, this.options.leaseMs);
      for (const replacement of due) {
        // Closing: the rest of the batch is left to its lease and the next sweep, here or elsewhere.
        if (this.closed) break;
        // One failure (the store, for a moment) must not keep the rest of the batch claimed and waiting.
        await this.replace(replacement).catch((error: unknown) => this.log.error('card.replaceFailed', { activityId: replacement.activityId, error }));
      }
      tried += due.length;
      if (due.length < this.options.batch) break;
    }
    return tried;
  }

  private after(ms: number, work: () => Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.track(work()).catch((error: unknown) => this.log.error('card.replaceFailed', { error }));
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Work that close() waits for. */
  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(() => undefined, () => undefined);
    this.working.add(settled);
    void settled.then(() => this.working.delete(settled));
    return work;
  }

  private async replaceStored(id: string): Promise<void> {
    // Null: replaced already (a sweep was quicker), or another instance is at it.
    const claimed = await this.store.claim(id, this.options.leaseMs);
    if (claimed) await this.replace(claimed);
  }

  private async replace(replacement: CardReplacement): Promise<void> {
    const message = { conversation: replacement.conversation, activityId: replacement.activityId };
    if (await this.update(message, replacement.card as AdaptiveCard)) return this.store.remove(replacement);
    if (replacement.attempts >= this.options.maxAttempts) {
      this.log.error('card.notReplaced', { activityId: replacement.activityId, attempts: replacement.attempts });
      return this.store.remove(replacement);
    }
    await this.store.retryLater(replacement, this.options.retryMs);
    this.after(this.options.retryMs, () => this.replaceStored(replacement.id));
  }

  private async replaceUnstored(message: PostedMessage, card: AdaptiveCard, attempt: number): Promise<void> {
    if (await this.update(message, card)) return;
    if (attempt >= this.options.maxAttempts) {
      this.log.error('card.notReplaced', { activityId: message.activityId, attempts: attempt });
      return;
    }
    this.after(this.options.retryMs, () => this.replaceUnstored(message, card, attempt + 1));
  }

  private async update(message: PostedMessage, card: AdaptiveCard): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.options.updateTimeoutMs)));
    try {
      const outcome = await Promise.race([this.messenger.updateCard(message, card), late]);
      if (outcome === 'late') this.log.warn('card.updateTimedOut', { activityId: message.activityId });
      return outcome === true;
    } catch (error) {
      this.log.warn('card.updateFailed', { activityId: message.activityId, error });
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
