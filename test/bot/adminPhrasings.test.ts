import { readFileSync } from 'node:fs';
import { en } from '../../src/i18n/en';
import { nl } from '../../src/i18n/nl';
import { startGraphEmulator, type GraphEmulator, type TenantFixtureInput } from '../../src/emulator';
import { DEMO_TENANT, cardOf, people, requireCard, startHarness, type Harness } from '../support/botHarness';

/*
 * Issue #13, finding 9 and "a bare name … small talk …", through whole turns: the phrasings the parser missed
 * reach the plan, profile or answer they ask for. Each case failed before the change.
 */

const SIOBHAN = 'a7c1e0f2-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const SIOBHAN_UPN = "siobhan.o'brien@fabrikam.nl";

/** The demo tenant plus a cloud-only colleague whose address has an apostrophe, as Irish names often do. */
function tenantWithApostrophe(): TenantFixtureInput {
  const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8'));
  const noah = tenant.users.find((u: { id: string }) => u.id === people.noah);
  const siobhan = {
    ...noah, id: SIOBHAN, userPrincipalName: SIOBHAN_UPN, mail: SIOBHAN_UPN, mailNickname: 'siobhan.obrien',
    displayName: "Siobhán O'Brien", givenName: 'Siobhán', surname: "O'Brien", employeeId: '100777',
    proxyAddresses: [`SMTP:${SIOBHAN_UPN}`],
  };
  return { ...tenant, users: [...tenant.users, siobhan] };
}

const planIdOf = (json: string): string | undefined => json.match(/"planId":"([^"]+)"/)?.[1];

let emulator: GraphEmulator;
let h: Harness;
beforeAll(async () => {
  emulator = await startGraphEmulator({ tenant: tenantWithApostrophe() });
  h = await startHarness({ emulator });
});
afterAll(async () => {
  await h.close();
  await emulator.close();
});
beforeEach(() => h.connector.clear());

describe('admin phrasings, whole turns', () => {
  it('plans a password reset for "het wachtwoord van X moet opnieuw ingesteld worden", in Dutch', async () => {
    const [reply] = await h.say('het wachtwoord van Noah Peeters moet opnieuw ingesteld worden', people.daan, { locale: 'en-US' });
    const card = JSON.stringify(requireCard(reply));
    expect(card).toContain(nl['plan.resetPassword']);
    expect(card).toContain('Noah Peeters');
    expect(planIdOf(card)).toBeDefined();
  });

  it('answers "thanks" with a short text, not the help card', async () => {
    const [reply] = await h.say('thanks!', people.hendrik);
    expect(cardOf(reply)).toBeUndefined();
    expect(reply.activity.text).toBe(en['smallTalk.thanks']);
  });

  it('answers "hoi" with a short Dutch greeting that points to help', async () => {
    const [reply] = await h.say('hoi', people.daan, { locale: 'en-US' });
    expect(cardOf(reply)).toBeUndefined();
    expect(reply.activity.text).toBe(nl['smallTalk.greeting']);
  });

  it('still answers "what can you do" with the help card', async () => {
    const [reply] = await h.say('what can you do?');
    expect(JSON.stringify(requireCard(reply))).toContain('block Pieter Bakker');
  });

  it('shows the profile card for a bare name', async () => {
    const [reply] = await h.say('Noah Peeters');
    const card = requireCard(reply);
    expect(JSON.stringify(card)).toContain('noah.peeters@fabrikam.nl');
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'account.syncStatus' });
  });

  it('works when the message starts with an @mention the bot was not told about', async () => {
    // A 1:1 chat where the user typed the mention as text, and a message Teams wrapped in a paragraph.
    const [typed] = await h.say('@Account Assistant is Noah Peeters synced?');
    expect(JSON.stringify(requireCard(typed))).toContain('cloud-only');
    const [wrapped] = await h.say('<p><at>Account Assistant</at>&nbsp;show Noah Peeters</p>');
    expect(JSON.stringify(requireCard(wrapped))).toContain('noah.peeters@fabrikam.nl');
  });

  it('finds a person by an address with an apostrophe, straight or curly', async () => {
    const [straight] = await h.say(`show ${SIOBHAN_UPN}`);
    expect(JSON.stringify(requireCard(straight))).toContain("Siobhán O'Brien");
    const [curly] = await h.say('set the department of siobhan.o’brien@fabrikam.nl to Logistics');
    const plan = JSON.stringify(requireCard(curly));
    expect(plan).toContain('Logistics');
    expect(planIdOf(plan)).toBeDefined();
  });

  it.each([
    ['Update Noah Peeters: title = Platform Lead', 'jobTitle', 'Platform Lead'],
    ['department: Logistics, user: Noah Peeters', 'department', 'Logistics'],
    ["I need Noah Peeters's department changed to Logistics EMEA please", 'department', 'Logistics EMEA'],
    ['ik wil de afdeling van Noah Peeters graag veranderen in Logistiek', 'department', 'Logistiek'],
    ['Werk Noah Peeters bij: functie = Platform Engineer', 'jobTitle', 'Platform Engineer'],
    ['ik wil de afdeling van Noah Peeters gewijzigd hebben naar Platform graag', 'department', 'Platform'],
  ])('plans and applies "%s"', async (text, property, value) => {
    const [reply] = await h.say(text);
    const planId = planIdOf(JSON.stringify(requireCard(reply)));
    expect(planId).toBeDefined();
    await h.act('change.apply', { planId });
    expect(emulator.state.getUser(people.noah)?.[property]).toBe(value);
  });
});

/*
 * A tester's findings after #13: a value that swallowed a following request, small talk taken for a name, a
 * one-word name that matched surnames by prefix, and requests the bot does not carry out (delete, admin roles).
 * Each case failed before the change.
 */
describe('tester findings, whole turns', () => {
  it('"… to Lead and block him" plans both the title and the block, and applies both', async () => {
    const [reply] = await h.say('change the job title of Noah Peeters to Lead and block him');
    const card = JSON.stringify(requireCard(reply));
    expect(card).not.toContain('block him');
    const planId = planIdOf(card);
    expect(planId).toBeDefined();
    await h.act('change.apply', { planId });
    expect(emulator.state.getUser(people.noah)).toMatchObject({ jobTitle: 'Lead', accountEnabled: false });
  });

  it.each([
    ['annuleer', nl['smallTalk.cancel']], ['cancel', en['smallTalk.cancel']], ['laat maar', nl['smallTalk.cancel']],
  ])('answers "%s" with a short text in the words\' language, not a look-up', async (text, answer) => {
    const [reply] = await h.say(text, people.daan, { locale: 'en-US' });
    expect(cardOf(reply)).toBeUndefined();
    expect(reply.activity.text).toBe(answer);
  });

  it.each(['sorry', '👍', 'nee'])('acknowledges "%s" with a short text, not a look-up', async (text) => {
    const [reply] = await h.say(text, people.daan, { locale: 'en-US' });
    expect(cardOf(reply)).toBeUndefined();
    // "sorry" and "👍" are no language's own: the answer keeps the conversation's.
    expect([en['smallTalk.acknowledgement'], nl['smallTalk.acknowledgement']]).toContain(reply.activity.text);
  });

  it.each([
    ['delete Noah Peeters', en['unsupported.deleteAccount']],
    ['verwijder Noah Peeters', nl['unsupported.deleteAccount']],
    ['give Noah Peeters the Global Administrator role', en['unsupported.assignRole']],
    ['maak Noah Peeters Global Administrator', nl['unsupported.assignRole']],
    ['make Noah Peeters a Global Administrator', en['unsupported.assignRole']],
  ])('answers "%s" with where it is done, and plans nothing', async (text, answer) => {
    const before = emulator.state.getUser(people.noah)?.jobTitle;
    const [reply] = await h.say(text, people.daan, { locale: 'en-US' });
    expect(cardOf(reply)).toBeUndefined();
    expect(reply.activity.text).toBe(answer);
    expect(emulator.state.getUser(people.noah)?.jobTitle).toBe(before);
  });

  it.each(['is Noah Peeters blocked?', 'is Noah Peeters geblokkeerd?'])('shows the profile for "%s"', async (text) => {
    const [reply] = await h.say(text);
    expect(JSON.stringify(requireCard(reply))).toContain('noah.peeters@fabrikam.nl');
  });

  it('shows Jan de Vries for "Jan", not a choice with Anouk Jansen and Lieke Janssen', async () => {
    const [reply] = await h.say('Jan');
    const card = JSON.stringify(requireCard(reply));
    expect(card).toContain('jan.devries@fabrikam.nl');
    expect(card).not.toContain('Janssen');
  });
});
