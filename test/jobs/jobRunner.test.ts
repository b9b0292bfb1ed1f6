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

it('a job whose handler keeps throwing is failed after maxAttempts claims, logged at error level, and not handed over again', async () => {
  const log = memoryLogger();
  const runner = new JobRunner(store.jobs, log, { maxAttempts: 3 });
  let calls = 0;
  runner.register({ kind: 'broken', batch: 5, leaseMs: 10, handler: async () => { calls++; throw new Error('always'); } });
  const job = await store.jobs.add({ kind: 'broken', dueAt: past(), payload: {} });
  const settled: number[] = [];
  for (let i = 0; i < 5; i++) {
    settled.push(await runner.tick());
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(calls).toBe(3);
  expect(settled).toEqual([0, 0, 0, 1, 0]);
  expect(await store.jobs.get(job.id)).toMatchObject({ state: 'failed', outcome: { reason: 'tooManyAttempts', attempts: 3 } });
  const line = JSON.parse(log.lines.find((l) => l.includes('jobs.tooManyAttempts'))!);
  expect(line).toMatchObject({ level: 'error', kind: 'broken', jobId: job.id });
});

it('a job its handler looks at again and again (a watcher) is never capped: each reschedule is a decision', async () => {
  const runner = new JobRunner(store.jobs, memoryLogger(), { maxAttempts: 2 });
  let looks = 0;
  runner.register({ kind: 'looked', batch: 5, leaseMs: 60_000, handler: async (jobs) => jobs.map(() => (++looks < 5 ? { retryAt: new Date(Date.now() - 1) } : { state: 'done' as const, outcome: {} })) });
  const job = await store.jobs.add({ kind: 'looked', dueAt: past(), payload: {} });
  for (let i = 0; i < 5; i++) await runner.tick();
  expect(looks).toBe(5);
  expect(await store.jobs.get(job.id)).toMatchObject({ state: 'done' });
});

it('deletes finished jobs past retention on its first tick and then at most once per pruneEveryMs, never a pending one', async () => {
  const pruned: string[] = [];
  const jobs = Object.assign(Object.create(store.jobs) as typeof store.jobs, {
    prune: (olderThan: string) => { pruned.push(olderThan); return store.jobs.prune(olderThan); },
  });
  const log = memoryLogger();
  const runner = new JobRunner(jobs, log, { retentionMs: 10, pruneEveryMs: 60_000 });
  runner.register({ kind: 'kept', batch: 5, leaseMs: 60_000, handler: async (claimed) => claimed.map(() => ({ state: 'done' as const, outcome: {} })) });
  const finished = await store.jobs.add({ kind: 'kept', dueAt: past(), payload: {} });
  const pending = await store.jobs.add({ kind: 'kept', dueAt: new Date(Date.now() + 3_600_000).toISOString(), payload: {} });
  const [claimed] = await store.jobs.claimDue(['kept'], 1, 60_000);
  await store.jobs.finish(claimed, 'done', {});
  await new Promise((r) => setTimeout(r, 30));

  const before = Date.now();
  await runner.tick();
  await runner.tick();
  await runner.stop();
  expect(pruned).toHaveLength(1);
  expect(Date.parse(pruned[0])).toBeGreaterThanOrEqual(before - 10);
  expect(await store.jobs.get(finished.id)).toBeNull();
  expect(await store.jobs.get(pending.id)).toMatchObject({ state: 'pending' });
  expect(log.lines.some((l) => JSON.parse(l).event === 'jobs.pruned')).toBe(true);
});
