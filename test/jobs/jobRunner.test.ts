import { JobRunner } from '../../src/jobs/jobRunner';
import { memoryLogger } from '../../src/logger';
import { openStore, type Store } from '../../src/store';

let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
});
afterAll(() => store.close());

const past = () => new Date(Date.now() - 1_000).toISOString();

it('hands a kind its due jobs together, records each outcome once, and reschedules what should be looked at again', async () => {
  const runner = new JobRunner(store.jobs, memoryLogger());
  const seen: number[][] = [];
  runner.register({
    kind: 'watch', batch: 50, leaseMs: 60_000,
    handler: async (jobs) => {
      seen.push(jobs.map((j) => (j.payload as { n: number }).n));
      return jobs.map((j) => ((j.payload as { n: number }).n === 1 ? { state: 'done' as const, outcome: { landed: true } } : { retryAt: new Date(Date.now() + 60_000), payload: { n: 2, looked: 1 } }));
    },
  });
  const one = await store.jobs.add({ kind: 'watch', dueAt: past(), payload: { n: 1 } });
  const two = await store.jobs.add({ kind: 'watch', dueAt: past(), payload: { n: 2 } });
  expect(await runner.tick()).toBe(2);
  expect(seen).toEqual([[1, 2]]);
  expect(await store.jobs.get(one.id)).toMatchObject({ state: 'done', outcome: { landed: true } });
  expect(await store.jobs.get(two.id)).toMatchObject({ state: 'pending', payload: { n: 2, looked: 1 } });
  expect(await runner.tick()).toBe(0);
});

it('a handler that throws leaves its jobs to be claimed again after the lease; nothing is recorded', async () => {
  const log = memoryLogger();
  const runner = new JobRunner(store.jobs, log);
  let fail = true;
  runner.register({
    kind: 'flaky', batch: 5, leaseMs: 20,
    handler: async (jobs) => {
      if (fail) throw new Error('Graph down');
      return jobs.map(() => ({ state: 'done' as const, outcome: {} }));
    },
  });
  const job = await store.jobs.add({ kind: 'flaky', dueAt: past(), payload: {} });
  expect(await runner.tick()).toBe(0);
  expect(log.lines.join('\n')).toContain('jobs.handlerFailed');
  fail = false;
  await new Promise((r) => setTimeout(r, 40));
  expect(await runner.tick()).toBe(1);
  expect(await store.jobs.get(job.id)).toMatchObject({ state: 'done', attempts: 2 });
});

it('two runners on one store run a job once', async () => {
  let runs = 0;
  const make = () => {
    const runner = new JobRunner(store.jobs, memoryLogger());
    runner.register({ kind: 'once', batch: 5, leaseMs: 60_000, handler: async (jobs) => { runs += jobs.length; return jobs.map(() => ({ state: 'done' as const, outcome: {} })); } });
    return runner;
  };
  await store.jobs.add({ kind: 'once', dueAt: past(), payload: {} });
  await Promise.all([make().tick(), make().tick()]);
  expect(runs).toBe(1);
});

it('what a handler tells after its decision is told only by the holder whose decision was recorded', async () => {
  const told: string[] = [];
  const runner = new JobRunner(store.jobs, memoryLogger());
  runner.register({
    kind: 'tell', batch: 5, leaseMs: 20,
    handler: async (jobs) => {
      // A slow tick: the lease runs out, another holder takes the job and records its decision first.
      const [other] = await store.jobs.claimDue(['tell'], 1, 60_000).then(async (none) => (none.length ? none : (await new Promise((r) => setTimeout(r, 40)), store.jobs.claimDue(['tell'], 1, 60_000))));
      await store.jobs.finish(other, 'done', { by: 'other' });
      return jobs.map(() => ({ state: 'done' as const, outcome: { by: 'slow' }, afterRecorded: async () => { told.push('slow'); } }));
    },
  });
  const job = await store.jobs.add({ kind: 'tell', dueAt: past(), payload: {} });
  await runner.tick();
  expect(told).toEqual([]);
  expect(await store.jobs.get(job.id)).toMatchObject({ outcome: { by: 'other' } });
});
