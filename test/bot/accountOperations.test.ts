import { people, requireCard, startHarness, type Harness } from '../support/botHarness';
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

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const group = {
  itServiceDesk: '5dcc9b76-4ab9-45eb-a025-412aa3e41136', // Microsoft 365 group: Graph manages members
  vpnUsers: '0729f7cf-e8b2-45a6-8173-d71891e8deab', // synced from AD
  salesEurope: '9ae370de-6d70-4189-9bf4-d5d87eecd85d', // distribution list
  allNetherlands: '0e9cdef7-1ad1-4f65-91e2-787b83270d32', // dynamic
};
const planIdOf = (card: any): string => JSON.stringify(card).match(/"planId":"([^"]+)"/)![1];
const writes = () => writesIn(h.emulator.requestLog);
const textOf = (card: any) => JSON.stringify(card);

describe('licences', () => {
  it('an account without usage location: the plan sets it from the country first, then assigns the licence', async () => {
    const [reply] = await h.say('give Yara El Amrani an E3 licence');
    const card = requireCard(reply);
    expect(textOf(card)).toContain('Microsoft 365 E3');
    expect(textOf(card)).toMatch(/usage location.*\(empty\) → NL/);
    expect(writes()).toHaveLength(0);

    const r = await h.act('change.apply', { planId: planIdOf(card) });
    expect(textOf(r.body.value)).toMatch(/✔ done/);
    const yara = h.emulator.state.getUser(people.yara)!;
    expect(yara.usageLocation).toBe('NL');
    expect((yara.assignedLicenses as { skuId: string }[]).map((l) => l.skuId)).toContain(E3);
    // The PATCH with the usage location went first: Graph refuses a licence without one.
    expect(writes().map((w) => `${w.method} ${w.path.replace(/^\/v1\.0/, '')}`)).toEqual([`PATCH /users/${people.yara}`, `POST /users/${people.yara}/assignLicense`]);
    const records = await h.app.store.audit.listForPlan(planIdOf(card));
    expect(records.map((x) => [x.operation, x.outcome])).toEqual([['update', 'applied'], ['assignLicense', 'applied']]);
  });

  it('a licence the account already has is nothing to do; an unknown one lists the tenant\'s licences', async () => {
    const [has] = await h.say('assign E3 to noah.peeters@fabrikam.nl');
    expect(textOf(requireCard(has))).toContain('Nothing to do');
    expect(textOf(requireCard(has))).toMatch(/already has Microsoft 365 E3/);
    const [unknown] = await h.say('assign Dynamics 365 to noah.peeters@fabrikam.nl');
    expect(unknown.activity.text).toMatch(/No licence of this organization matches 'Dynamics 365'.*Power BI Pro/);
    expect(writes()).toHaveLength(0);
  });

  it('no free units: explained, nothing written', async () => {
    const [reply] = await h.say('give milan.kowalski@fabrikam.nl Power BI Pro');
    expect(textOf(requireCard(reply))).toMatch(/all 8 Power BI Pro licences are in use/);
    expect(textOf(requireCard(reply))).not.toContain('change.apply');
  });

  it('removes a licence in Dutch', async () => {
    const [reply] = await h.say('verwijder de Exchange licentie van milan.kowalski@fabrikam.nl', people.daan, { locale: 'nl-NL' });
    const card = requireCard(reply);
    expect(textOf(card)).toContain('Exchange Online (Plan 1) verwijderen');
    await h.act('change.apply', { planId: planIdOf(card) }, people.daan, { locale: 'nl-NL' });
    expect(h.emulator.state.getUser(people.milan)!.assignedLicenses).toEqual([]);
  });
});

describe('groups', () => {
  it('adds to a Microsoft 365 group through Graph; asking again is nothing to do', async () => {
    const [reply] = await h.say('add milan.kowalski@fabrikam.nl to the IT Service Desk group');
    await h.act('change.apply', { planId: planIdOf(requireCard(reply)) });
    expect(h.emulator.state.getGroupMemberIds(group.itServiceDesk)).toContain(people.milan);
    const [again] = await h.say('add milan.kowalski@fabrikam.nl to the IT Service Desk group');
    expect(textOf(requireCard(again))).toContain('Nothing to do');
    expect(textOf(requireCard(again))).toContain('already a member of IT Service Desk');
  });

  it('a removal that finds nothing to remove says why', async () => {
    const [reply] = await h.say('remove noah.peeters@fabrikam.nl from the Sales Europe group');
    expect(textOf(requireCard(reply))).toContain('not a member of Sales Europe, so there is nothing to remove');
  });

  it('a synced group is AD\'s: Add-ADGroupMember with both sAMAccountNames, no Graph write', async () => {
    const [reply] = await h.say('add fatima.zahra@fabrikam.nl to group Logistiek Planning');
    const json = textOf(requireCard(reply));
    expect(json).toContain("Add-ADGroupMember -Identity 'GG-Logistiek-Planning' -Members 'fzahra'");
    expect(json).not.toContain('change.apply');
    expect(writes()).toHaveLength(0);
  });

  it('a distribution list and a dynamic group are explained', async () => {
    const [dl] = await h.say('add noah.peeters@fabrikam.nl to Sales Europe');
    expect(textOf(requireCard(dl))).toContain("Add-DistributionGroupMember -Identity 'saleseurope@fabrikam.nl' -Member 'noah.peeters@fabrikam.nl'");
    const [dynamic] = await h.say('remove noah.peeters@fabrikam.nl from All Netherlands Staff');
    // Noah is a member through the rule; nobody removes him by hand.
    expect(textOf(requireCard(dynamic))).toMatch(/dynamic group: its members follow the rule/);
    expect(writes()).toHaveLength(0);
  });

  it('an unknown group is named back', async () => {
    const [reply] = await h.say('add noah.peeters@fabrikam.nl to group Astronauts');
    expect(reply.activity.text).toBe("No group is called 'Astronauts'.");
  });
});

describe('sessions and blocking', () => {
  it('signs an account out everywhere', async () => {
    const [reply] = await h.say('sign noah.peeters@fabrikam.nl out everywhere');
    await h.act('change.apply', { planId: planIdOf(requireCard(reply)) });
    expect(h.emulator.state.getSignInRevocations(people.noah)).toHaveLength(1);
  });

  it('blocking a synced account: emergency cloud block and revoked sessions, a plain warning, and Disable-ADAccount', async () => {
    const [reply] = await h.say('block fatima.zahra@fabrikam.nl');
    const json = textOf(requireCard(reply));
    expect(json).toMatch(/next synchronization unblocks the account/);
    expect(json).toContain("Disable-ADAccount -Identity 'fzahra'");
    expect(json).toMatch(/sign out everywhere/);
    await h.act('change.apply', { planId: planIdOf(requireCard(reply)) });
    expect(h.emulator.state.getUser(people.fatima)!.accountEnabled).toBe(false);
    expect(h.emulator.state.getSignInRevocations(people.fatima)).toHaveLength(1);
  });
});

describe('Graph refusals are explained per property', () => {
  it('403 on the licence call names the permission; what was applied is recorded, nothing else reported done', async () => {
    h.emulator.faults.add({ match: { method: 'POST', pathIncludes: '/assignLicense' }, status: 403, times: 1 });
    const [reply] = await h.say('give Björn Åström Visio');
    const planId = planIdOf(requireCard(reply));
    const r = await h.act('change.apply', { planId });
    const json = textOf(r.body.value);
    expect(json).toMatch(/usage location.*✔ done/);
    expect(json).toMatch(/✘ not applied: the bot's app registration lacks the Graph permission LicenseAssignment\.ReadWrite\.All/);
    const records = await h.app.store.audit.listForPlan(planId);
    expect(records.map((x) => [x.property, x.outcome, x.reason])).toEqual([['usageLocation', 'applied', null], ['licence', 'failed', 'GRAPH_FORBIDDEN']]);
  });

  it('an account deleted between card and Apply: told so, nothing written', async () => {
    const [reply] = await h.say('set the department of noah.peeters@fabrikam.nl to Platform');
    h.emulator.faults.add({ match: { method: 'GET', pathIncludes: `/users/${people.noah}` }, status: 404, times: 1 });
    h.emulator.clearLog();
    const r = await h.act('change.apply', { planId: planIdOf(requireCard(reply)) });
    expect(JSON.stringify(r.body)).toMatch(/no longer exists/);
    expect(writes()).toHaveLength(0);
  });
});

describe('password reset', () => {
  it('a Helpdesk Administrator asking to reset a Global Administrator\'s password is refused; no Graph write', async () => {
    const [reply] = await h.say('reset the password of hendrik.mulder@fabrikam.nl', people.ciaran);
    const json = textOf(requireCard(reply));
    expect(json).toMatch(/has the Global Administrator role \(assigned, or eligible to activate\): only a Privileged Authentication Administrator or a Global Administrator may do this/);
    expect(json).not.toContain('change.apply');
    expect(writes()).toHaveLength(0);
  });

  it('a synced account without writeback gets the AD steps; the command prompts for the password', async () => {
    const [reply] = await h.say('reset password of fatima.zahra@fabrikam.nl', people.lotte);
    const json = textOf(requireCard(reply));
    expect(json).toContain("Set-ADAccountPassword -Identity 'fzahra' -Reset -NewPassword (Read-Host -AsSecureString -Prompt 'Temporary password')");
    expect(json).toContain("Set-ADUser -Identity 'fzahra' -ChangePasswordAtLogon $true");
    expect(writes()).toHaveLength(0);
  });

  it('is refused in a group chat or channel, before anything is planned', async () => {
    for (const conversationType of ['groupChat', 'channel']) {
      const [reply] = await h.say('reset the password of noah.peeters@fabrikam.nl', people.daan, { conversationType });
      expect(reply.activity.text).toMatch(/only reset passwords in a one-to-one chat/);
    }
    expect(writes()).toHaveLength(0);
  });

  it('cloud-only: a temporary password shown once to the admin in the 1:1 chat, and nowhere else', async () => {
    const before = { logs: h.logLines.length, sent: h.connector.sent.length };
    const [reply] = await h.say('reset the password of noah.peeters@fabrikam.nl');
    const planId = planIdOf(requireCard(reply));
    const r = await h.act('change.apply', { planId });
    const shown = textOf(r.body.value).match(/Temporary password: ([^"\\]+)/)?.[1];
    expect(shown).toMatch(/^[A-Za-z0-9!#%+\-=?@]{16}$/);

    // Graph got it, with a forced change at next sign-in.
    const changes = h.emulator.state.getPasswordChanges(people.noah);
    expect(changes.at(-1)).toMatchObject({ via: 'passwordProfile', forceChangePasswordNextSignIn: true });

    // Nowhere else: not in a log line, an audit record, a stored plan, or any posted message.
    const everywhere = [
      ...h.logLines.slice(before.logs),
      JSON.stringify(await h.app.store.audit.listForTarget(people.noah, 100)),
      JSON.stringify(await h.app.store.plans.get(planId)),
      ...h.connector.sent.slice(before.sent).map((s) => JSON.stringify(s.activity)),
      JSON.stringify(h.emulator.requestLog),
    ].join('\n');
    expect(everywhere).not.toContain(shown!);
    const records = await h.app.store.audit.listForPlan(planId);
    expect(records).toEqual([expect.objectContaining({ operation: 'resetPassword', outcome: 'applied', before: null, after: null })]);
  });
});

describe('history of operations', () => {
  it('names each operation, and never a password', async () => {
    const [reply] = await h.say('history of noah.peeters@fabrikam.nl');
    expect(reply.activity.text).toMatch(/password: temporary password set · applied/);
    expect(reply.activity.text).toMatch(/sign-in sessions: signed out everywhere · applied/);
    const [milan] = await h.say('history of milan.kowalski@fabrikam.nl');
    expect(milan.activity.text).toMatch(/group membership: add IT Service Desk · applied/);
    expect(milan.activity.text).toMatch(/licence: remove Exchange Online \(Plan 1\) · applied/);
  });
});
