import { CachedValue } from '../src/cachedValue';
import type { Clock } from '../src/clock';

/** A clock the test moves by hand. */
class ManualClock implements Clock {
  private ms = Date.parse('2026-12-01T09:00:00Z');
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** The SKU list, the organization and the approvers are cached this way: loaded on demand, kept for a bounded time. */
describe('CachedValue', () => {
  const setup = (maxAgeMs = 60_000) => {
    const clock = new ManualClock();
    let loads = 0;
    let fail = false;
    const cache = new CachedValue(async () => {
      loads++;
      if (fail) throw new Error('Graph unavailable');
      return loads;
    }, maxAgeMs, clock);
    return { clock, cache, loads: () => loads, failNext: (f: boolean) => (fail = f) };
  };

  it('loads once and answers from memory until the value is maxAge old, then loads again', async () => {
    const { clock, cache, loads } = setup(60_000);
    expect(await cache.get()).toBe(1);
    clock.advance(59_999);
    expect(await cache.get()).toBe(1);
    expect(loads()).toBe(1);
    clock.advance(1);
    expect(await cache.get()).toBe(2);
    expect(loads()).toBe(2);
  });

  it('callers arriving while it loads share that one load', async () => {
    const { cache, loads } = setup();
    const values = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(values).toEqual([1, 1, 1]);
    expect(loads()).toBe(1);
  });

  it('invalidate() makes the next caller load (a licence was assigned: the counts moved)', async () => {
    const { cache } = setup();
    await cache.get();
    cache.invalidate();
    expect(await cache.get()).toBe(2);
  });

  it('a failed load is not cached: the next caller tries again', async () => {
    const { cache, failNext } = setup();
    failNext(true);
    await expect(cache.get()).rejects.toThrow('Graph unavailable');
    failNext(false);
    expect(await cache.get()).toBe(2);
  });
});
