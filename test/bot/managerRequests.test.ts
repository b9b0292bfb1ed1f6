import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator } from '../../src/emulator';
import { DEMO_TENANT, people, requireCard, startHarness, type Harness } from '../support/botHarness';
import { FakeConnector } from '../support/fakeConnector';
import { writesIn } from '../support/graphWrites';

/** Noor Hassan manages Milan Kowalski (cloud-only) and Daniel Okafor (synced); she holds no admin role. */
const noor = '1c580610-a05b-4fe7-8778-1facee361fbf';
const daniel = 'c263df29-f4e3-4aa8-857f-2b264f031462';
const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // The approvers (User and Global Administrators) and Noor have talked with the bot: their chats are known.
  for (const id of [people.daan, people.hendrik, priya, noor]) await h.say('help', id);
});
afterAll(() => h.close());
beforeEach(() => {
  h.connector.clear();
  h.emulator.clearLog();
});

const writes = () => writesIn(h.emulator.requestLog);
const json = (x: unknown) => JSON.stringify(x);
async function waitForRequest(harness: Harness, requester: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const [latest] = await harness.app.store.requests.listByRequester(requester, 1);
    if (latest?.state === 'pending') return latest.id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the request was never stored');
}
const requestIdOf = (card: unknown) => json(card).match(/"requestId":"([^"]+)"/)![1];

async function submit(values: Record<string, string>, from = noor) {
  return h.act('request.submit', { value: '', effectiveDate: '', ...values }, from);
}

describe('a manager requests, an admin approves', () => {
  it('cloud-only report: form → approval cards → Approve → applied, requester told, every card shows the outcome', async () => {
    const [form] = await h.say('request a change', noor);
    const formJson = json(requireCard(form));
    expect(formJson).toContain('Milan Kowalski');
    expect(formJson).toContain('request.submit');
    h.connector.clear();

    const r = await submit({ reportId: people.milan, property: 'department', value: 'Support', reason: 'Moved to the support team' });
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(json(r.body.value)).toMatch(/Sent to 3 approvers/);
    expect(json(r.body.value)).toContain('request.cancel');
    const requestId = requestIdOf(r.body.value);
    expect(writes()).toHaveLength(0);

    // Each approver got a card in their own chat with Approve, and a refresh for per-user views.
    const cards = h.connector.sent.filter((s) => s.kind !== 'update');
    expect(cards.map((c) => c.conversationId).sort()).toEqual([`conv-${people.daan}`, `conv-${people.hendrik}`, `conv-${priya}`].sort());
    const approverCard = requireCard(cards[0]);
    expect(json(approverCard)).toContain('request.approve');
    expect(approverCard.refresh).toMatchObject({ action: { verb: 'request.view', data: { requestId } } });
    expect(approverCard.refresh.userIds).toContain(`29:${noor}`);

    h.connector.clear();
    const approved = await h.act('request.approve', { requestId, comment: 'Welcome to support' }, people.daan);
    expect(json(approved.body.value)).toMatch(/Approved by daan.visser@fabrikam.nl at .* and applied/);
    expect(json(approved.body.value)).toMatch(/department.*IT|Customer Service.*Support/);
    expect(h.emulator.state.getUser(people.milan)?.department).toBe('Support');
    expect(writes().map((w) => w.method)).toEqual(['PATCH']);

    // Noor hears it in her chat; the three approval cards are updated for everyone.
    expect(h.connector.sent.filter((s) => s.kind !== 'update').map((s) => s.conversationId)).toEqual([`conv-${noor}`]);
    expect(h.connector.sent.filter((s) => s.kind === 'update')).toHaveLength(3);
    for (const update of h.connector.sent.filter((s) => s.kind === 'update')) expect(json(update.activity)).toMatch(/and applied/);

    const audit = await h.app.store.audit.listForTarget(people.milan, 5);
    expect(audit[0]).toMatchObject({ property: 'department', outcome: 'applied', actorId: noor, approverId: people.daan, requestId });
    expect((await h.app.store.requests.get(requestId))?.state).toBe('applied');
  });

  it('synced report: the approval card shows Set-ADUser; nothing AD-mastered is written through Graph', async () => {
    const r = await submit({ reportId: daniel, property: 'jobTitle', value: 'Team Lead', reason: 'Promotion' });
    const requestId = requestIdOf(r.body.value);
    const approverCard = requireCard(h.connector.sent.find((s) => s.kind !== 'update')!);
    expect(json(approverCard)).toMatch(/Set-ADUser -Identity '[^']+' -Title 'Team Lead'/);
    const approved = await h.act('request.approve', { requestId }, people.hendrik);
    expect(json(approved.body.value)).toContain('Set-ADUser');
    expect(writes()).toHaveLength(0);
  });

  it('a natural-language request from a manager fills in the same form', async () => {
    const [reply] = await h.say('change the title of my report Milan to Support Lead', noor);
    const form = json(requireCard(reply));
    expect(form).toContain('"value":"Support Lead"');
    expect(form).toContain(`"value":"${people.milan}"`);
  });
});

describe('refusals: nothing stored, nothing written', () => {
  const stored = async () => (await h.app.store.requests.listByRequester(noor, 100)).length;

  it('someone who is not the manager\'s report, a property managers may not request, a tampered card', async () => {
    const before = await stored();
    const notReport = await submit({ reportId: people.fatima, property: 'department', value: 'X', reason: 'r' });
    expect(json(notReport.body)).toMatch(/only request changes for your own direct reports/);
    const property = await submit({ reportId: people.milan, property: 'accountEnabled', value: 'false', reason: 'r' });
    expect(json(property.body)).toMatch(/Managers cannot request a change/);
    const tampered = await h.act('request.submit', { reportId: people.milan, property: 'department', value: 'X', reason: 'r', targetId: people.hendrik }, noor);
    expect(json(tampered.body)).toMatch(/not valid/);
    expect(await stored()).toBe(before);
    expect(writes()).toHaveLength(0);
  });

  it('missing reason or a date in the past: the form comes back with the message and the inputs kept', async () => {
    const noReason = await submit({ reportId: people.milan, property: 'officeLocation', value: 'Utrecht', reason: '   ' });
    expect(json(noReason.body.value)).toMatch(/Give a reason/);
    expect(json(noReason.body.value)).toContain('"value":"Utrecht"');
    const past = await submit({ reportId: people.milan, property: 'officeLocation', value: 'Utrecht', reason: 'Moved', effectiveDate: '2020-01-01' });
    expect(json(past.body.value)).toMatch(/cannot be in the past/);
    const badValue = await submit({ reportId: people.milan, property: 'mobilePhone', value: 'call me', reason: 'New phone' });
    expect(json(badValue.body.value)).toMatch(/mobile phone: 'call me' is not a valid phone number/);
  });
});

describe('deciding', () => {
  async function newRequest(value: string): Promise<string> {
    const r = await submit({ reportId: people.milan, property: 'officeLocation', value, reason: 'Moved office' });
    return requestIdOf(r.body.value);
  }

  it('nobody approves their own request; a non-approver cannot decide', async () => {
    const r = await h.act('request.submit', { reportId: people.noah, property: 'jobTitle', value: 'Lead', reason: 'Promotion', effectiveDate: '' }, people.daan);
    const own = requestIdOf(r.body.value);
    expect(json((await h.act('request.approve', { requestId: own }, people.daan)).body)).toMatch(/cannot decide on your own request/);
    const id = await newRequest('Eindhoven');
    // Milan is the person it is about; Lotte (a Password Administrator) is no approver.
    expect(json((await h.act('request.approve', { requestId: id }, people.milan)).body)).toMatch(/about your own account/);
    expect(json((await h.act('request.approve', { requestId: id }, people.lotte)).body)).toMatch(/Only an administrator/);
    expect(writes()).toHaveLength(0);
  });

  it('approve racing reject: one decision, at most one write; the loser sees who decided and when', async () => {
    const id = await newRequest('Rotterdam');
    const [a, b] = await Promise.all([
      h.act('request.approve', { requestId: id }, people.daan),
      h.act('request.reject', { requestId: id, comment: 'No' }, people.hendrik),
    ]);
    const loser = [a, b].find((x) => json(x.body).includes('Already decided'));
    expect(loser).toBeDefined();
    expect(json(loser!.body)).toMatch(/Already decided: (Approved|Rejected) by (daan.visser|hendrik.mulder)@fabrikam.nl at .+ UTC/);
    expect(writes().length).toBeLessThanOrEqual(1);
    const final = await h.app.store.requests.get(id);
    expect(['applied', 'rejected']).toContain(final?.state);
  });

  it('the requester cancels; a later approve is refused', async () => {
    const id = await newRequest('Groningen');
    const cancel = await h.act('request.cancel', { requestId: id }, noor);
    expect(json(cancel.body.value)).toMatch(/Your request was cancelled/);
    expect(json((await h.act('request.approve', { requestId: id }, people.daan)).body)).toMatch(/Already decided: Cancelled by/);
    expect(writes()).toHaveLength(0);
  });

  it('the account changed since the request: the approver sees the new plan and confirms again', async () => {
    const id = await newRequest('Zwolle');
    // Someone else changes the office in Entra ID while the request waits.
    const patched = await fetch(`${h.emulator.baseUrl}/users/${people.milan}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: JSON.stringify({ officeLocation: 'Amersfoort' }) });
    expect(patched.status).toBe(204);
    h.emulator.clearLog();
    const first = await h.act('request.approve', { requestId: id }, people.daan);
    expect(json(first.body.value)).toMatch(/changed since the request/);
    expect(json(first.body.value)).toMatch(/Amersfoort → Zwolle/);
    expect(writes()).toHaveLength(0);
    const second = await h.act('request.approve', { requestId: id }, people.daan);
    expect(json(second.body.value)).toMatch(/and applied/);
    expect(h.emulator.state.getUser(people.milan)?.officeLocation).toBe('Zwolle');
  });

  it('the refresh gives each viewer their view: approver buttons, requester Cancel, others read-only', async () => {
    const id = await newRequest('Delft');
    expect(json((await h.act('request.view', { requestId: id }, people.daan)).body)).toContain('request.approve');
    const requester = json((await h.act('request.view', { requestId: id }, noor)).body);
    expect(requester).toContain('request.cancel');
    expect(requester).not.toContain('request.approve');
    const other = json((await h.act('request.view', { requestId: id }, people.milan)).body);
    expect(other).not.toMatch(/request\.(approve|cancel)/);
  });
});

describe('lists, expiry and restarts', () => {
  it('"my requests" and "pending approvals"', async () => {
    const [mine] = await h.say('my requests', noor);
    expect(mine.activity.text).toMatch(/Your latest requests:/);
    const [nl] = await h.say('openstaande goedkeuringen', people.daan, { locale: 'nl-NL', expect: 1 });
    expect(nl.activity.text).toMatch(/Aanvragen die op goedkeuring wachten|Er wachten geen aanvragen/);
  });

  it('a request survives a restart of the bot between request and approval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-restart-'));
    const emulator = await startGraphEmulator({ tenant: DEMO_TENANT });
    const connector = await new FakeConnector().start();
    try {
      const first = await startHarness({ emulator, connector, config: { store: { dataDir: dir } } });
      await first.say('help', people.daan);
      const r = await first.act('request.submit', { reportId: people.milan, property: 'department', value: 'Field Service', reason: 'Reorganisation', effectiveDate: '' }, noor);
      const id = requestIdOf(r.body.value);
      await first.close();

      const second = await startHarness({ emulator, connector, config: { store: { dataDir: dir } } });
      try {
        const approved = await second.act('request.approve', { requestId: id }, people.daan);
        expect(json(approved.body.value)).toMatch(/and applied/);
        expect(emulator.state.getUser(people.milan)?.department).toBe('Field Service');
      } finally {
        await second.close();
      }
    } finally {
      await emulator.close();
      await connector.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a decision that outlasts Teams\' invoke limit answers "working…" and updates the card when done', async () => {
    const slow = await startHarness({ invokeLimitMs: 50 });
    try {
      await slow.say('help', people.daan);
      // The submit may outlast 50 ms as well (it then finishes in the background): the id comes from the store.
      await slow.act('request.submit', { reportId: people.milan, property: 'department', value: 'Slow', reason: 'Test', effectiveDate: '' }, noor);
      const id = await waitForRequest(slow, noor);
      slow.emulator.faults.add({ match: { method: 'PATCH' }, delayMs: 400, times: 1 });
      slow.connector.clear();
      const answer = await slow.act('request.approve', { requestId: id }, people.daan, { replyToId: 'card-1' });
      expect(json(answer.body.value)).toMatch(/Working on it/);
      const sent = await slow.connector.waitFor(1, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const update = slow.connector.sent.find((s) => s.kind === 'update' && json(s).includes('card-1'));
      expect(sent.length).toBeGreaterThan(0);
      expect(update && json(update.activity)).toMatch(/and applied/);
    } finally {
      await slow.close();
    }
  });
});
