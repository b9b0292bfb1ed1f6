import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { openStore, type Store } from '../../src/store';
import type { WriteIntent } from '../../src/assistant/journalledWrite';
import { DEMO_TENANT, people, requireCard, startHarness } from '../support/botHarness';

/*
 * A bot restarted quickly (a crash, a deploy) finds its predecessor's write still leased: it looks again as soon as
 * the lease can have run out, not a minute later (the chaos suite met this as a flaky wait).
 */
const LEASE_MS = 1_500;
let emulator: GraphEmulator;
let store: Store;
beforeAll(async () => {
  emulator = await startGraphEmulator({ tenant: DEMO_TENANT });
  store = await openStore({ dataDir: 'memory://' });
});
afterAll(async () => {
  await store.close();
  await emulator.close();
});

it("recovers a crashed writer's change once its lease runs out, without waiting for the minute's sweep", async () => {
  const first = await startHarness({ emulator, store });
  const [reply] = await first.say('set the job title of noah.peeters@fabrikam.nl to Restart Lead');
  const planId = JSON.stringify(requireCard(reply)).match(/"planId":"([^"]+)"/)![1];
  await first.close();
  // The writer claimed the plan and then died, before any Graph write.
  const plan = (await store.plans.get(planId))!.payload as { plan: WriteIntent['plan'] };
  const intent: WriteIntent = {
    actor: { id: people.daan, upn: 'daan.visser@fabrikam.nl' }, approver: null,
    target: { id: people.noah, upn: 'noah.peeters@fabrikam.nl', name: 'Noah Peeters' },
    plan: plan.plan, planId, requestId: null, conversationId: `conv-${people.daan}`, card: null, language: 'en',
  };
  const { claim } = await store.journal.beginPlan(planId, people.daan, intent as never, LEASE_MS);
  expect(claim).toBe('claimed');

  // Restarted at once: the start-up sweep finds the lease still live.
  const second = await startHarness({ emulator, store, writeLeaseMs: LEASE_MS });
  try {
    const deadline = Date.now() + LEASE_MS + 4_000;
    while ((await store.plans.get(planId))?.state === 'claimed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await store.plans.get(planId))?.state).not.toBe('claimed');
    expect(await store.journal.claimAbandoned(10, 60_000)).toEqual([]);
  } finally {
    await second.close();
  }
}, 30_000);
