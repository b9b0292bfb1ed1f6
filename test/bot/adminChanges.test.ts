import { requireCard, people, startHarness, type Harness } from '../support/botHarness';
import { writesIn } from '../support/graphWrites';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.connector.clear();
  h.emulator.clearLog();
});

const planIdOf = (card: any): string => JSON.stringify(card).match(/"planId":"([^"]+)"/)![1];
const writes = (h: Harness) => writesIn(h.emulator.requestLog);

describe('admin changes end to end', () => {
  it('cloud-only account: new job title → confirmation card → Apply → the emulator holds it; one audit record', async () => {
    const [reply] = await h.say('set the job title of noah.peeters@fabrikam.nl to Platform Lead');
    const card = requireCard(reply);
    expect(JSON.stringify(card)).toContain('Platform Lead');
    expect(writes(h)).toHaveLength(0);
    const planId = planIdOf(card);

    const r = await h.act('change.apply', { planId });
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    // Graph's request-id is kept in the audit (below) and shown in history details, not on a line that went through.
    expect(JSON.stringify(r.body.value)).toContain('✔ done');
    expect(JSON.stringify(r.body.value)).not.toMatch(/request-id/);
    expect(h.emulator.state.getUser(people.noah)?.jobTitle).toBe('Platform Lead');
    const records = await h.app.store.audit.listForPlan(planId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'applied', property: 'jobTitle', after: 'Platform Lead', actorUpn: 'daan.visser@fabrikam.nl' });
    expect(records[0].graphRequestId).toBeTruthy();
  });

  it('synced account: job title on-premises with Set-ADUser, usage location in the cloud; no jobTitle write', async () => {
    const [reply] = await h.say("set Fatima Zahra's job title to Head of Data and usage location to JP");
    const json = JSON.stringify(requireCard(reply));
    expect(json).toContain("Set-ADUser -Identity 'fzahra' -Title 'Head of Data'");
    const r = await h.act('change.apply', { planId: planIdOf(requireCard(reply)) });
    expect(r.status).toBe(200);
    const patches = writes(h).filter((e) => e.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0].body).toEqual({ usageLocation: 'JP' });
    expect(h.emulator.state.getUser(people.fatima)?.jobTitle).not.toBe('Head of Data');
  });

  it('two concurrent Applies and a later one write once', async () => {
    const [reply] = await h.say('set the department of noah.peeters@fabrikam.nl to Platform');
    const planId = planIdOf(requireCard(reply));
    await Promise.all([h.act('change.apply', { planId }), h.act('change.apply', { planId })]);
    await h.act('change.apply', { planId });
    expect(writes(h).filter((e) => e.method === 'PATCH')).toHaveLength(1);
  });

  it('a Helpdesk Administrator cannot change a Global Administrator, and nothing is written', async () => {
    const [reply] = await h.say('set the mobile phone of Hendrik Mulder to +31 6 12345678', people.ciaran);
    const json = JSON.stringify(requireCard(reply) ?? reply.activity);
    expect(json).toMatch(/not allow|Not possible/);
    expect(json).not.toContain('change.apply');
    expect(writes(h)).toHaveLength(0);
  });

  it('only the admin who asked can apply, and Cancel changes nothing', async () => {
    const [reply] = await h.say('set the department of noah.peeters@fabrikam.nl to Finance');
    const planId = planIdOf(requireCard(reply));
    const other = await h.act('change.apply', { planId }, people.hendrik);
    expect(JSON.stringify(other.body)).toMatch(/Only the person who asked/);
    const cancel = await h.act('change.cancel', { planId });
    expect(JSON.stringify(cancel.body)).toMatch(/Cancelled/);
    await h.act('change.apply', { planId });
    expect(writes(h)).toHaveLength(0);
  });

  it('re-plans when the account changed between card and Apply', async () => {
    const [reply] = await h.say('set the city of noah.peeters@fabrikam.nl to Utrecht');
    const planId = planIdOf(requireCard(reply));
    // Someone else changes the account in the meantime (through Graph, as another tool would).
    await fetch(`${h.emulator.baseUrl}/users/${people.noah}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"city":"Utrecht"}' });
    h.emulator.clearLog();
    const r = await h.act('change.apply', { planId });
    expect(JSON.stringify(r.body.value)).toMatch(/changed since this card/);
    expect(writes(h)).toHaveLength(0);
  });
});

describe('history', () => {
  it('"history of X" lists the latest audit records', async () => {
    const [reply] = await h.say('history of noah.peeters@fabrikam.nl');
    expect(reply.activity.text).toMatch(/Latest changes of Noah Peeters/);
    expect(reply.activity.text).toMatch(/job title: .* → Platform Lead · applied/);
  });

  it('is for admins only', async () => {
    const [reply] = await h.say('history of noah.peeters@fabrikam.nl', people.milan);
    expect(reply.activity.text).toMatch(/Only administrators see the history/);
  });
});
