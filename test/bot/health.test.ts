import { openStore, type Store } from '../../src/store';
import { startHarness, type Harness } from '../support/botHarness';

/** /healthz checks the database and Graph, names what is down, and answers within a second whatever hangs. */
describe('GET /healthz', () => {
  let real: Store;
  let databaseHangs = false;
  let h: Harness;
  // Graph's answer is kept for 30 s (a probe every second must not cost a Graph call each): the test moves time on.
  const clock = { offset: 0, now() { return new Date(Date.now() + this.offset); } };
  beforeAll(async () => {
    real = await openStore({ dataDir: 'memory://' });
    // The real store, whose ping can be made to hang like a cut PostgreSQL connection.
    const store: Store = Object.assign(Object.create(Object.getPrototypeOf(real)), real, {
      ping: () => (databaseHangs ? new Promise<void>(() => undefined) : real.ping()),
      close: () => real.close(),
    });
    h = await startHarness({ store, clock });
  });
  afterAll(async () => {
    await h.close();
    await real.close();
  });
  afterEach(() => {
    databaseHangs = false;
    h.emulator.faults.clear();
  });

  async function probe(): Promise<{ status: number; ms: number; body: Record<string, unknown> }> {
    const started = Date.now();
    const r = await fetch(`${h.url}/healthz`);
    return { status: r.status, ms: Date.now() - started, body: (await r.json()) as Record<string, unknown> };
  }

  it('200 when both answer', async () => {
    const r = await probe();
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', database: 'reachable', graph: 'reachable', down: [] });
  });

  it('503 naming the database when it hangs, within a second', async () => {
    databaseHangs = true;
    const r = await probe();
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'degraded', database: 'unreachable', graph: 'reachable', down: ['database'] });
    expect(r.ms).toBeLessThan(1_000);
  });

  it('503 naming Graph when it hangs, within a second (the store still checked)', async () => {
    clock.offset += 31_000;
    h.emulator.faults.add({ match: { pathIncludes: '/organization' }, hang: true, times: 100 });
    const r = await probe();
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ database: 'reachable', graph: 'unreachable', down: ['graph'] });
    expect(r.ms).toBeLessThan(1_000);
  });
});
