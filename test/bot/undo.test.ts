import type { Clock } from '../../src/clock';
import { people, requireCard, shown, startHarness, type Harness } from '../support/botHarness';

/*
 * Undo (#14, item 1), through whole bot turns: the outcome card's Undo and "undo" in chat propose the inverse as a new
 * plan, confirmed and applied like any plan, without overwriting what changed since.
 */

const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691'; // User Administrator
const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // a manager without an admin role
const EXCHANGE = '4b9405b0-7788-4568-add1-99614e613b69';
const IT_SERVICE_DESK = '5dcc9b76-4ab9-45eb-a025-412aa3e41136';

/** A clock the test moves: Undo works for UNDO_HOURS (24) after the change. */
const clock = { offset: 0, now() { return new Date(Date.now() + this.offset); } } satisfies Clock & { offset: number };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock });
}, 120_000);
afterAll(() => h.close());
beforeEach(() => {
  clock.offset = 0;
  h.emulator.reset();
  h.connector.clear();
});

const json = (x: unknown) => JSON.stringify(x);
const planIdOf = (card: unknown): string => json(card).match(/"planId":"([^"]+)"/)![1];
const verbs = (card: any): string[] => (card?.actions ?? []).map((a: any) => a.verb);
const user = (id: string) => h.emulator.state.getUser(id)!;


/** Says `message`, applies the plan it shows; the original's plan id and its outcome card. */
async function applied(message: string, from = people.daan, locale = 'en-US'): Promise<{ planId: string; outcome: any }> {
  const [reply] = await h.say(message, from, { locale });
  const planId = planIdOf(requireCard(reply));
  const r = await h.act('change.apply', { planId }, from, { locale });
  expect(r.status).toBe(200);
  return { planId, outcome: r.body.value };
}

/** Clicks Undo on an outcome card: the invoke answers with a note, the undo plan comes as a new card. */
async function clickUndo(planId: string, from = people.daan): Promise<{ note: string; card: any }> {
  const before = h.connector.sent.length;
  const r = await h.act('change.undo', { planId }, from);
  const posted = h.connector.sent.slice(before);
  return { note: String(r.body?.value ?? ''), card: posted.length ? requireCard(posted[0]) : undefined };
}

/** Applies an undo plan's card; returns its outcome card. */
async function apply(card: any, from = people.daan): Promise<any> {
  expect(verbs(card)).toContain('change.apply');
  return (await h.act('change.apply', { planId: planIdOf(card) }, from)).body.value;
}

describe('undo of each kind of item', () => {
  it('a profile property: Undo on the outcome card proposes the inverse, Apply sets the before-value back, audited as an undo', async () => {
    const { planId, outcome } = await applied('set the job title of Noah Peeters to Platform Lead');
    expect(verbs(outcome)).toEqual(['change.undo']);
    expect(user(people.noah).jobTitle).toBe('Platform Lead');

    const { note, card } = await clickUndo(planId);
    expect(note).toMatch(/plan that undoes it/);
    expect(shown(card)).toMatch(/Undo of the change daan\.visser@\S+ made at/);
    expect(shown(card)).toContain('Platform Lead → IT Support Intern');
    expect(user(people.noah).jobTitle).toBe('Platform Lead'); // nothing written before Apply

    const done = await apply(card);
    expect(shown(done)).toMatch(/✔ done/);
    expect(user(people.noah).jobTitle).toBe('IT Support Intern');
    const records = await h.app.store.audit.listForPlan(planIdOf(card));
    expect(records).toEqual([expect.objectContaining({ property: 'jobTitle', before: 'Platform Lead', after: 'IT Support Intern', outcome: 'applied', reason: 'UNDO', correlationId: planId })]);

    // Once undone, the original's Undo says so instead of proposing it again.
    expect((await clickUndo(planId)).note).toMatch(/already undone, by daan\.visser@/);
  });

  it('the manager: "undo my last change" sets the previous manager back', async () => {
    await applied('set the manager of Noah Peeters to Milan Kowalski');
    expect(h.emulator.state.managerOf(people.noah)?.id).toBe(people.milan);
    const [reply] = await h.say('undo my last change');
    const card = requireCard(reply);
    expect(shown(card)).toContain('Milan Kowalski → Daan Visser');
    await apply(card);
    expect(h.emulator.state.managerOf(people.noah)?.id).toBe(people.daan);
  });

  it('a licence removed is assigned again: "undo the change to Milan Kowalski"', async () => {
    await applied('remove the Exchange licence from milan.kowalski@fabrikam.nl');
    expect(user(people.milan).assignedLicenses).toEqual([]);
    const [reply] = await h.say('undo the change to Milan Kowalski');
    const card = requireCard(reply);
    expect(shown(card)).toMatch(/licence: add Exchange Online/);
    await apply(card);
    expect((user(people.milan).assignedLicenses as { skuId: string }[]).map((l) => l.skuId)).toEqual([EXCHANGE]);
  });

  it('a group membership added is removed', async () => {
    await applied('add Milan Kowalski to the IT Service Desk group');
    expect(h.emulator.state.getGroupMemberIds(IT_SERVICE_DESK)).toContain(people.milan);
    const [reply] = await h.say('undo');
    const card = requireCard(reply);
    expect(shown(card)).toMatch(/group membership: remove IT Service Desk/);
    await apply(card);
    expect(h.emulator.state.getGroupMemberIds(IT_SERVICE_DESK)).not.toContain(people.milan);
  });

  it('a block of a cloud-only account is lifted; its sign-out cannot be undone and the card says so', async () => {
    const { planId } = await applied('block Noah Peeters');
    expect(user(people.noah).accountEnabled).toBe(false);
    const { card } = await clickUndo(planId);
    expect(shown(card)).toMatch(/sign-in blocked → sign-in allowed/);
    expect(shown(card)).toMatch(/a sign-out cannot be undone/);
    await apply(card);
    expect(user(people.noah).accountEnabled).toBe(true);
    const records = await h.app.store.audit.listForPlan(planIdOf(card));
    expect(records.map((r) => [r.property, r.outcome, r.correlationId])).toEqual([
      ['accountEnabled', 'applied', planId], ['signInSessions', 'refused', planId],
    ]);
    // An undo is not undone: that would block Noah again without anyone asking for it.
    expect((await clickUndo(planIdOf(card))).note).toBe('That was an undo; to make the change again, ask for it.');
    expect(user(people.noah).accountEnabled).toBe(true);
  });

  it("a synced account: the cloud part goes back in the cloud, the AD part gets the inverse script with the before-values", async () => {
    const { planId } = await applied("set Fatima's title to Head of Data and usage location to Japan");
    expect(user(people.fatima).usageLocation).toBe('JP');
    const { card } = await clickUndo(planId);
    const text = shown(card);
    expect(text).toContain('JP → NL');
    expect(text).toContain("Set-ADUser -Identity 'fzahra' -Title 'HR Director'");
    expect(text).toContain('Start-ADSyncSyncCycle -PolicyType Delta');
    await apply(card);
    expect(user(people.fatima).usageLocation).toBe('NL');
  });

  it("a synced account's emergency block: the undo lifts the bot's own block and hands over Enable-ADAccount", async () => {
    const { planId } = await applied('block Fatima Zahra');
    expect(user(people.fatima).accountEnabled).toBe(false);
    const { card } = await clickUndo(planId);
    expect(shown(card)).toContain("Enable-ADAccount -Identity 'fzahra'");
    await apply(card);
    expect(user(people.fatima).accountEnabled).toBe(true);
  });
});

describe('optimistic concurrency', () => {
  it('a value changed outside the bot since is not overwritten: the card says what it is now', async () => {
    await applied('set the department of Noah Peeters to Platform');
    h.emulator.state.updateUser(h.emulator.state.findUser(people.noah)!, { department: 'Finance' }); // as another admin center would
    const [reply] = await h.say('undo my last change');
    const card = requireCard(reply);
    expect(shown(card)).toMatch(/department: not undone: it is now Finance, changed since the original \(outside this bot\)/);
    expect(verbs(card)).not.toContain('change.apply');
    expect(user(people.noah).department).toBe('Finance');
  });

  it("a value another admin changed since: named, with when; Apply of a card made before re-plans and keeps it", async () => {
    const { planId } = await applied('set the office of Noah Peeters to Delft');
    const { card: early } = await clickUndo(planId); // the undo card, made while the value was still ours
    expect(shown(early)).toContain('Delft → Amsterdam HQ 1.25');
    await applied('set the office of Noah Peeters to Utrecht', priya);

    const again = await apply(early);
    expect(shown(again)).toMatch(/not undone: it is now Utrecht, changed by priya\.\S+ at /);
    expect(user(people.noah).officeLocation).toBe('Utrecht');
    const [reply] = await h.say('undo the change to Noah Peeters', people.daan);
    // The latest change to Noah is Priya's own: undoing it is Daan's choice, and would set Delft back.
    expect(shown(requireCard(reply))).toContain('Utrecht → Delft');
  });
});

describe('who may undo', () => {
  it("a Helpdesk Administrator cannot undo a User Administrator's title change: refused with the reason, in their language", async () => {
    const { planId } = await applied('set the job title of Noah Peeters to Platform Lead');
    const [reply] = await h.say('undo the change to Noah Peeters', people.ciaran);
    expect(reply.activity.text).toMatch(/You cannot undo this change by daan\.visser@\S+: only they, or an administrator allowed/);
    expect(reply.activity.text).toMatch(/job title: .*a User Administrator or a Global Administrator may do it/);
    expect((await clickUndo(planId, people.ciaran)).note).toMatch(/You cannot undo this change by daan\.visser@/);
    const [dutch] = await h.say('maak de wijziging van Noah Peeters ongedaan', people.ciaran, { locale: 'nl-NL' });
    expect(dutch.activity.text).toMatch(/Je kunt deze wijziging van daan\.visser@\S+ niet ongedaan maken/);
    expect(user(people.noah).jobTitle).toBe('Platform Lead');
  });

  it('someone without an admin role is refused; another admin who may make the reverse change may undo', async () => {
    const { planId } = await applied('set the job title of Noah Peeters to Platform Lead');
    // Nothing about the change — who made it, when — reaches someone without an admin role.
    const refused = (await clickUndo(planId, noor)).note;
    expect(refused).toContain('Only administrators can do that');
    expect(refused).not.toMatch(/daan|Daan/);
    const [byName] = await h.say('undo the change to Noah Peeters', noor);
    expect(byName.activity.text).toContain('Only administrators can do that');
    const { card } = await clickUndo(planId, priya);
    await apply(card, priya);
    expect(user(people.noah).jobTitle).toBe('IT Support Intern');
  });
});

describe('one undo per change', () => {
  it('a second Undo card, applied after someone set the value again, does not take their change back', async () => {
    const { planId } = await applied('set the job title of Noah Peeters to Release Manager');
    const first = await clickUndo(planId);
    const second = await clickUndo(planId);
    await apply(first.card);
    const before = user(people.noah).jobTitle;
    await applied('set the job title of Noah Peeters to Release Manager', priya);
    const outcome = await h.act('change.apply', { planId: planIdOf(second.card) });
    expect(user(people.noah).jobTitle).toBe('Release Manager');
    expect(json(outcome.body)).toMatch(/priya/);
    expect(before).not.toBe('Release Manager');
  });
});

describe('undo after an undo', () => {
  it('"undo my last change" again takes the change before, never the undo; the undo itself is refused, in chat and on its card', async () => {
    await applied('set the department of Noah Peeters to Platform');
    await applied('set the job title of Noah Peeters to Platform Lead');
    const [first] = await h.say('undo my last change');
    const undo = requireCard(first);
    expect(shown(undo)).toContain('Platform Lead → IT Support Intern');
    await apply(undo);
    expect(user(people.noah).jobTitle).toBe('IT Support Intern');

    const [second] = await h.say('undo my last change');
    const next = requireCard(second);
    expect(shown(next)).not.toContain('Platform Lead');
    expect(shown(next)).toMatch(/Platform → /);

    const [byName] = await h.say('undo the change to Noah Peeters');
    expect(byName.activity.text).toBe('That was an undo; to make the change again, ask for it.');
    expect((await clickUndo(planIdOf(undo))).note).toBe('That was an undo; to make the change again, ask for it.');
    const [dutch] = await h.say('maak de wijziging van Noah Peeters ongedaan', people.daan, { locale: 'nl-NL' });
    expect(dutch.activity.text).toMatch(/^Dat was het ongedaan maken van een wijziging/);
    expect(user(people.noah).jobTitle).toBe('IT Support Intern');
  });

  it('"undo" when the only change was undone already: nothing to undo', async () => {
    // Hendrik's only change (the audit outlives each test's emulator reset).
    await applied('set the job title of Noah Peeters to Platform Lead', people.hendrik);
    await apply(requireCard((await h.say('undo', people.hendrik))[0]), people.hendrik);
    const [reply] = await h.say('undo', people.hendrik);
    expect(reply.activity.text).toBe('I find no change of yours to undo.');
    expect(user(people.noah).jobTitle).toBe('IT Support Intern');
  });
});

describe('what cannot be undone', () => {
  it('a sign-out: no Undo on its card, and "undo" says it cannot be undone', async () => {
    const { outcome } = await applied('sign out Noah Peeters everywhere');
    expect(verbs(outcome)).toEqual([]);
    const [reply] = await h.say('undo');
    expect(reply.activity.text).toMatch(/This change cannot be undone: a sign-out cannot be taken back/);
  });

  it('a password reset says it cannot be undone', async () => {
    const { outcome } = await applied('reset the password of Noah Peeters');
    expect(verbs(outcome)).toEqual([]);
    const [reply] = await h.say('undo my last change');
    expect(reply.activity.text).toMatch(/a password reset cannot be undone/);
  });

  it('after UNDO_HOURS: too late, with the time it expired', async () => {
    const { planId } = await applied('set the job title of Noah Peeters to Platform Lead');
    clock.offset = 25 * 3_600_000;
    const [reply] = await h.say('undo');
    expect(reply.activity.text).toMatch(/Too late to undo: a change can be undone for 24 hours, and this one could be until .+\d/);
    expect((await clickUndo(planId)).note).toMatch(/Too late to undo/);
    expect(user(people.noah).jobTitle).toBe('Platform Lead');
  });

  it('nothing to undo', async () => {
    const [reply] = await h.say('undo my last change', people.hendrik);
    expect(reply.activity.text).toBe('I find no change of yours to undo.');
  });
});

describe('Dutch', () => {
  it('"maak ongedaan" is answered in Dutch, and Toepassen sets the value back', async () => {
    const { outcome } = await applied('wijzig de functie van Noah Peeters in Teamleider', people.daan, 'en-US');
    expect(json(outcome)).toContain('"Ongedaan maken"');
    const [reply] = await h.say('maak ongedaan', people.daan, { locale: 'en-US' });
    const card = requireCard(reply);
    expect(shown(card)).toMatch(/Maakt de wijziging van daan\.visser@\S+ van .+ ongedaan/);
    expect(json(card)).toContain('"Toepassen"');
    expect(shown(card)).toContain('Teamleider → IT Support Intern');
    const done = (await h.act('change.apply', { planId: planIdOf(card) }, people.daan, { locale: 'en-US' })).body.value;
    expect(shown(done)).toContain('Toegepast in Microsoft Entra ID');
    expect(user(people.noah).jobTitle).toBe('IT Support Intern');
  });
});
