import type { Clock } from '../../src/clock';
import { allText } from '../support/fakeConnector';
import { people, requireCard, shown, startHarness, type Harness } from '../support/botHarness';
import { writesIn } from '../support/graphWrites';

/*
 * The first hour of a Teams admin (#13): what a new admin met within minutes, each through whole bot turns.
 * Every case here failed on the code before the fix it names.
 */

const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // manages Milan (cloud-only) and Daniel (synced); no admin role
const daniel = 'c263df29-f4e3-4aa8-857f-2b264f031462';
const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691'; // User Administrator

/** A clock the test moves: plans expire after 30 minutes. */
const clock = { offset: 0, now() { return new Date(Date.now() + this.offset); } } satisfies Clock & { offset: number };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock });
  // Approvers and requesters have talked with the bot, in English (an English-speaking client).
  for (const id of [people.daan, people.hendrik, priya, noor]) await h.say('help', id, { locale: 'en-US' });
}, 120_000);
afterAll(() => h.close());
beforeEach(() => {
  clock.offset = 0;
  h.connector.clear();
  h.emulator.clearLog();
});

const json = (x: unknown) => JSON.stringify(x);
const planIdOf = (card: unknown): string => json(card).match(/"planId":"([^"]+)"/)![1];
const requestIdOf = (card: unknown): string => json(card).match(/"requestId":"([^"]+)"/)![1];
const actionsOf = (card: any): unknown[] => card?.actions ?? [];
const writes = () => writesIn(h.emulator.requestLog);

describe('1. the conversation keeps its language across clicks', () => {
  it('a Dutch change from an English client: Toepassen answers in Dutch', async () => {
    const [reply] = await h.say('wijzig de functie van Noah Peeters in Teamleider', people.daan, { locale: 'en-US' });
    const card = requireCard(reply);
    expect(json(card)).toContain('Toepassen');
    const r = await h.act('change.apply', { planId: planIdOf(card) }, people.daan, { locale: 'en-US' });
    expect(shown(r.body.value)).toContain('Toegepast in Microsoft Entra ID');
    expect(shown(r.body.value)).not.toMatch(/Applied|Done by/);
  });

  it('Annuleren answers in Dutch, and a later English message is answered in English', async () => {
    const [reply] = await h.say('wijzig de afdeling van Noah Peeters in Platform', people.daan, { locale: 'en-US' });
    const r = await h.act('change.cancel', { planId: planIdOf(requireCard(reply)) }, people.daan, { locale: 'en-US' });
    expect(shown(r.body.value)).toContain('Geannuleerd');
    const [english] = await h.say('set the department of Noah Peeters to Platform', people.daan, { locale: 'en-US' });
    expect(json(requireCard(english))).toContain('"Apply"');
  });

  it('a message whose words name no language ("Noah Peeters") keeps the Dutch of the conversation', async () => {
    await h.say('wijzig de afdeling van Noah Peeters in Platform', people.daan, { locale: 'en-US' });
    const [reply] = await h.say('Noah Peeters', people.daan, { locale: 'en-US' });
    expect(json(requireCard(reply))).toContain('Waar kan dit gewijzigd worden?');
    await h.say('show Noah Peeters', people.daan, { locale: 'en-US' });
  });

  it("a Dutch manager's request: the approver decides in English, the requester hears the outcome in Dutch", async () => {
    await h.say('show Noah Peeters', people.daan, { locale: 'en-US' });
    await h.say('ik wil een wijziging aanvragen', noor, { locale: 'en-US' });
    const submitted = await h.act('request.submit', { reportId: people.milan, property: 'officeLocation', value: 'Delft', reason: 'Verhuisd', effectiveDate: '' }, noor, { locale: 'en-US' });
    expect(shown(submitted.body.value)).toContain('Wacht op goedkeuring');
    h.connector.clear();
    const decided = await h.act('request.reject', { requestId: requestIdOf(submitted.body.value), comment: 'Not now' }, people.daan, { locale: 'en-US' });
    expect(shown(decided.body.value)).toMatch(/Rejected by/);
    const toNoor = h.connector.sent.filter((s) => s.kind !== 'update' && s.conversationId === `conv-${noor}`);
    expect(allText(toNoor)).toContain('Afgewezen door');
    // Back to English for the cases below.
    await h.say('my requests', noor, { locale: 'en-US' });
  });
});

describe('2. cards show their state', () => {
  it('Cancel replaces the card with a final one without buttons', async () => {
    const [reply] = await h.say('set the department of Noah Peeters to Platform');
    const r = await h.act('change.cancel', { planId: planIdOf(requireCard(reply)) });
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(shown(r.body.value)).toContain('Cancelled. Nothing was changed.');
    expect(actionsOf(r.body.value)).toEqual([]);
    expect(writes()).toHaveLength(0);
  });

  it('an expired card, clicked, becomes a final one that says so', async () => {
    const [reply] = await h.say('set the department of Noah Peeters to Platform');
    // The same plan, stored as if made 31 minutes ago (the database's clock decides expiry).
    const made = (await h.app.store.plans.get(planIdOf(requireCard(reply))))!;
    const old = await h.app.store.plans.create({
      actorId: made.actorId, targetId: made.targetId, conversationId: made.conversationId, payload: made.payload, expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const r = await h.act('change.apply', { planId: old.id });
    expect(shown(r.body.value)).toContain('This card has expired');
    expect(actionsOf(r.body.value)).toEqual([]);
    expect(writes()).toHaveLength(0);
  });

  it('a card already applied, clicked again (a stale copy), keeps its outcome and is told so', async () => {
    const [reply] = await h.say('set the department of Noah Peeters to Data Platform');
    const planId = planIdOf(requireCard(reply));
    await h.act('change.apply', { planId });
    for (const verb of ['change.apply', 'change.cancel']) {
      const again = await h.act(verb, { planId });
      // A message, not a card: the outcome card in the chat stays as it is.
      expect(again.body.value).toBe('This change was already handled.');
    }
  });

  it('Apply on a cancelled card says it was cancelled', async () => {
    const [reply] = await h.say('set the department of Noah Peeters to Platform');
    const planId = planIdOf(requireCard(reply));
    await h.act('change.cancel', { planId });
    const again = await h.act('change.apply', { planId });
    expect(shown(again.body.value)).toContain('Cancelled. Nothing was changed.');
    expect(shown(again.body.value)).toContain('Planned for Microsoft Entra ID');
    expect(actionsOf(again.body.value)).toEqual([]);
  });
});

describe('2b. approval cards refuse in place and keep refreshing', () => {
  it('an approver who may not decide gets the request card with the reason on top, no decision buttons, and its refresh', async () => {
    const submitted = await h.act('request.submit', { reportId: people.milan, property: 'officeLocation', value: 'Leiden', reason: 'Moved', effectiveDate: '' }, noor);
    const requestId = requestIdOf(submitted.body.value);
    const r = await h.act('request.approve', { requestId }, noor);
    const refusal = r.body.value;
    expect(shown(refusal)).toMatch(/You cannot decide on your own request/);
    expect(json(actionsOf(refusal))).not.toContain('request.approve');
    expect(refusal.refresh?.action?.verb).toBe('request.view');
    await h.act('request.cancel', { requestId }, noor);
  });
});

describe('3. honest outcomes', () => {
  it('a request whose plan is only on-premises is "handed over", not "applied", on every card', async () => {
    const submitted = await h.act('request.submit', { reportId: daniel, property: 'jobTitle', value: 'Support Lead', reason: 'Promotion', effectiveDate: '' }, noor);
    const requestId = requestIdOf(submitted.body.value);
    h.connector.clear();
    const approved = await h.act('request.approve', { requestId }, people.hendrik);
    const approverSees = shown(approved.body.value);
    expect(approverSees).toMatch(/nothing to apply in the cloud; the Active Directory part is handed over/);
    expect(approverSees).not.toMatch(/and applied/);
    expect(approverSees).toContain("Set-ADUser -Identity 'dokafor' -Title 'Support Lead'");
    const notice = allText(h.connector.sent.filter((s) => s.kind !== 'update' && s.conversationId === `conv-${noor}`));
    expect(notice).toMatch(/handed over/);
    expect(notice).not.toMatch(/and applied/);
    expect(writes()).toHaveLength(0);
  });
});

describe('4. paste-safe scripts, for the admins who run them', () => {
  it("the script is one CodeBlock (PowerShell) whose comment keeps its '#', with a fallback that renders no markdown", async () => {
    const [reply] = await h.say("set Fatima Zahra's job title to Head of Data");
    const card = requireCard(reply);
    const code = JSON.stringify(card).match(/\{"type":"CodeBlock".*?"fallback"/)?.[0];
    expect(code).toBeDefined();
    const block = findElement(card, 'CodeBlock');
    expect(block.language).toBe('PowerShell');
    expect(block.codeSnippet.split('\n')).toEqual([
      'Import-Module ActiveDirectory',
      "Set-ADUser -Identity 'fzahra' -Title 'Head of Data'",
      '# On the Microsoft Entra Connect server, to sync now instead of within 30 minutes:',
      'Start-ADSyncSyncCycle -PolicyType Delta',
    ]);
    // The fallback: TextRuns (not markdown) in monospace, one per line.
    const runs = JSON.stringify(block.fallback);
    expect(runs).toContain('"type":"TextRun"');
    expect(runs).toContain('# On the Microsoft Entra Connect server');
    expect(runs).not.toContain('"type":"TextBlock"');
  });

  it('a manager reads the plan in words: no AD script on their card or in their notice', async () => {
    const submitted = await h.act('request.submit', { reportId: daniel, property: 'officeLocation', value: 'Utrecht', reason: 'Moved', effectiveDate: '' }, noor);
    expect(json(submitted.body.value)).not.toContain('Set-ADUser');
    expect(shown(submitted.body.value)).toContain('The Active Directory part goes to the administrators');
    const approverCards = h.connector.sent.filter((s) => s.kind !== 'update' && s.conversationId !== `conv-${noor}`);
    expect(allText(approverCards)).toContain('Set-ADUser');
    const refresh = await h.act('request.view', { requestId: requestIdOf(submitted.body.value) }, noor);
    expect(json(refresh.body.value)).not.toContain('Set-ADUser');
    await h.act('request.cancel', { requestId: requestIdOf(submitted.body.value) }, noor);
  });
});

describe('5. refusals say why, and who can', () => {
  it("a User Administrator resetting a Global Administrator's password learns the role that protects them and the roles that can", async () => {
    const [reply] = await h.say("reset Hendrik Mulder's password", priya);
    const text = shown(requireCard(reply));
    expect(text).toContain('this account has the Global Administrator role (assigned, or eligible to activate)');
    expect(text).toContain('only a Privileged Authentication Administrator or a Global Administrator may do this');
  });

  it('in Dutch too', async () => {
    const [reply] = await h.say('reset het wachtwoord van Hendrik Mulder', priya, { locale: 'nl-NL' });
    expect(shown(requireCard(reply))).toContain('heeft de rol Global Administrator (toegewezen, of te activeren): alleen een Privileged Authentication Administrator of een Global Administrator mag dit');
  });
});

describe('5b. the reason names what raises the bar, and only that', () => {
  it('a Helpdesk Administrator may not edit anyone\'s job title: the refusal names their own role, not the target\'s', async () => {
    const [reply] = await h.say("set Lotte's job title to Lead", people.ciaran);
    const text = shown(requireCard(reply));
    expect(text).toContain('your admin role does not allow this: a User Administrator or a Global Administrator may do it');
    expect(text).not.toMatch(/this account has/);
  });

  it('a role-assignable group member is named as such (Joost is Helpdesk Administrator through one)', async () => {
    const [reply] = await h.say('reset the password of Joost Kuipers', people.ciaran);
    expect(shown(requireCard(reply))).toContain('member of a role-assignable group');
  });
});

describe("5c. help and welcome offer only what the person's roles allow", () => {
  it('a Password Administrator is offered password resets, not title changes, blocks, licences or groups', async () => {
    const [reply] = await h.say('help', people.lotte);
    const text = shown(requireCard(reply));
    expect(text).toContain("reset Maria Garcia's password");
    expect(text).not.toMatch(/Head of Data|block Pieter|E5 licence|Logistics Planners|pending approvals/);
  });

  it('someone with no role and no reports is offered only their own account', async () => {
    const [reply] = await h.say('help', people.milan);
    const text = shown(requireCard(reply));
    expect(text).toContain('show me');
    expect(text).not.toContain('Fatima');
  });
});

describe('6. the bot lifts its own emergency block', () => {
  it('block a synced person, then unblock: the cloud block is lifted here, with Enable-ADAccount for AD', async () => {
    const [block] = await h.say('block Fatima Zahra');
    await h.act('change.apply', { planId: planIdOf(requireCard(block)) });
    expect(h.emulator.state.getUser(people.fatima)?.accountEnabled).toBe(false);
    h.emulator.clearLog();
    const [unblock] = await h.say('unblock Fatima Zahra');
    const card = requireCard(unblock);
    expect(json(card)).toContain('change.apply');
    expect(shown(card)).toContain("Enable-ADAccount -Identity 'fzahra'");
    expect(shown(card)).toMatch(/next synchronization blocks it again/);
    await h.act('change.apply', { planId: planIdOf(card) });
    expect(h.emulator.state.getUser(people.fatima)?.accountEnabled).toBe(true);
  });

  it('blocking yourself warns that you lose this chat too', async () => {
    const [reply] = await h.say('block Daan Visser');
    expect(shown(requireCard(reply))).toContain('This is your own account');
  });

  it('someone AD disabled (not the bot) is enabled in AD only: no cloud write that would let them in until the next sync', async () => {
    const [unblock] = await h.say('unblock Ruud Kramer');
    const card = requireCard(unblock);
    expect(json(card)).not.toContain('change.apply');
    expect(shown(card)).toContain('Enable-ADAccount');
    expect(writes()).toHaveLength(0);
  });
});

describe('refusals for people without an admin role say why, and what they can do', () => {
  it('a manager looking up someone else learns what she can see', async () => {
    const [reply] = await h.say('show Fatima Zahra', noor);
    expect(reply.activity.text).toContain('you can see your own account and, if you manage people, your direct reports');
  });

  it('a manager asking to block her report is told managers cannot request that (no form that does not offer it)', async () => {
    const [reply] = await h.say('block Milan Kowalski', noor);
    expect(reply.activity.text).toMatch(/Managers cannot request a change of sign-in/);
  });

  it('a manager asking to reset a password is told only administrators can, and what she can do', async () => {
    const [reply] = await h.say("reset Milan Kowalski's password", noor);
    expect(reply.activity.text).toContain('Only administrators can do that');
  });
});

describe('history tells the truth', () => {
  it('"nothing to do" says "already", and an approved request names its approver', async () => {
    const [plan] = await h.say('set the office of Milan Kowalski to Zwolle and the department to Customer Service');
    await h.act('change.apply', { planId: planIdOf(requireCard(plan)) });
    const submitted = await h.act('request.submit', { reportId: people.milan, property: 'jobTitle', value: 'Support Lead', reason: 'Promotion', effectiveDate: '' }, noor);
    await h.act('request.approve', { requestId: requestIdOf(submitted.body.value) }, people.daan);
    const [history] = await h.say('history of Milan Kowalski');
    expect(history.activity.text).toContain('department: already Customer Service · nothing to do');
    expect(history.activity.text).toContain('noor.hassan@fabrikam.nl (approved by daan.visser@fabrikam.nl) · job title');
  });
});

describe('an expired choice card closes', () => {
  it('picking from a choice card after it expired replaces it with a card that says so', async () => {
    const pendingId = await h.app.store.plans.create({
      actorId: people.daan, targetId: '', conversationId: '', expiresAt: new Date(Date.now() - 60_000).toISOString(),
      payload: { kind: 'pick', request: { intent: 'show', target: 'Tom', changes: [], object: null, language: 'en' }, candidateIds: [people.noah], language: 'en' },
    });
    const r = await h.act('resolve.pick', { pendingId: pendingId.id, accountId: people.noah });
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(shown(r.body.value)).toContain('This card has expired');
  });
});

describe('7b. long values wrap, warnings are readable', () => {
  it('the distinguished name is a wrapping TextBlock, not a FactSet value Teams cuts off; the stale warning sits in a warning container', async () => {
    const [reply] = await h.say('is Fatima Zahra synchronized?');
    const card = requireCard(reply);
    const dn = findText(card, (text) => text.startsWith('CN=Fatima Zahra'));
    expect(dn).toMatchObject({ type: 'TextBlock', wrap: true });
    expect(json(card)).not.toContain('"type":"FactSet"');
    expect(json(card)).not.toContain('"color":"Warning"');
  });
});

describe('7. clearing a value is an explicit choice', () => {
  it('an empty value without "clear" returns the form with a message; with "clear" it requests the removal', async () => {
    const empty = await h.act('request.submit', { reportId: people.milan, property: 'officeLocation', value: '', reason: 'Moved', effectiveDate: '' }, noor);
    expect(shown(empty.body.value)).toContain('Give the new value, or choose "Clear the current value"');
    expect(await h.app.store.requests.listByRequester(noor, 50)).not.toContainEqual(expect.objectContaining({ state: 'pending' }));
    const cleared = await h.act('request.submit', { reportId: people.milan, property: 'officeLocation', value: '', clear: 'true', reason: 'Moved', effectiveDate: '' }, noor);
    expect(shown(cleared.body.value)).toContain('(empty)');
    await h.act('request.cancel', { requestId: requestIdOf(cleared.body.value) }, noor);
  });
});

function findText(card: any, match: (text: string) => boolean): any {
  let found: any;
  const walk = (x: any) => {
    if (found || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    if (typeof x.text === 'string' && match(x.text)) found = x;
    else Object.values(x).forEach(walk);
  };
  walk(card.body);
  return found;
}

function findElement(card: any, type: string): any {
  let found: any;
  const walk = (x: any) => {
    if (found || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    if (x.type === type) found = x;
    else Object.values(x).forEach(walk);
  };
  walk(card.body);
  return found;
}
