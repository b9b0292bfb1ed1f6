import type { FaultSpec } from '../../src/emulator';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { ROLE } from '../../src/policy/roles';
import { people, startHarness, type Harness } from '../support/botHarness';
import { crowdedTenant } from '../support/crowdedTenant';
import { readFileSync } from 'node:fs';
import { DEMO_TENANT } from '../support/botHarness';
import { AttackKit, NO_WRITES, planIdOf, shown } from './attackKit';
import type { Figures } from './figures';

/*
 * Authorization against the directory as it really is (issue #11): an admin with a lesser role tries every
 * operation on people Entra protects — a Global Administrator in 1,200 groups, members of role-assignable
 * groups, PIM-eligible admins — on people who became admins between the card and the click, on the approvals
 * channel and on requests about themselves; and every role read is failed on purpose. Whatever the bot offers
 * is clicked: an Apply that writes is an unauthorised write.
 */

const joost = '9c4d7a2e-8b1f-4e6a-b3c5-7e2d9f1a6b03'; // Helpdesk Administrator through a role-assignable group
const breakGlass = '17cfa68c-7c76-4bbe-9ad5-44615a2efe48'; // Global Administrator, in no role-assignable group
const marloes = '632225ca-36cb-4a3c-99c2-edd55970fa0b'; // CEO, no role; Hendrik reports to her
const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // manages Milan; no role
const mehmet = '5cd90be4-546b-4e2e-b198-57259307a874'; // Authentication Administrator
const sophie = '67ff9723-0049-4e88-90bb-a39bb4697761'; // Groups Administrator
const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691'; // User Administrator (and in Privileged IT Admins)
const privilegedItAdmins = '381ed904-0476-48ae-997f-b5d9d283d193';
const serviceDeskAdmins = '2e8b5c1f-7d3a-4f9e-b6c2-1a4d8e7f3b04';

/** Admins below Privileged Authentication and Global Administrator, and people with no role at all. */
const ATTACKERS: [string, string][] = [
  ['Helpdesk Administrator', people.ciaran], ['Password Administrator', people.lotte], ['Authentication Administrator', mehmet],
  ['Groups Administrator', sophie], ['User Administrator', people.daan], ['Helpdesk Administrator through a group', joost],
  ['no role', people.milan], ['a manager without a role', noor],
];
/** Everything Entra lets only a Privileged Authentication or Global Administrator do to a privileged account. */
const OPERATIONS: [string, (upn: string) => string][] = [
  ['password reset', (upn) => `reset the password of ${upn}`],
  ['password reset (nl)', (upn) => `reset het wachtwoord van ${upn}`],
  ['block', (upn) => `block ${upn}`],
  ['block (nl)', (upn) => `blokkeer ${upn}`],
  ['job title', (upn) => `set the job title of ${upn} to Intern`],
  ['mobile phone', (upn) => `set the mobile phone of ${upn} to +31 6 12345678`],
  ['sign-out everywhere', (upn) => `sign out ${upn} everywhere`],
  ['manager', (upn) => `set the manager of ${upn} to milan.kowalski@fabrikam.nl`],
];

/** Sends the message and, if the bot offers an Apply, clicks it: a refused change must offer nothing that writes. */
async function tryEverything(kit: AttackKit, message: string, from: string): Promise<void> {
  const e = await kit.message(message, { from });
  if (/change\.apply/.test(shown(e))) await kit.invoke('change.apply', { planId: planIdOf(e.replies[0]) }, { from });
}

export function authorizationCases(figures: Figures): void {
  describe('authorization: a Global Administrator in 1,200 groups', () => {
    let emu: GraphEmulator;
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      emu = await startGraphEmulator({ tenant: crowdedTenant(breakGlass, 1200) });
      h = await startHarness({ emulator: emu });
      kit = new AttackKit(h, figures);
    });
    afterAll(async () => {
      await h.close();
      await emu.close();
    });

    it.each(ATTACKERS)('%s tries every privileged operation on her: nothing is written', async (who, from) => {
      for (const [op, make] of OPERATIONS) {
        await kit.hostile(`1,200 groups: ${who}, ${op}`, () => tryEverything(kit, make('breakglass@fabrikam.onmicrosoft.com'), from));
      }
    });
  });

  describe('authorization: role-assignable and eligible targets', () => {
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      h = await startHarness();
      kit = new AttackKit(h, figures);
    });
    afterAll(() => h.close());

    it.each([
      ['a role-assignable group member without a role', 'eline.smit@fabrikam.nl'],
      ['a PIM-eligible Global Administrator', 'sven.dijkstra@fabrikam.nl'],
      ['a Helpdesk Administrator through a role-assignable group', 'joost.kuipers@fabrikam.nl'],
    ])('%s: every lesser admin tries every privileged operation, nothing is written', async (who, upn) => {
      for (const [role, from] of ATTACKERS) {
        for (const [op, make] of OPERATIONS) {
          await kit.hostile(`${who}: ${role}, ${op}`, () => tryEverything(kit, make(upn), from));
        }
      }
    });
  });

  describe('authorization: the target became privileged between the card and the click', () => {
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      h = await startHarness();
      kit = new AttackKit(h, figures);
    });
    afterAll(() => h.close());
    afterEach(() => h.emulator.reset());

    const promotions: [string, (emu: GraphEmulator) => void][] = [
      ['made Global Administrator', (emu) => {
        const role = emu.state.allDirectoryRoles().find((r) => r.roleTemplateId === ROLE.globalAdministrator)!;
        emu.state.roleMembers.add(role.id, people.milan);
      }],
      ['added to a role-assignable group without a role', (emu) => emu.state.groupMembers.add(privilegedItAdmins, people.milan)],
      ['added to a role-assignable group holding Helpdesk Administrator', (emu) => emu.state.groupMembers.add(serviceDeskAdmins, people.milan)],
    ];
    const plans: [string, string, string][] = [
      ['password reset by a Helpdesk Administrator', people.ciaran, 'reset the password of milan.kowalski@fabrikam.nl'],
      ['password reset by a Password Administrator', people.lotte, 'reset the password of milan.kowalski@fabrikam.nl'],
      ['block by a User Administrator', people.daan, 'block milan.kowalski@fabrikam.nl'],
      ['mobile phone by an Authentication Administrator', mehmet, 'set the mobile phone of milan.kowalski@fabrikam.nl to +31 6 87654321'],
      ['job title by a User Administrator', people.daan, 'set the job title of milan.kowalski@fabrikam.nl to Intern'],
    ];

    it.each(promotions)('Milan %s after the card: Apply writes nothing', async (promotion, promote) => {
      for (const [what, from, message] of plans) {
        await kit.hostile(`${promotion}: ${what}`, async () => {
          const e = await kit.message(message, { from });
          const planId = planIdOf(e.replies[0]);
          promote(h.emulator);
          await kit.invoke('change.apply', { planId }, { from });
        });
        h.emulator.reset();
      }
    });

    it('a User Administrator whose role was taken away after the card: Apply writes nothing', async () => {
      await kit.hostile('caller lost the role', async () => {
        const e = await kit.message('set the job title of milan.kowalski@fabrikam.nl to Intern', { from: priya });
        const planId = planIdOf(e.replies[0]);
        const role = h.emulator.state.allDirectoryRoles().find((r) => r.roleTemplateId === ROLE.userAdministrator)!;
        h.emulator.state.roleMembers.remove(role.id, priya);
        await kit.invoke('change.apply', { planId }, { from: priya });
      });
    });

    it.each([
      ['own manager', 'set the manager of noah.peeters@fabrikam.nl to noah.peeters@fabrikam.nl'],
      ['a reporting loop', 'set the manager of daan.visser@fabrikam.nl to noah.peeters@fabrikam.nl'],
    ])('%s: nothing is offered, nothing written', async (what, message) => {
      await kit.hostile(`manager: ${what}`, () => tryEverything(kit, message, people.hendrik));
    });
  });

  describe('authorization: the approvals channel and segregation of duties', () => {
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      h = await startHarness();
      kit = new AttackKit(h, figures);
      for (const id of [people.daan, people.hendrik, priya, noor, marloes]) await h.say('help', id);
    });
    afterAll(() => h.close());

    it.each(ATTACKERS.filter(([, id]) => id !== people.daan))('%s cannot choose the approvals channel', async (who, from) => {
      for (const message of ['use this channel for approvals', 'gebruik dit kanaal voor goedkeuringen']) {
        for (const conversationType of ['channel', 'personal', 'groupChat']) {
          await kit.hostile(`channel: ${who} (${conversationType})`, async () => {
            await kit.message(message, { from, conversationType });
          });
          if ((await h.app.store.settings.get('approvals.channel')) !== undefined) {
            figures.problem('unauthorised write', `channel: ${who} set the approvals channel`);
            throw new Error(`channel: ${who} set the approvals channel`);
          }
        }
      }
    });

    const requestIdOf = (text: string) => text.match(/"requestId":"([^"]+)"/)![1];

    it('nobody decides a request about themselves or their own request; no decision changes its state', async () => {
      const submit = async (reportId: string, value: string, reason: string, from: string) =>
        requestIdOf(JSON.stringify((await h.act('request.submit', { reportId, property: 'jobTitle', value, reason, effectiveDate: '' }, from)).body));
      const about = await submit(people.hendrik, 'CIO', 'Confidential: promotion', marloes);
      const own = await submit(people.milan, 'Lead', 'Promotion', noor);
      const attempts: [string, string, string, string][] = [
        ['the Global Administrator it is about approves', about, people.hendrik, 'request.approve'],
        ['the Global Administrator it is about rejects', about, people.hendrik, 'request.reject'],
        ['the requester approves her own', about, marloes, 'request.approve'],
        ['the person it is about approves', own, people.milan, 'request.approve'],
        ['the person it is about rejects', own, people.milan, 'request.reject'],
        ['the requester approves his own', own, noor, 'request.approve'],
        ['a Password Administrator approves', own, people.lotte, 'request.approve'],
        ['a Helpdesk Administrator rejects', own, people.ciaran, 'request.reject'],
        ['a User Administrator approves a request about a Global Administrator', about, people.daan, 'request.approve'],
      ];
      for (const [what, requestId, from, verb] of attempts) {
        await kit.hostile(`decision: ${what}`, async () => {
          await kit.invoke(verb, { requestId }, { from });
        });
        const state = (await h.app.store.requests.get(requestId))?.state;
        if (state !== 'pending') {
          figures.problem('unauthorised write', `decision: ${what} left the request ${state}`);
          throw new Error(`decision: ${what} left the request ${state}`);
        }
      }
      for (const id of [about, own]) await h.app.store.requests.transition(id, ['pending'], 'cancelled');
    });

    it('"pending approvals" shows a request only to those who may decide it', async () => {
      const submitted = await h.act('request.submit', { reportId: people.hendrik, property: 'jobTitle', value: 'CIO', reason: 'Confidential: promotion', effectiveDate: '' }, marloes);
      const requestId = requestIdOf(JSON.stringify(submitted.body));
      for (const [who, from] of [['the person it is about', people.hendrik], ['a User Administrator', people.daan], ['a Password Administrator', people.lotte]]) {
        const [e] = await kit.hostile(`pending approvals: ${who}`, async () => {
          await kit.message('pending approvals', { from });
        });
        expect(shown(e)).not.toContain('Confidential: promotion');
      }
      await h.app.store.requests.transition(requestId, ['pending'], 'cancelled');
    });
  });

  describe('authorization: every role read failed on purpose', () => {
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      // A quick retry policy: persistent faults are retried, then given up on, in well under a second.
      h = await startHarness({ graphRetry: { maxRetries: 3, budgetMs: 4_000, attemptTimeoutMs: 3_000, baseDelayMs: 5 } });
      kit = new AttackKit(h, figures);
    });
    afterAll(() => h.close());

    const statuses: FaultSpec['status'][] = [403, 404, 429, 500, 502, 503, 504];
    const reads = ['roleManagement/directory/roleAssignments', '/memberOf/microsoft.graph.group', 'roleEligibilityScheduleInstances'];
    const refused = /couldn't read the directory roles completely|directory-rollen niet volledig|may not read the directory roles/;

    it.each(statuses.flatMap((status) => reads.map((read) => [status, read] as const)))('%s on %s: refused, answered, nothing written', async (status, read) => {
      const fault = { status, match: { method: 'GET', pathIncludes: read }, times: 1_000 };
      const [plan] = await kit.fault(`role read ${status} ${read}: plan on a Global Administrator`, fault, async () => {
        await tryEverything(kit, 'reset the password of hendrik.mulder@fabrikam.nl', people.ciaran);
      }, NO_WRITES);
      expect(shown(plan)).toMatch(refused);

      // A card planned before the fault: Apply reads the roles again and refuses.
      const ready = await kit.message('set the job title of noah.peeters@fabrikam.nl to Analyst', { from: people.daan });
      const [apply] = await kit.fault(`role read ${status} ${read}: Apply`, fault, async () => {
        await kit.invoke('change.apply', { planId: planIdOf(ready.replies[0]) }, { from: people.daan });
      }, NO_WRITES);
      expect(shown(apply)).toMatch(refused);

      await kit.fault(`role read ${status} ${read}: help and pending approvals`, fault, async () => {
        await kit.message('pending approvals', { from: people.hendrik });
      }, NO_WRITES);

      // A decision and the choice of the approvals channel read the caller's roles again: both refused.
      const submitted = await h.act('request.submit', { reportId: people.milan, property: 'department', value: 'Support', reason: 'Moved', effectiveDate: '' }, noor);
      const requestId = JSON.stringify(submitted.body).match(/"requestId":"([^"]+)"/)![1];
      const [decision, channel] = await kit.fault(`role read ${status} ${read}: approve, choose the channel`, fault, async () => {
        await kit.invoke('request.approve', { requestId }, { from: people.daan });
        await kit.message('use this channel for approvals', { from: people.daan, conversationType: 'channel' });
      }, NO_WRITES);
      // A caller's eligibilities are never read (they grant nothing): that fault leaves the caller's reads alone.
      if (!read.includes('Eligibility')) {
        expect(shown(decision)).toMatch(refused);
        expect(shown(channel)).toMatch(refused);
        expect(await h.app.store.settings.get('approvals.channel')).toBeFalsy();
      }
      if ((await h.app.store.requests.get(requestId))?.state === 'pending') await h.app.store.requests.transition(requestId, ['pending'], 'cancelled');
      await h.app.store.settings.set('approvals.channel', null);
    });
  });

  describe('text replies: directory names are shown as text', () => {
    let emu: GraphEmulator;
    let h: Harness;
    let kit: AttackKit;
    const LINK = '[Re-verify your account here](https://evil.example/login)';
    beforeAll(async () => {
      // Anyone may create a group: two whose names carry a link and emphasis.
      const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8'));
      tenant.groups.push(
        { id: 'cccccccc-0000-4000-8000-000000000001', displayName: `Sales ${LINK}`, securityEnabled: true, mailEnabled: false, groupTypes: [], members: [] },
        { id: 'cccccccc-0000-4000-8000-000000000002', displayName: 'Sales **urgent** __now__', securityEnabled: true, mailEnabled: false, groupTypes: [], members: [] },
      );
      emu = await startGraphEmulator({ tenant });
      h = await startHarness({ emulator: emu });
      kit = new AttackKit(h, figures);
    });
    afterAll(async () => {
      await h.close();
      await emu.close();
    });

    it.each(['add milan.kowalski@fabrikam.nl to Sales', 'voeg milan.kowalski@fabrikam.nl toe aan Sales', 'remove milan.kowalski@fabrikam.nl from Sales'])('%s: no live link, no formatting', async (message) => {
      const [e] = await kit.hostile(`text reply: ${message}`, async () => {
        await kit.message(message, { from: people.daan });
      });
      const text = e.replies.map((r) => r.activity.text ?? '').join('\n');
      expect(text).toMatch(/Sales/);
      expect(text).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
      expect(text).not.toMatch(/(?<!\\)\*\*urgent/);
      expect(text).not.toContain('https://evil');
    });
  });
}
