import { randomBytes } from 'node:crypto';
import { startGraphEmulator } from '../../src/emulator';
import { ROLE } from '../../src/policy/roles';
import { PostgresClient } from '../../src/store/postgresClient';
import { SCHEDULED_REQUEST } from '../../src/schedules/scheduledRequestKind';
import { DEMO_TENANT, people, requireCard, startHarness, type Harness } from '../support/botHarness';
import { FakeConnector } from '../support/fakeConnector';
import { writesIn } from '../support/graphWrites';

// A manager's request approved before its effective date is approved now and applied on that day by a job, planned
// again then against the account and the approver's rights as they are; and a scheduled change of an admin that only
// AD can make at its time hands the AD part over.

const DAY = 86_400_000;
const ZONE = 'Europe/Amsterdam';
/** Noor Hassan manages Milan Kowalski; she holds no admin role. */
const noor = '1c580610-a05b-4fe7-8778-1facee361fbf';

/** A clock the test moves: `offset` from real time (the job store's due check uses the database's own clock). */
function movableClock() {
  const clock = { offset: 0, now: () => new Date(Date.now() + clock.offset) };
  return clock;
}

const json = (value: unknown) => JSON.stringify(value);
const requestIdOf = (body: unknown) => json(body).match(/"requestId":"([^"]+)"/)![1];
const writes = (h: Harness) => writesIn(h.emulator.requestLog);

/** What the bot posted to someone's chat since `from`. */
function postedTo(h: Harness, userId: string, from: number): string {
  return json(h.connector.sent.slice(from).filter((s) => s.conversationId === `conv-${userId}`).map((s) => s.activity));
}

/** A message from a Teams client that names its time zone (as Teams does in `localTimezone`). */
async function sayInZone(h: Harness, text: string, from = people.daan) {
  const before = h.connector.sent.length;
  const r = await h.post(h.activity('message', from, { text, localTimezone: ZONE }));
  if (r.status >= 300) throw new Error(`POST answered ${r.status}`);
  return (await h.connector.waitFor(before + 1)).slice(before);
}

describe('a manager\'s request approved before its effective date (whole bot turns)', () => {
  let h: Harness;
  let clock: ReturnType<typeof movableClock>;

  beforeEach(async () => {
    clock = movableClock();
    h = await startHarness({ clock });
    for (const id of [people.daan, noor]) await h.say('help', id);
    h.emulator.state.setManager(people.milan, noor);
  });
  afterEach(async () => h?.close());

  /**
   * Noor asks for Milan's department from "tomorrow" and Daan approves it today: the bot's clock is two days behind,
   * so that day has already begun for the job store, whose due check uses the database's clock.
   */
  async function approvedForTomorrow(value = 'Field Service') {
    clock.offset = -2 * DAY;
    const effectiveDate = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const submitted = await h.act('request.submit', { reportId: people.milan, property: 'department', value, reason: 'Moves team', effectiveDate }, noor);
    const requestId = requestIdOf(submitted.body);
    h.emulator.clearLog();
    const before = h.connector.sent.length;
    const approved = await h.act('request.approve', { requestId }, people.daan);
    expect(approved.status).toBe(200);
    const [job] = await h.app.store.jobs.listByOwner(people.daan, SCHEDULED_REQUEST, ['pending'], 10);
    return { requestId, effectiveDate, card: approved.body.value, before, job };
  }

  const department = () => h.emulator.state.getUser(people.milan)!.department;
  const audits = async (requestId: string) => (await h.app.store.audit.listForTarget(people.milan, 50)).filter((r) => r.requestId === requestId && r.outcome === 'applied').length;

  it('is approved now and scheduled (nothing written, the requester told), then applied once on its day', async () => {
    const { requestId, effectiveDate, card, before, job } = await approvedForTomorrow();
    expect(json(card)).toMatch(/Approved by daan\.visser@[^"]* — scheduled for .*00:00 \(UTC\)/);
    expect(writes(h)).toEqual([]);
    const record = await h.app.store.requests.get(requestId);
    expect(record).toMatchObject({ state: 'approved', decidedById: people.daan, outcome: { scheduled: { jobId: job.id, timeZone: null } } });
    expect(job.dueAt).toBe(`${effectiveDate}T00:00:00.000Z`);
    expect(postedTo(h, noor, before)).toMatch(/scheduled for/);
    // The requester may still cancel; the request-expiry sweep leaves it alone, however long it waits.
    const asRequester = await h.act('request.view', { requestId }, noor);
    expect(json(asRequester.body)).toContain('request.cancel');
    clock.offset = 8 * DAY;
    await h.app.sweepRequests();
    expect((await h.app.store.requests.get(requestId))?.state).toBe('approved');

    clock.offset = 0;
    const ran = h.connector.sent.length;
    expect(await h.app.runJobs()).toBe(1);
    expect(department()).toBe('Field Service');
    expect(writes(h).filter((e) => e.method === 'PATCH')).toHaveLength(1);
    expect((await h.app.store.requests.get(requestId))?.state).toBe('applied');
    expect(postedTo(h, noor, ran)).toMatch(/and applied/);
    expect(postedTo(h, people.daan, ran)).toMatch(/reached its date/);
    expect(await h.app.runJobs()).toBe(0);
    expect(await audits(requestId)).toBe(1);
    expect((await h.app.store.jobs.get(job.id))?.state).toBe('done');
  });

  it('starts the day in the approver\'s time zone, and says which', async () => {
    await sayInZone(h, 'help');
    const { card, effectiveDate, job } = await approvedForTomorrow();
    expect(json(card)).toMatch(/scheduled for .*00:00 \(Europe\/Amsterdam\)/);
    // Amsterdam is an hour ahead of UTC in December.
    expect(job.dueAt).toBe(new Date(Date.parse(`${effectiveDate}T00:00:00Z`) - 3_600_000).toISOString());
  });

  it('the approver lost the role before the day: not applied, the request fails with the reason, both told', async () => {
    const { requestId } = await approvedForTomorrow();
    const userAdmin = h.emulator.state.allDirectoryRoles().find((r) => r.roleTemplateId === ROLE.userAdministrator)!;
    h.emulator.state.roleMembers.remove(userAdmin.id, people.daan);
    clock.offset = 0;
    const ran = h.connector.sent.length;
    expect(await h.app.runJobs()).toBe(1);
    expect(writes(h)).toEqual([]);
    expect(await h.app.store.requests.get(requestId)).toMatchObject({ state: 'failed', outcome: { reason: 'notAllowed' } });
    expect(postedTo(h, noor, ran)).toMatch(/the approver is no longer allowed/);
    expect(postedTo(h, people.daan, ran)).toMatch(/the approver is no longer allowed/);
    expect(await audits(requestId)).toBe(0);
  });

  it('the person no longer reports to the requester on the day: not applied, both told', async () => {
    const { requestId } = await approvedForTomorrow();
    h.emulator.state.setManager(people.milan, people.daan);
    clock.offset = 0;
    const ran = h.connector.sent.length;
    expect(await h.app.runJobs()).toBe(1);
    expect(writes(h)).toEqual([]);
    expect(await h.app.store.requests.get(requestId)).toMatchObject({ state: 'failed', outcome: { reason: 'noLongerReport' } });
    expect(postedTo(h, noor, ran)).toMatch(/no longer a direct report/);
    expect(postedTo(h, people.daan, ran)).toMatch(/no longer a direct report/);
  });

  it('the requester cancels before the day: the job is cancelled and nothing is written', async () => {
    const { requestId, job } = await approvedForTomorrow();
    const cancelled = await h.act('request.cancel', { requestId }, noor);
    expect(json(cancelled.body)).toMatch(/Your request was cancelled/);
    expect((await h.app.store.jobs.get(job.id))?.state).toBe('cancelled');
    expect((await h.app.store.requests.get(requestId))?.state).toBe('cancelled');
    clock.offset = 0;
    expect(await h.app.runJobs()).toBe(0);
    expect(writes(h)).toEqual([]);
    expect(department()).not.toBe('Field Service');
    // Once cancelled, approving again decides nothing.
    expect(json((await h.act('request.approve', { requestId }, people.daan)).body)).toMatch(/Already decided/);
  });

  it('only the requester may cancel it', async () => {
    const { requestId, job } = await approvedForTomorrow();
    expect(json((await h.act('request.cancel', { requestId }, people.daan)).body)).toMatch(/Only the person who made the request/);
    expect((await h.app.store.jobs.get(job.id))?.state).toBe('pending');
  });
});

describe('an admin\'s scheduled change that only AD can make at its time', () => {
  it('hands the AD part over with its script instead of "nothing to do"', async () => {
    const clock = movableClock();
    const h = await startHarness({ clock });
    try {
      await sayInZone(h, 'help');
      clock.offset = -20 * 60_000;
      const [reply] = await sayInZone(h, 'set Fatima\'s title to Head of Data and usage location to Japan in 10 minutes');
      const plan = requireCard(reply);
      const schedule = (plan.actions ?? []).find((a: any) => a.verb === 'change.schedule');
      expect(schedule).toBeDefined();
      const scheduled = await h.act('change.schedule', schedule.data, people.daan);
      const jobId = json(scheduled.body).match(/"jobId":"([^"]+)"/)![1];
      // Meanwhile someone set the usage location: only the title is left, and that is AD's.
      h.emulator.state.updateUser(h.emulator.state.findUser(people.fatima)!, { usageLocation: 'JP' });
      h.emulator.clearLog();
      clock.offset = 0;
      const ran = h.connector.sent.length;
      expect(await h.app.runJobs()).toBe(1);
      const posted = postedTo(h, people.daan, ran);
      expect(posted).toMatch(/only Active Directory can make it now/);
      expect(posted).toMatch(/Set-ADUser/);
      expect(posted).not.toMatch(/nothing left to do/);
      expect(writes(h)).toEqual([]);
      expect((await h.app.store.jobs.get(jobId))?.outcome).toEqual({ outcome: 'handedOver' });
    } finally {
      await h.close();
    }
  });
});

const baseUrl = process.env.TEST_DATABASE_URL;
if (!baseUrl) {
  console.warn('Skipping the two-instance scheduled request test: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test).');
  describe.skip('a scheduled request with two instances sharing PostgreSQL (needs TEST_DATABASE_URL)', () => {
    it('is applied once', () => undefined);
  });
} else {
  describe('a scheduled request with two instances sharing PostgreSQL', () => {
    it('is applied once', async () => {
      const schema = `test_schedreq_${randomBytes(6).toString('hex')}`;
      const admin = PostgresClient.connect(baseUrl);
      await admin.query(`CREATE SCHEMA ${schema}`);
      const u = new URL(baseUrl);
      u.searchParams.set('options', `-c search_path=${schema}`);
      const emulator = await startGraphEmulator({ tenant: DEMO_TENANT });
      const connector = await new FakeConnector().start();
      const clock = movableClock();
      const shared = { emulator, connector, clock, config: { store: { databaseUrl: u.toString() } } };
      const one = await startHarness(shared);
      const two = await startHarness(shared);
      try {
        for (const id of [people.daan, noor]) await one.say('help', id);
        emulator.state.setManager(people.milan, noor);
        clock.offset = -2 * DAY;
        const effectiveDate = new Date(Date.now() - DAY).toISOString().slice(0, 10);
        const submitted = await one.act('request.submit', { reportId: people.milan, property: 'department', value: 'Two Instances', reason: 'Moves', effectiveDate }, noor);
        const requestId = requestIdOf(submitted.body);
        await two.act('request.approve', { requestId }, people.daan);
        clock.offset = 0;
        emulator.clearLog();
        const settled = await Promise.all([one.app.runJobs(), two.app.runJobs()]);
        expect(settled.reduce((a, b) => a + b, 0)).toBe(1);
        expect(await two.app.runJobs() + await one.app.runJobs()).toBe(0);
        expect(emulator.state.getUser(people.milan)!.department).toBe('Two Instances');
        expect(emulator.requestLog.filter((e) => e.method === 'PATCH')).toHaveLength(1);
        expect((await one.app.store.requests.get(requestId))?.state).toBe('applied');
        expect((await one.app.store.audit.listForTarget(people.milan, 50)).filter((r) => r.requestId === requestId)).toHaveLength(1);
      } finally {
        await one.close();
        await two.close();
        await connector.stop();
        await emulator.close();
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      }
    }, 60_000);
  });
}
