import { allText } from '../support/fakeConnector';
import { cardOf, people, startHarness, type Harness } from '../support/botHarness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.connector.clear());

describe('first conversations, whole turns over HTTP', () => {
  it('answers "help" with what this caller can do, by role', async () => {
    const [reply] = await h.say('help');
    const text = JSON.stringify(cardOf(reply));
    expect(reply.kind).toBe('reply');
    expect(text).toContain('User Administrator');
    expect(text).toContain('block Pieter Bakker');
  });

  it('tells a synchronized account is mastered in on-premises AD, with sAMAccountName and sync age', async () => {
    const [reply] = await h.say('is Fatima Zahra synchronized?');
    const card = JSON.stringify(cardOf(reply));
    expect(card).toContain('on-premises Active Directory');
    expect(card).toContain('fzahra');
    expect(card).toMatch(/Last synchronization/);
    expect(card).toMatch(/\(\d+ (min|h|days)|1 day/);
    expect(card).toContain('CN=');
  });

  it('says a cloud-only account is cloud-only', async () => {
    const [reply] = await h.say('is noah.peeters@fabrikam.nl synchronized?');
    const card = JSON.stringify(cardOf(reply));
    expect(card).toContain('cloud-only');
    expect(card).not.toContain('sAMAccountName');
  });

  it.each([
    ['bram.degroot@fabrikam.nl', 'synchronization was turned off'],
    ['femke.bos@fabrikam.nl', 'converted from on-premises'],
  ])('explains %s correctly', async (who, phrase) => {
    const [reply] = await h.say(`is ${who} synced?`);
    expect(JSON.stringify(cardOf(reply))).toContain(phrase);
  });

  it('shows a profile card with the manager', async () => {
    const [reply] = await h.say('show Fatima Zahra');
    const card = cardOf(reply);
    expect(card.type).toBe('AdaptiveCard');
    expect(JSON.stringify(card)).toContain('fatima.zahra@fabrikam.nl');
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'account.syncStatus' });
  });

  it('says "no account matches" for an unknown person', async () => {
    const [reply] = await h.say('show Wilhelmina Zwartkop');
    expect(reply.activity.text).toMatch(/No account matches 'Wilhelmina Zwartkop'/);
  });

  it('answers in Dutch to a Dutch message', async () => {
    const [reply] = await h.say('wordt Fatima Zahra gesynchroniseerd met de lokale AD?');
    const card = JSON.stringify(cardOf(reply));
    expect(card).toContain('lokale Active Directory');
    expect(card).not.toContain('Last synchronization');
  });

  it('runs the sync-status card action with only an id from the card', async () => {
    const r = await h.act('account.syncStatus', { accountId: people.fatima });
    expect(r.status).toBe(200);
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(r.body.value)).toContain('fzahra');
  });

  it('asks which Tom, changes nothing, and answers the pick with the chosen profile', async () => {
    const [reply] = await h.say('show Tom');
    const card = cardOf(reply);
    const picks = JSON.stringify(card).match(/"data":\{"pendingId":"([^"]+)","accountId":"([^"]+)"\}/g) ?? [];
    expect(picks).toHaveLength(2);
    const [, pendingId, accountId] = /"pendingId":"([^"]+)","accountId":"([^"]+)"/.exec(picks[0]!)!;
    const r = await h.act('resolve.pick', { pendingId, accountId });
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(r.body.value)).toMatch(/tom\.(baker|hendriks)@fabrikam\.nl/);
    // Someone else cannot use that pick, nor can the caller pick a person who was not offered.
    const other = await h.act('resolve.pick', { pendingId, accountId }, people.hendrik);
    expect(other.body.type).toBe('application/vnd.microsoft.activity.message');
    const tampered = await h.act('resolve.pick', { pendingId, accountId: people.fatima });
    expect(tampered.body.type).toBe('application/vnd.microsoft.activity.message');
  });

  it('refuses a card action with extra fields', async () => {
    const r = await h.act('account.syncStatus', { accountId: people.fatima, jobTitle: 'CEO' });
    expect(r.status).toBe(200);
    expect(r.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(JSON.stringify(r.body)).not.toContain('fzahra');
  });

  it('does not let a user without a role see someone else', async () => {
    const [reply] = await h.say('show Fatima Zahra', people.milan);
    expect(reply.activity.text).toMatch(/Without an admin role you can see your own account/);
  });

  it('ignores other tenants and logs the refusal', async () => {
    const sent = await h.say('help', people.daan, { tenantId: '00000000-0000-0000-0000-000000000001', expect: 0 });
    await new Promise((r) => setTimeout(r, 200));
    expect(h.connector.sent).toHaveLength(0);
    expect(sent).toHaveLength(0);
    expect(h.logLines.join('\n')).toContain('turn.refused');
  });

  it('never echoes tokens into replies', async () => {
    await h.say('show Fatima Zahra');
    expect(allText(h.connector.sent)).not.toContain('development-token');
  });
});
