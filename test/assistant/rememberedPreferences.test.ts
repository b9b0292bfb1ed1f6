import { RememberedPreferences } from '../../src/assistant/rememberedPreferences';
import { memoryLogger } from '../../src/logger';
import { openStore, type Store } from '../../src/store';
import { systemClock } from '../../src/clock';

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
