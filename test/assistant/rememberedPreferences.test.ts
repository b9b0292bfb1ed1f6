import { RememberedPreferences } from '../../src/assistant/rememberedPreferences';
import { memoryLogger } from '../../src/logger';
import { openStore, type Store } from '../../src/store';
import { systemClock, type Clock } from '../../src/clock';
import type { Language } from '../../src/language/request';
import type { PreferenceStore, Preferences } from '../../src/store';

/** Two bot instances over one store: each remembers for reads, but a message always reaches the store. */
let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
});
afterAll(() => store.close());

it('English on A, Dutch on B, English on A again: the store says English', async () => {
  const a = new RememberedPreferences(store.preferences, systemClock, memoryLogger());
  const b = new RememberedPreferences(store.preferences, systemClock, memoryLogger());
  await a.remember('u1', { language: 'en', timeZone: null });
  await b.remember('u1', { language: 'nl', timeZone: null });
  await a.remember('u1', { language: 'en', timeZone: null });
  expect((await store.preferences.get('u1'))?.language).toBe('en');
  expect((await a.get('u1'))?.language).toBe('en');
});

it('a store that fails to write costs no turn: what was said is still answered', async () => {
  const failing = { get: () => Promise.reject(new Error('down')), remember: () => Promise.reject(new Error('down')) };
  const log = memoryLogger();
  const prefs = new RememberedPreferences(failing, systemClock, log);
  expect(await prefs.remember('u2', { language: 'nl', timeZone: 'Europe/Amsterdam' })).toMatchObject({ language: 'nl' });
  expect(await prefs.get('u2')).toBeNull();
});

/** A PreferenceStore that keeps rows in a map and counts what reaches it. */
class CountingPreferenceStore implements PreferenceStore {
  readonly rows = new Map<string, Preferences>();
  gets = 0;
  remembers = 0;
  failWrites = false;

  async get(userId: string): Promise<Preferences | null> {
    this.gets++;
    return this.rows.get(userId) ?? null;
  }

  async remember(userId: string, prefs: { language: Language | null; timeZone: string | null }): Promise<Preferences> {
    this.remembers++;
    if (this.failWrites) throw new Error('down');
    const known = this.rows.get(userId);
    const stored = { language: prefs.language ?? known?.language ?? null, timeZone: prefs.timeZone ?? known?.timeZone ?? null, updatedAt: new Date().toISOString() };
    this.rows.set(userId, stored);
    return stored;
  }
}

class MovableClock implements Clock {
  constructor(private t = Date.parse('2026-01-05T09:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A message turn as the Assistant makes it: what is remembered, then what this message said. */
async function message(prefs: RememberedPreferences, userId: string, said: { language: Language | null; timeZone: string | null }): Promise<void> {
  await prefs.get(userId);
  await prefs.remember(userId, said);
}

describe('the store\'s only writer (embedded store)', () => {
  it('100 messages in the same language and time zone: one write, for the first', async () => {
    const store = new CountingPreferenceStore();
    const prefs = new RememberedPreferences(store, new MovableClock(), memoryLogger(), { soleWriter: true });
    for (let i = 0; i < 100; i++) await message(prefs, 'u1', { language: 'en', timeZone: 'Europe/Amsterdam' });
    expect({ gets: store.gets, remembers: store.remembers }).toEqual({ gets: 1, remembers: 1 });
  });

  it('a message without a time zone (Teams does not always send one) says nothing new', async () => {
    const store = new CountingPreferenceStore();
    const prefs = new RememberedPreferences(store, new MovableClock(), memoryLogger(), { soleWriter: true });
    await message(prefs, 'u1', { language: 'en', timeZone: 'Europe/Amsterdam' });
    await message(prefs, 'u1', { language: 'en', timeZone: null });
    expect(store.remembers).toBe(1);
    expect(await prefs.get('u1')).toMatchObject({ language: 'en', timeZone: 'Europe/Amsterdam' });
  });

  it('another language or time zone is written at once, and read back as said', async () => {
    const store = new CountingPreferenceStore();
    const prefs = new RememberedPreferences(store, new MovableClock(), memoryLogger(), { soleWriter: true });
    await message(prefs, 'u1', { language: 'en', timeZone: 'Europe/Amsterdam' });
    await message(prefs, 'u1', { language: 'nl', timeZone: 'Europe/Amsterdam' });
    await message(prefs, 'u1', { language: 'nl', timeZone: 'Europe/London' });
    expect(store.remembers).toBe(3);
    expect(store.rows.get('u1')).toMatchObject({ language: 'nl', timeZone: 'Europe/London' });
    expect(await prefs.get('u1')).toMatchObject({ language: 'nl', timeZone: 'Europe/London' });
  });

  it('a memory older than 5 minutes is read again before it is trusted to skip a write', async () => {
    const store = new CountingPreferenceStore();
    const clock = new MovableClock();
    const prefs = new RememberedPreferences(store, clock, memoryLogger(), { soleWriter: true });
    await message(prefs, 'u1', { language: 'en', timeZone: null });
    clock.advance(5 * 60_000);
    await message(prefs, 'u1', { language: 'en', timeZone: null });
    expect({ gets: store.gets, remembers: store.remembers }).toEqual({ gets: 2, remembers: 1 });
    // remember alone (no read first) on an aged memory writes through
    clock.advance(5 * 60_000);
    await prefs.remember('u1', { language: 'en', timeZone: null });
    expect(store.remembers).toBe(2);
  });

  it('a write that failed is tried again on the next message that says the same', async () => {
    const store = new CountingPreferenceStore();
    const prefs = new RememberedPreferences(store, new MovableClock(), memoryLogger(), { soleWriter: true });
    await message(prefs, 'u1', { language: 'en', timeZone: null });
    store.failWrites = true;
    expect(await prefs.remember('u1', { language: 'nl', timeZone: null })).toMatchObject({ language: 'nl' });
    store.failWrites = false;
    await message(prefs, 'u1', { language: 'nl', timeZone: null });
    expect(store.remembers).toBe(3);
    expect(store.rows.get('u1')?.language).toBe('nl');
  });
});

describe('a store other instances may share (the default)', () => {
  it('100 messages in the same language: each reaches the store, so instances agree', async () => {
    const store = new CountingPreferenceStore();
    const prefs = new RememberedPreferences(store, new MovableClock(), memoryLogger());
    for (let i = 0; i < 100; i++) await message(prefs, 'u1', { language: 'en', timeZone: 'Europe/Amsterdam' });
    expect({ gets: store.gets, remembers: store.remembers }).toEqual({ gets: 1, remembers: 100 });
  });

  it('English on A, Dutch on B, English on A again, over a counting store: the store says English', async () => {
    const store = new CountingPreferenceStore();
    const clock = new MovableClock();
    const a = new RememberedPreferences(store, clock, memoryLogger());
    const b = new RememberedPreferences(store, clock, memoryLogger());
    await message(a, 'u1', { language: 'en', timeZone: null });
    await message(b, 'u1', { language: 'nl', timeZone: null });
    await message(a, 'u1', { language: 'en', timeZone: null });
    expect(store.rows.get('u1')?.language).toBe('en');
  });
});
