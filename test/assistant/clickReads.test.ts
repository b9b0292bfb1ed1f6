import { readClick } from '../../src/assistant/clickLanguage';
import type { AssistantContext } from '../../src/assistant/assistantContext';
import type { Caller } from '../../src/assistant/caller';
import { openStore, type Store } from '../../src/store';
import type { CancelResult, ClaimResult, PlanFinalState, PlanInput, PlanRecord, PlanStore, PlanUpdateResult } from '../../src/store';
import { people, requireCard, startHarness, type Harness } from '../support/botHarness';

/** The store's plans (picks are plans too), counting the reads that reach it. */
class CountingPlanStore implements PlanStore {
  gets = 0;
  constructor(private readonly inner: PlanStore) {}
  create(plan: PlanInput): Promise<PlanRecord> {
    return this.inner.create(plan);
  }
  get(id: string): Promise<PlanRecord | null> {
    this.gets++;
    return this.inner.get(id);
  }
  claim(id: string, actorId: string): Promise<ClaimResult> {
    return this.inner.claim(id, actorId);
  }
  finish(id: string, outcome: Parameters<PlanStore['finish']>[1], state: PlanFinalState): Promise<PlanRecord | null> {
    return this.inner.finish(id, outcome, state);
  }
  cancel(id: string, actorId: string): Promise<CancelResult> {
    return this.inner.cancel(id, actorId);
  }
  updatePayload(id: string, payload: Parameters<PlanStore['updatePayload']>[1], expectedVersion: number, expiresAt?: string): Promise<PlanUpdateResult> {
    return this.inner.updatePayload(id, payload, expectedVersion, expiresAt);
  }
}

/**
 * How many times one click reads its plan (or pick) from the store, through the whole bot: once for the language
 * to answer in (clickLanguage), once more by the use case (applyChange, the pick). readClick reads it once and hands
 * the record on; the Assistant passing it to the use case makes one read of two.
 */
let real: Store;
let plans: CountingPlanStore;
let h: Harness;
beforeAll(async () => {
  real = await openStore({ dataDir: 'memory://' });
  plans = new CountingPlanStore(real.plans);
  const store: Store = Object.assign(Object.create(Object.getPrototypeOf(real)), real, { plans, close: () => real.close() });
  h = await startHarness({ store });
});
afterAll(async () => {
  await h.close();
  await real.close();
});

const idOf = (card: unknown, key: string): string => JSON.stringify(card).match(new RegExp(`"${key}":"([^"]+)"`))![1];
const caller = (id: string): Caller => ({ id, locale: 'en-US' }) as Caller;
/** What readClick needs of the context: the stores and the remembered languages. */
const contextOf = (): AssistantContext => ({ plans, requests: real.requests, preferences: real.preferences }) as unknown as AssistantContext;

async function readsDuring(click: () => Promise<unknown>): Promise<number> {
  const before = plans.gets;
  await click();
  return plans.gets - before;
}

it('Apply: the plan is read once per click (readClick\'s record is the one Apply uses)', async () => {
  const planId = idOf(requireCard((await h.say('set the job title of noah.peeters@fabrikam.nl to Support Lead'))[0]), 'planId');
  const direct = await readsDuring(() => readClick(contextOf(), caller(people.daan), { planId }));
  const read = await readClick(contextOf(), caller(people.daan), { planId });
  expect(read.plan).toEqual(await real.plans.get(planId));
  const throughTheBot = await readsDuring(() => h.act('change.apply', { planId }));
  expect(direct).toBe(1);
  expect(throughTheBot).toBe(1);
});

it('a pick: the pick is still read twice (the pick\'s own read is not passed on yet); readClick reads it once', async () => {
  const card = requireCard((await h.say('show Tom'))[0]);
  const [, pendingId, accountId] = /"pendingId":"([^"]+)","accountId":"([^"]+)"/.exec(JSON.stringify(card))!;
  const direct = await readsDuring(() => readClick(contextOf(), caller(people.daan), { pendingId, accountId }));
  const throughTheBot = await readsDuring(() => h.act('resolve.pick', { pendingId, accountId }));
  expect(direct).toBe(1);
  expect(throughTheBot).toBe(2);
});

it('the language is the card\'s for its own actor, the clicker\'s own otherwise; a record that is not there is null', async () => {
  const planId = idOf(requireCard((await h.say('wijzig de functie van Noah Peeters in Teamleider'))[0]), 'planId');
  expect(await readClick(contextOf(), caller(people.daan), { planId })).toMatchObject({ language: 'nl', plan: { id: planId } });
  expect((await readClick(contextOf(), caller(people.hendrik), { planId })).language).toBe('en');
  expect(await readClick(contextOf(), caller(people.daan), { planId: '00000000-0000-4000-8000-000000000000' })).toEqual({ language: 'nl', plan: null });
  expect(await readClick(contextOf(), caller(people.daan), { accountId: people.noah })).toEqual({ language: 'nl' });
});
