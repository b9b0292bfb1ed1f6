/**
 * A scheduled change, due, with two bot processes on one PostgreSQL database: each process's job runner ticks on its
 * own, and the change is applied exactly once — one Graph write, one audit record, the job done once. Part of
 * `npm run test:chaos` (it starts bot processes); needs TEST_DATABASE_URL, like every several-instances test.
 */
import { randomBytes } from 'node:crypto';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { openStore, type Store } from '../../src/store';
import { PostgresClient } from '../../src/store/postgresClient';
import { DEMO_TENANT, people, requireCard, startHarness, TENANT_ID } from '../support/botHarness';
import { startBot, stopBot, type BotChild } from '../support/spawnBot';

const url = process.env.TEST_DATABASE_URL;
const maybe = url ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

maybe('a scheduled change with two bot processes sharing PostgreSQL', () => {
  const schema = `sched_${randomBytes(6).toString('hex')}`;
  const scoped = new URL(url ?? 'postgres://localhost/none');
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  let admin: PostgresClient;
  let emulator: GraphEmulator;
  let store: Store;
  const bots: BotChild[] = [];

  beforeAll(async () => {
    admin = PostgresClient.connect(url!);
    await admin.query(`CREATE SCHEMA ${schema}`);
    store = await openStore({ databaseUrl: scoped.toString() });
    emulator = await startGraphEmulator({ tenant: DEMO_TENANT });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bots.map((bot) => stopBot(bot, 'SIGTERM')));
    await store?.close();
    await emulator?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.close();
  });

  it('is applied once', async () => {
    // Daan schedules it through a whole turn, on the shared database; then the bot that did so is gone.
    const h = await startHarness({ emulator, store });
    const [reply] = await h.say('set the department of Noah Peeters to Night Shift in 10 minutes');
    const planId = JSON.stringify(requireCard(reply)).match(/"planId":"([^"]+)"/)![1];
    const scheduled = await h.act('change.schedule', { planId });
    expect(JSON.stringify(scheduled.body)).toContain('schedule.cancel');
    await h.close();
    const [job] = await store.jobs.listByOwner(people.daan, 'scheduledChange', ['pending'], 10);
    expect(job).toBeDefined();

    // Due now; two processes whose runners both look for it.
    await admin.query(`UPDATE ${schema}.jobs SET due_at = now() - interval '1 second' WHERE id = $1`, [job.id]);
    emulator.clearLog();
    bots.push(...(await Promise.all([1, 2].map(() => startBot({ GRAPH_URL: emulator.url, TENANT_ID, DATABASE_URL: scoped.toString() })))));

    const deadline = Date.now() + 45_000;
    while ((await store.jobs.get(job.id))?.state === 'pending') {
      if (Date.now() > deadline) throw new Error('the scheduled change was not run within 45 s');
      await sleep(200);
    }
    // Both runners have ticked at least once more since (5 s apart in development): nothing runs it again.
    await sleep(6_000);
    const patches = emulator.requestLog.filter((e) => e.method === 'PATCH' && e.path.includes(people.noah));
    expect(patches).toHaveLength(1);
    expect(emulator.state.getUser(people.noah)?.department).toBe('Night Shift');
    expect((await store.audit.listForPlan(planId)).filter((r) => r.outcome === 'applied')).toHaveLength(1);
    expect(await store.jobs.get(job.id)).toMatchObject({ state: 'done', outcome: { outcome: 'applied' } });
  }, 120_000);
});
