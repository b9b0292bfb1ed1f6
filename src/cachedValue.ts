import { systemClock, type Clock } from './clock';

/**
 * One value loaded on demand and kept for at most `maxAgeMs`; concurrent callers share one load.
 * For tenant-wide data that changes rarely (subscribed SKUs, the organization).
 */
export class CachedValue<T> {
  private value?: { at: number; data: T };
  private loading?: Promise<T>;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  async get(): Promise<T> {
    const now = this.clock.now().getTime();
    if (this.value && now - this.value.at < this.maxAgeMs) return this.value.data;
    this.loading ??= this.load()
      .then((data) => {
        this.value = { at: this.clock.now().getTime(), data };
        return data;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  invalidate(): void {
    this.value = undefined;
  }
}
