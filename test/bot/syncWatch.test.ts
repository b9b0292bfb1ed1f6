import { SYNC_WATCH_KIND, type SyncWatch } from '../../src/syncWatch/watchedChange';
import type { Json } from '../../src/store/json';
import { allText } from '../support/fakeConnector';
import { people, startHarness, type Harness } from '../support/botHarness';

// Confirmation when the sync lands (issue #14, item 3): a hand-over of an on-premises part is watched, through whole
// bot turns, the emulator's simulated sync and the job runner's ticks.

const planIdOf = (x: unknown) => JSON.stringify(x).match(/"planId":"([^"]+)"/)?.[1];
const CARD = 'plan-card-fatima';

let h: Harness;
let offsetMs = 0;

beforeEach(async () => {
  offsetMs = 0;
  // Every look is due at once (SYNC_WATCH_SECONDS 0), so a test ticks the watcher as often as it likes.
  h = await startHarness({ config: { syncWatchSeconds: 0 }, clock: { now: () => new Date(Date.now() + offsetMs) } });
});
afterEach(() => h.close());

/** Daan sets Fatima's title (AD's) and usage location (the cloud's), and applies the card. */
async function handOver(): Promise<void> {
  const [plan] = await h.say("set Fatima's title to Head of Data and usage location to Japan");
  const applied = await h.act('change.apply', { planId: planIdOf(plan.activity) }, people.daan, { replyToId: CARD });
  expect(JSON.stringify(applied.body)).toContain('Set-ADUser');
}

async function simulateSync(users: { id: string; set?: Record<string, unknown> }[]): Promise<void> {
  const r = await fetch(`${h.emulator.url}/_simulate/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ users }) });
  expect(r.status).toBe(200);
}

const watches = (state: 'pending' | 'done') => h.app.store.jobs.listByOwner(people.daan, SYNC_WATCH_KIND, [state], 100);
const sentSince = (n: number) => h.connector.sent.slice(n);

describe('the post-sync watch', () => {
  it('a plan only AD can make is watched from "I ran it in AD", not from a card only looked at', async () => {
    const [plan] = await h.say("set Fatima's department to Key Accounts");
    expect(JSON.stringify(plan.activity)).toContain('"verb":"change.watch"');
    expect(await watches('pending')).toHaveLength(0);
    const planId = planIdOf(plan.activity)!;
    const clicked = await h.act('change.watch', { planId }, people.daan, { replyToId: CARD });
    expect(JSON.stringify(clicked.body)).toContain("I'm watching for the sync");
    expect(JSON.stringify(clicked.body)).not.toContain('change.watch');
    await h.act('change.watch', { planId }, people.daan, { replyToId: CARD });
    const [watch] = await watches('pending');
    expect(await watches('pending')).toHaveLength(1);
    expect(watch.payload).toMatchObject({ expected: [{ property: 'department', value: 'Key Accounts' }], card: { activityId: CARD } });
    expect((await h.act('change.watch', { planId }, people.milan)).body.value).toBe('Only the person who asked can apply this change.');

    await simulateSync([{ id: people.fatima, set: { department: 'Key Accounts' } }]);
    const before = h.connector.sent.length;
    await h.app.runJobs();
    expect(sentSince(before).some((s) => s.kind === 'update' && s.activity.id === CARD)).toBe(true);
  });

  it('updates the card and tells the admin when a sync brings the value, then stops watching', async () => {
    await handOver();
    const [watch] = await watches('pending');
    expect(watch.payload).toMatchObject({ targetId: people.fatima, expected: [{ property: 'jobTitle', value: 'Head of Data' }], card: { activityId: CARD } });

    await simulateSync([{ id: people.fatima, set: { jobTitle: 'Head of Data' } }]);
    const before = h.connector.sent.length;
    expect(await h.app.runJobs()).toBe(1);
    const told = sentSince(before);
    const update = told.find((s) => s.kind === 'update' && s.activity.id === CARD);
    expect(JSON.stringify(update?.activity)).toMatch(/Job title 'Head of Data' is now in Entra for Fatima Zahra, synchronized at \d+ \w+ \d{4}, \d\d:\d\d UTC/);
    expect(told.some((s) => s.kind !== 'update' && /Job title 'Head of Data' is now in Entra/.test(s.activity.text ?? ''))).toBe(true);
    expect(await watches('pending')).toHaveLength(0);
    expect((await watches('done'))[0].outcome).toEqual({ verdict: 'landed', notice: 'landed' });
  });

  it('says so when a sync ran without the value, offers the script again with the likely causes, and tells again when it lands', async () => {
    const title = String(h.emulator.state.userById(people.fatima)!.jobTitle);
    await handOver();
    await simulateSync([{ id: people.fatima }]); // a cycle that did not carry the change
    let before = h.connector.sent.length;
    await h.app.runJobs();
    const told = allText(sentSince(before));
    expect(told).toContain(`job title is '${title}', not 'Head of Data'`);
    expect(told).toMatch(/script has not been run yet, or it ran on a domain controller that has not yet replicated/);
    expect(told).toContain('Set-ADUser');
    expect(await watches('pending')).toHaveLength(1);

    before = h.connector.sent.length;
    await simulateSync([{ id: people.fatima }]);
    await h.app.runJobs(); // the same mismatch: watched quietly
    expect(sentSince(before)).toHaveLength(0);

    await simulateSync([{ id: people.fatima, set: { jobTitle: 'Head of Data' } }]);
    await h.app.runJobs();
    expect(allText(sentSince(before))).toContain("Job title 'Head of Data' is now in Entra");
    expect(await watches('pending')).toHaveLength(0);
  });

  it('warns once that the sync looks stuck when none came for SYNC_OVERDUE_MINUTES', async () => {
    await handOver();
    let before = h.connector.sent.length;
    await h.app.runJobs();
    expect(sentSince(before)).toHaveLength(0); // 0 minutes: nothing to say yet

    offsetMs = 91 * 60_000;
    await h.app.runJobs();
    expect(allText(sentSince(before))).toMatch(/No sync has reached Entra for Fatima Zahra in the 90 minutes .*the sync looks stuck/);
    before = h.connector.sent.length;
    offsetMs = 120 * 60_000;
    await h.app.runJobs();
    expect(sentSince(before)).toHaveLength(0);
    expect(await watches('pending')).toHaveLength(1);
  });

  it('reads 25 watched accounts in ceil(25 / 20) = 2 Graph requests in one tick', async () => {
    const synced = h.emulator.state.allUsers().filter((u) => u.onPremisesSyncEnabled === true && u.id !== people.fatima).map((u) => String(u.id));
    expect(synced.length).toBeGreaterThanOrEqual(24);
    await handOver();
    const [template] = await watches('pending');
    for (let i = 0; i < 24; i++) {
      const payload = { ...(template.payload as unknown as SyncWatch), targetId: synced[i], card: null };
      await h.app.store.jobs.add({ kind: SYNC_WATCH_KIND, dueAt: new Date().toISOString(), payload: payload as unknown as Json, ownerId: people.milan });
    }
    h.emulator.clearLog();
    expect(await h.app.runJobs()).toBe(25);
    const requests = h.emulator.requestLog.filter((e) => !e.batchRequestId);
    expect(new Set([people.fatima, ...synced.slice(0, 24)]).size).toBe(25);
    expect(requests).toHaveLength(Math.ceil(25 / 20));
    expect(requests.every((e) => e.path.endsWith('/$batch'))).toBe(true);
  });
});
