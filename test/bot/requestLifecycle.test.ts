import type { Clock } from '../../src/clock';
import { people, startHarness, type Harness } from '../support/botHarness';
import { writesIn } from '../support/graphWrites';

const noor = '1c580610-a05b-4fe7-8778-1facee361fbf';
const DAY = 86_400_000;

/** A clock the test moves: request expiry is days away. */
const clock = { offset: 0, now() { return new Date(Date.now() + this.offset); } } satisfies Clock & { offset: number };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock });
  for (const id of [people.daan, noor]) await h.say('help', id);
});
afterAll(() => h.close());
beforeEach(() => {
  clock.offset = 0;
  h.connector.clear();
  h.emulator.clearLog();
});

const json = (x: unknown) => JSON.stringify(x);
const requestIdOf = (x: unknown) => json(x).match(/"requestId":"([^"]+)"/)![1];
const submit = async (value: string) =>
  requestIdOf((await h.act('request.submit', { reportId: people.milan, property: 'officeLocation', value, reason: 'Moved', effectiveDate: '' }, noor)).body);

describe('expiry', () => {
  it('a request older than REQUEST_TTL_DAYS is expired when read, and cannot be approved', async () => {
    const id = await submit('Leiden');
    clock.offset = 8 * DAY;
    const r = await h.act('request.approve', { requestId: id }, people.daan);
    expect(json(r.body)).toMatch(/Already decided: Expired/);
    expect(writesIn(h.emulator.requestLog)).toHaveLength(0);
    const [mine] = await h.say('my requests', noor);
    expect(mine.activity.text).toMatch(/Leiden · Expired without a decision/);
  });

  it('the sweep expires overdue requests once and tells the requester', async () => {
    const id = await submit('Haarlem');
    clock.offset = 8 * DAY;
    h.connector.clear();
    expect(await h.app.sweepRequests()).toBeGreaterThanOrEqual(1);
    expect((await h.app.store.requests.get(id))?.state).toBe('expired');
    expect(h.connector.sent.some((s) => s.conversationId === `conv-${noor}` && /Expired/.test(json(s.activity)))).toBe(true);
    expect(await h.app.sweepRequests()).toBe(0);
  });

  it('an effective date: not before that day, and not beyond the time a request lives', async () => {
    const tooLate = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    const r = await h.act('request.submit', { reportId: people.milan, property: 'officeLocation', value: 'Breda', reason: 'Moving', effectiveDate: tooLate }, noor);
    expect(json(r.body)).toMatch(/at most 7 days ahead/);
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const ok = await h.act('request.submit', { reportId: people.milan, property: 'officeLocation', value: 'Breda', reason: 'Moving', effectiveDate: tomorrow }, noor);
    const id = requestIdOf(ok.body);
    // Approved before that day: scheduled for it (test/bot/scheduledRequests.test.ts follows it to the day).
    expect(json((await h.act('request.approve', { requestId: id }, people.daan)).body)).toMatch(/scheduled for/);
    expect((await h.app.store.requests.get(id))?.state).toBe('approved');
  });
});

describe('a report who left, and the approvals channel', () => {
  it('approving for an account that no longer exists closes the request and changes nothing', async () => {
    const id = await submit('Venlo');
    h.emulator.faults.add({ match: { method: 'GET', pathIncludes: `/users/${people.milan}` }, status: 404, times: 1 });
    const r = await h.act('request.approve', { requestId: id }, people.daan);
    expect(json(r.body)).toMatch(/no longer exists in Microsoft Entra ID/);
    expect((await h.app.store.requests.get(id))?.state).toBe('failed');
    expect(writesIn(h.emulator.requestLog)).toHaveLength(0);
  });

  it('"use this channel for approvals" in a channel: later requests are posted there as a new thread', async () => {
    const [inChat] = await h.say('use this channel for approvals', people.daan);
    expect(inChat.activity.text).toMatch(/Say this in the team channel/);
    const [notAdmin] = await h.say('use this channel for approvals', people.milan, { conversationType: 'channel' });
    expect(notAdmin.activity.text).toMatch(/Only the people who approve requests/);
    const [set] = await h.say('use this channel for approvals', people.daan, { conversationType: 'channel' });
    expect(set.activity.text).toMatch(/approval requests will be posted in this channel/);

    h.connector.clear();
    const r = await h.act('request.submit', { reportId: people.milan, property: 'jobTitle', value: 'Senior Agent', reason: 'Promotion', effectiveDate: '' }, noor);
    expect(json(r.body)).toMatch(/Sent to the approvals channel/);
    const posted = h.connector.sent.filter((s) => s.kind !== 'update');
    expect(posted.map((p) => p.conversationId)).toEqual([`conv-${people.daan}`]);
    // The channel sees a read-only card that each viewer refreshes into their own view.
    expect(json(posted[0].activity)).not.toContain('request.approve');
    expect(json(posted[0].activity)).toContain('request.view');
  });
});
