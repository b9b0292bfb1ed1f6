import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { ROLE } from '../../src/policy/roles';
import { cardOf, people, requireCard, startHarness, type Harness } from '../support/botHarness';
import { crowdedTenant } from '../support/crowdedTenant';
import { writesIn } from '../support/graphWrites';

/*
 * Authorization against the directory as it really is, through whole bot turns: each case was a way around
 * Entra's rules before (issue #11). Roles come from role assignments, role-assignable groups and PIM; a target
 * is read fresh; nobody decides on themselves; approvals go where approvers chose.
 */

const sven = '0b7e2c1d-5a8f-4e3b-9c6d-2f1a8b7c9d01'; // eligible (PIM) Global Administrator, no active role
const eline = '6a1f3e9b-2c7d-4b8e-a5f0-3d9c1e7b4a02'; // member of the role-assignable Privileged IT Admins, no role
const joost = '9c4d7a2e-8b1f-4e6a-b3c5-7e2d9f1a6b03'; // Helpdesk Administrator through the group Service Desk Admins
const breakGlass = '17cfa68c-7c76-4bbe-9ad5-44615a2efe48'; // Global Administrator, in no role-assignable group
const marloes = '632225ca-36cb-4a3c-99c2-edd55970fa0b'; // CEO, no admin role; Hendrik reports to her
const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691';

const json = (x: unknown) => JSON.stringify(x);
const planIdOf = (card: unknown): string => json(card).match(/"planId":"([^"]+)"/)![1];
const requestIdOf = (card: unknown) => json(card).match(/"requestId":"([^"]+)"/)![1];
const shown = (sent: { activity: { text?: string } }) => sent.activity.text ?? json(cardOf(sent as never) ?? null);

function writesOf(emu: GraphEmulator) {
  return writesIn(emu.requestLog);
}

describe('a Global Administrator in 1,200 groups keeps the role', () => {
  let emu: GraphEmulator;
  let h: Harness;
  beforeAll(async () => {
    emu = await startGraphEmulator({ tenant: crowdedTenant(breakGlass, 1200) });
    h = await startHarness({ emulator: emu });
  });
  afterAll(async () => {
    await h.close();
    await emu.close();
  });
  beforeEach(() => emu.clearLog());

  it('her own help names the role', async () => {
    const [reply] = await h.say('help', breakGlass);
    expect(json(requireCard(reply))).toContain('As Global Administrator, you can ask me');
  });

  it('a Helpdesk Administrator cannot reset her password; no password is shown, nothing written', async () => {
    const [reply] = await h.say('reset the password of breakglass@fabrikam.onmicrosoft.com', people.ciaran);
    const card = json(requireCard(reply));
    expect(card).toMatch(/has the Global Administrator role \(assigned, or eligible to activate\): only a Privileged Authentication Administrator or a Global Administrator/);
    expect(card).not.toContain('change.apply');
    expect(writesOf(emu)).toHaveLength(0);
  });

  it('a User Administrator can neither block her nor change her title', async () => {
    for (const message of ['block breakglass@fabrikam.onmicrosoft.com', 'set the job title of breakglass@fabrikam.onmicrosoft.com to Intern']) {
      const [reply] = await h.say(message, people.daan);
      expect(json(requireCard(reply))).not.toContain('change.apply');
    }
    expect(writesOf(emu)).toHaveLength(0);
  });
});

describe('role-assignable groups, PIM and fresh roles', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.emulator.reset();
    h.connector.clear();
  });
  const writes = () => writesOf(h.emulator);

  it.each([
    ['a member of a role-assignable group without a role', eline],
    ['a PIM-eligible Global Administrator', sven],
  ])('%s is protected: no reset by a Helpdesk or Password Administrator, no block by a User Administrator', async (_, target) => {
    const upn = h.emulator.state.getUser(target)!.userPrincipalName as string;
    for (const [actor, message] of [[people.ciaran, `reset the password of ${upn}`], [people.lotte, `reset the password of ${upn}`], [people.daan, `block ${upn}`]]) {
      const [reply] = await h.say(message, actor);
      const card = json(requireCard(reply));
      expect(card).not.toContain('change.apply');
      expect(card).not.toMatch(/Temporary password/);
    }
    expect(writes()).toHaveLength(0);
  });

  it('a role held through a role-assignable group lets its member act (a Helpdesk reset of an ordinary user)', async () => {
    const [reply] = await h.say('reset the password of milan.kowalski@fabrikam.nl', joost);
    expect(json(requireCard(reply))).toContain('change.apply');
  });

  it('someone made Global Administrator after the plan is protected at Apply: the card asks again and offers nothing', async () => {
    const [reply] = await h.say('reset the password of milan.kowalski@fabrikam.nl', people.ciaran);
    const planId = planIdOf(requireCard(reply));
    const globalAdmin = h.emulator.state.allDirectoryRoles().find((r) => r.roleTemplateId === ROLE.globalAdministrator)!;
    h.emulator.state.roleMembers.add(globalAdmin.id, people.milan);
    const r = await h.act('change.apply', { planId }, people.ciaran);
    expect(json(r.body)).toMatch(/has the Global Administrator role/);
    expect(json(r.body)).not.toMatch(/Temporary password/);
    expect(writes()).toHaveLength(0);
    // A new request is refused as well, though a minute ago the same target was fine.
    const [again] = await h.say('reset the password of milan.kowalski@fabrikam.nl', people.ciaran);
    expect(json(requireCard(again))).not.toContain('change.apply');
  });

  it('a caller whose role was taken away cannot Apply the card they got while they held it', async () => {
    const [reply] = await h.say('set the job title of milan.kowalski@fabrikam.nl to Senior Agent', priya);
    const planId = planIdOf(requireCard(reply));
    const userAdmin = h.emulator.state.allDirectoryRoles().find((r) => r.roleTemplateId === ROLE.userAdministrator)!;
    h.emulator.state.roleMembers.remove(userAdmin.id, priya);
    const r = await h.act('change.apply', { planId }, priya);
    expect(json(r.body)).not.toMatch(/Applied/);
    expect(writes()).toHaveLength(0);
  });

  it('a role read that is refused refuses the request in the user\'s language, never as "no role"', async () => {
    h.emulator.faults.add({ match: { pathIncludes: 'roleAssignments' }, status: 403, times: 50 });
    const [reply] = await h.say('reset het wachtwoord van milan.kowalski@fabrikam.nl', people.ciaran, { locale: 'nl-NL' });
    // Graph refused the read (403): the message says which permission the deployment lacks.
    expect(reply.activity.text).toMatch(/mag de directory-rollen niet lezen.*RoleManagement\.Read\.Directory/);
    expect(writes()).toHaveLength(0);
    h.emulator.reset();
    h.emulator.faults.add({ match: { pathIncludes: '/memberOf/' }, status: 503, times: 50 });
    const [busy] = await h.say('reset the password of milan.kowalski@fabrikam.nl', people.ciaran);
    expect(busy.activity.text).toMatch(/couldn't read the directory roles completely/);
  });

  it('nobody becomes their own manager, and a reporting line cannot become a circle', async () => {
    const [self] = await h.say('set the manager of noah.peeters@fabrikam.nl to noah.peeters@fabrikam.nl', people.daan);
    expect(json(requireCard(self))).toMatch(/nobody can be their own manager/);
    // Daan manages Noah: making Noah Daan's manager would close the loop.
    const [loop] = await h.say('set the manager of daan.visser@fabrikam.nl to noah.peeters@fabrikam.nl', people.hendrik);
    expect(json(requireCard(loop))).toMatch(/already reports, directly or through others, to this person/);
    expect(json(requireCard(loop))).not.toContain('change.apply');
    expect(writes()).toHaveLength(0);
  });
});

describe('approvals: the channel, segregation of duties, who sees what', () => {
  let h: Harness;
  const noor = '1c580610-a05b-4fe7-8778-1facee361fbf';
  beforeAll(async () => {
    h = await startHarness();
    for (const id of [people.daan, people.hendrik, priya, noor, marloes, people.lotte]) await h.say('help', id);
  });
  afterAll(() => h.close());
  beforeEach(() => h.connector.clear());

  it('a Password Administrator cannot take the approvals channel; a User Administrator can, audited and announced', async () => {
    const [refused] = await h.say('use this channel for approvals', people.lotte, { conversationType: 'channel' });
    expect(refused.activity.text).toMatch(/Only the people who approve requests/);
    expect(await h.app.store.settings.get('approvals.channel')).toBeUndefined();
    h.connector.clear();

    const replies = await h.say('use this channel for approvals', people.daan, { conversationType: 'channel', expect: 3 });
    const set = replies.find((s) => s.conversationId === `conv-${people.daan}`)!;
    expect(shown(set)).toMatch(/approval requests will be posted in this channel/);
    const told = h.connector.sent.filter((s) => s.conversationId !== `conv-${people.daan}`);
    expect(told.map((s) => s.conversationId).sort()).toEqual([`conv-${people.hendrik}`, `conv-${priya}`].sort());
    for (const t of told) expect(t.activity.text).toMatch(/daan\.visser@fabrikam\.nl chose a new channel/);
    const records = await h.app.store.audit.listForTarget('approvals.channel', 5);
    expect(records).toEqual([expect.objectContaining({ operation: 'approvalsChannel', actorId: people.daan, outcome: 'applied', after: `conv-${people.daan}` })]);
    await h.app.store.settings.set('approvals.channel', null);
  });

  it('the person a request is about cannot decide it, even as Global Administrator; the card says who can', async () => {
    const r = await h.act('request.submit', { reportId: people.hendrik, property: 'jobTitle', value: 'CIO', reason: 'Promotion', effectiveDate: '' }, marloes);
    const requestId = requestIdOf(r.body.value);
    // Hendrik gets no approval card.
    expect(h.connector.sent.map((s) => s.conversationId)).not.toContain(`conv-${people.hendrik}`);
    const decided = await h.act('request.approve', { requestId }, people.hendrik);
    expect(json(decided.body)).toMatch(/about your own account, so you cannot decide on it\. Who can: breakglass@fabrikam\.onmicrosoft\.com\./);
    expect((await h.app.store.requests.get(requestId))?.state).toBe('pending');
    // His view of the card offers no decision and says why.
    const view = await h.act('request.view', { requestId }, people.hendrik);
    expect(json(view.body)).not.toContain('request.approve');
    expect(json(view.body)).toMatch(/about your own account/);
    await h.act('request.cancel', { requestId }, marloes);
  });

  it('a request reaches, and shows its details to, only those who may decide it', async () => {
    h.connector.clear();
    const r = await h.act('request.submit', { reportId: people.hendrik, property: 'department', value: 'Board', reason: 'Sensitive: succession', effectiveDate: '' }, marloes);
    const requestId = requestIdOf(r.body.value);
    // A User Administrator may not change a Global Administrator: no approval card for Daan or Priya.
    const cardsTo = h.connector.sent.filter((s) => s.kind !== 'update').map((s) => s.conversationId);
    expect(cardsTo).not.toContain(`conv-${people.daan}`);
    expect(cardsTo).not.toContain(`conv-${priya}`);
    for (const viewer of [people.daan, people.lotte, people.milan]) {
      const view = json((await h.act('request.view', { requestId }, viewer)).body);
      expect(view).not.toContain('Sensitive: succession');
      expect(view).not.toContain('request.approve');
      expect(view).toMatch(/Only the requester and the approvers who may decide/);
    }
    expect(json((await h.act('request.view', { requestId }, marloes)).body)).toContain('Sensitive: succession');
    await h.act('request.cancel', { requestId }, marloes);
  });

  it('"pending approvals" lists only what the caller may decide, and a count of the rest', async () => {
    // About Hendrik (a Global Administrator): a User Administrator may not decide it.
    await h.act('request.submit', { reportId: people.hendrik, property: 'department', value: 'Technology', reason: 'Reorganisation', effectiveDate: '' }, marloes);
    await h.act('request.submit', { reportId: people.milan, property: 'department', value: 'Support', reason: 'Moved', effectiveDate: '' }, noor);
    h.connector.clear();
    const replies = await h.say('pending approvals', people.daan, { expect: 2 });
    const list = replies[0].activity.text!;
    expect(list).toMatch(/Milan Kowalski/);
    expect(list).not.toMatch(/Hendrik Mulder|Technology|Reorganisation/);
    expect(list).toMatch(/1 more waiting for someone else/);
    expect(json(replies.slice(1))).not.toContain('Reorganisation');
  });
});
