import type { Clock } from '../../src/clock';
import type { LoggedRequest } from '../../src/emulator';
import { people, startHarness, type Harness } from '../support/botHarness';
import { AttackKit, graphIsClean, planIdOf, shown, type WriteAllowance } from './attackKit';
import type { Figures } from './figures';

const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // manages Milan; no admin role
const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691'; // User Administrator

/** Allows `count` writes that `match`, and no other: "at most once" as a write allowance. */
function atMost(count: number, match: (w: LoggedRequest) => boolean): WriteAllowance {
  let seen = 0;
  return (w) => match(w) && ++seen <= count;
}
const patchOf = (id: string) => (w: LoggedRequest) => w.method === 'PATCH' && w.path.endsWith(`/users/${id}`);

/** A markdown link that a card would render as a clickable link (not escaped with a backslash). */
const LIVE_LINK = /(?<!\\)\[[^\]\\]*\](?<!\\\])\((?:https?:|javascript:|mailto:)/i;
/** Every string of a card a user reads (action URLs excepted: the bot never makes one from input). */
function cardStrings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => cardStrings(n, out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (k !== 'url') cardStrings(v, out);
  return out;
}

/** Cards: everything a card sends back is re-checked against stored state and the caller's current rights. */
export function cardCases(figures: Figures): void {
  describe('cards: tampered, replayed and stale actions', () => {
    const clock = { offset: 0, now() { return new Date(Date.now() + this.offset); } } satisfies Clock & { offset: number };
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      h = await startHarness({ clock });
      kit = new AttackKit(h, figures);
      for (const id of [people.daan, people.hendrik, priya, noor]) await h.say('help', id);
    });
    afterAll(() => h.close());
    afterEach(() => {
      clock.offset = 0;
    });

    const plan = async (text: string, from = people.daan) => planIdOf((await kit.message(text, { from })).replies[0]);

    it.each<[string, (planId: string) => { verb: string; data: unknown; from?: string }]>([
      ['another admin applies it', (planId) => ({ verb: 'change.apply', data: { planId }, from: priya })],
      ['a user without a role applies it', (planId) => ({ verb: 'change.apply', data: { planId }, from: people.milan })],
      ['another admin cancels it', (planId) => ({ verb: 'change.cancel', data: { planId }, from: priya })],
      ['a plan id that does not exist', () => ({ verb: 'change.apply', data: { planId: '7d9f3c1e-0000-4000-8000-000000000000' } })],
      ['a path in the plan id', () => ({ verb: 'change.apply', data: { planId: '../../users/ae49f001-dfc8-4f88-9ff6-7c3274fb8c11' } })],
      ['a URL in the plan id', () => ({ verb: 'change.apply', data: { planId: 'https://evil.example/plan' } })],
      ['an OData query in the plan id', () => ({ verb: 'change.apply', data: { planId: "x' or 1 eq 1" } })],
      ['a 10,000-character plan id', () => ({ verb: 'change.apply', data: { planId: 'a'.repeat(10_000) } })],
      ['a number for the plan id', () => ({ verb: 'change.apply', data: { planId: 42 } })],
      ['an array for the plan id', (planId) => ({ verb: 'change.apply', data: { planId: [planId] } })],
      ['no data', () => ({ verb: 'change.apply', data: undefined })],
      ['a new value smuggled beside the plan id', (planId) => ({ verb: 'change.apply', data: { planId, value: 'Chief Executive Officer' } })],
      ['another target smuggled beside the plan id', (planId) => ({ verb: 'change.apply', data: { planId, targetId: people.hendrik } })],
      ['a __proto__ key in the data', (planId) => ({ verb: 'change.apply', data: JSON.parse(`{"planId":"${planId}","__proto__":{"isAdmin":true}}`) })],
    ])("Daan's job-title plan, %s: nothing written", async (name, attack) => {
      const planId = await plan('set the job title of noah.peeters@fabrikam.nl to Tampered');
      const { verb, data, from } = attack(planId);
      await kit.hostile(`card: ${name}`, async () => {
        await kit.invoke(verb, data, { from });
      });
      expect(h.emulator.state.getUser(people.noah)?.jobTitle).not.toBe('Tampered');
      // The plan is still Daan's to apply or cancel.
      expect((await h.app.store.plans.get(planId))?.state).toBe('open');
    });

    it.each([
      ['a path after the id', `${people.noah}/manager/$ref`],
      ['a path up and over', `${people.noah}/../../organization`],
      ['a query', `${people.noah}?$select=passwordProfile`],
      ['a fragment', `${people.noah}#x`],
      ['a URL', 'https://evil.example/v1.0/users'],
      ['dot-dot', '..'],
      ['encoded slashes', `${people.noah}%2F..%2F..%2Forganization`],
    ])('an account id with %s: Graph is only ever asked for fixed paths', async (name, accountId) => {
      const from = h.emulator.requestLog.length;
      await kit.hostile(`path injection: ${name}`, async () => {
        await kit.invoke('account.syncStatus', { accountId });
        await kit.invoke('resolve.pick', { pendingId: 'x', accountId });
        await kit.invoke('request.submit', { reportId: accountId, property: 'department', value: 'x', reason: '' }, { from: noor });
      });
      expect(graphIsClean(h.emulator.requestLog.slice(from))).toEqual([]);
    });

    it('the same Apply delivered five times (one activity id), five more times (new ids), and five at once: one write', async () => {
      const planId = await plan('set the department of noah.peeters@fabrikam.nl to Replayed');
      const body = h.activity('invoke', people.daan, { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'change.apply', data: { planId } } } });
      await kit.hostile('replayed apply', async () => {
        for (let i = 0; i < 5; i++) await kit.raw(body);
        for (let i = 0; i < 5; i++) await kit.invoke('change.apply', { planId });
        await Promise.all(Array.from({ length: 5 }, () => kit.invoke('change.apply', { planId })));
      }, atMost(1, patchOf(people.noah)));
      expect(h.emulator.state.getUser(people.noah)?.department).toBe('Replayed');
      expect(await h.app.store.audit.listForPlan(planId)).toHaveLength(1);
    });

    it('an admin who lost the role since planning cannot apply once the role cache has aged (5 minutes)', async () => {
      const planId = await plan('set the job title of noah.peeters@fabrikam.nl to Revoked', priya);
      const roles = h.emulator.state.roleMembers.sourcesOf(priya);
      for (const role of roles) h.emulator.state.roleMembers.remove(role, priya);
      try {
        clock.offset = 6 * 60_000;
        const [e] = await kit.hostile('apply after the role was removed', async () => {
          await kit.invoke('change.apply', { planId }, { from: priya });
        });
        expect(shown(e)).toMatch(/not allow|no longer|role/i);
        expect(h.emulator.state.getUser(people.noah)?.jobTitle).not.toBe('Revoked');
      } finally {
        for (const role of roles) h.emulator.state.roleMembers.add(role, priya);
      }
    });

    it('a pick from a "which one?" card naming someone who was not offered: refused', async () => {
      const pick = await kit.message('set the job title of Tom to Picked');
      const pendingId = /"pendingId":"([^"]+)"/.exec(shown(pick))?.[1];
      expect(pendingId).toBeDefined();
      await kit.hostile('pick outside the offered accounts', async () => {
        const e = await kit.invoke('resolve.pick', { pendingId, accountId: people.hendrik });
        expect(shown(e)).not.toContain('change.apply');
      });
      await kit.hostile('pick from a pending list of another user', async () => {
        const e = await kit.invoke('resolve.pick', { pendingId, accountId: 'd53099b6-f0f1-46dd-84e7-242d041d3e3b' }, { from: priya });
        expect(shown(e)).not.toContain('change.apply');
      });
    });

    describe('manager requests', () => {
      const submit = (values: Record<string, unknown>, from = noor) =>
        kit.invoke('request.submit', { value: '', reason: 'Team change', effectiveDate: '', ...values }, { from });
      const requestIdOf = (text: string) => /"requestId":"([^"]+)"/.exec(text)![1];

      it.each<[string, Record<string, unknown>, string]>([
        ['for someone who is not her report', { reportId: people.hendrik, property: 'department', value: 'Sales' }, noor],
        ['for herself', { reportId: noor, property: 'jobTitle', value: 'Director' }, noor],
        ['for a property managers may not request', { reportId: people.milan, property: 'accountEnabled', value: 'false' }, noor],
        ['for a property that does not exist', { reportId: people.milan, property: 'passwordProfile', value: 'x' }, noor],
        ['with a path as the report id', { reportId: `../users/${people.hendrik}`, property: 'department', value: 'Sales' }, noor],
        ['with a URL as the report id', { reportId: 'https://evil.example/users/x', property: 'department', value: 'Sales' }, noor],
        ['with a 100,000-character value', { reportId: people.milan, property: 'department', value: 'x'.repeat(100_000) }, noor],
        ['by someone who manages nobody', { reportId: people.milan, property: 'department', value: 'Sales' }, people.oliver],
      ])('a request %s: refused, nothing stored for approval', async (name, values, from) => {
        const before = (await h.app.store.requests.listPending(10_000)).length;
        const [e] = await kit.hostile(`request ${name}`, async () => {
          await submit(values, from);
        });
        expect(shown(e)).not.toContain('request.cancel');
        expect((await h.app.store.requests.listPending(10_000)).length).toBe(before);
      });

      it('approvals: not by a non-admin, not by an admin whose roles do not cover it, once when raced, never after a rejection', async () => {
        const first = await submit({ reportId: people.milan, property: 'department', value: 'Raced' });
        const requestId = requestIdOf(shown(first));
        await kit.hostile('approve by a non-admin', async () => {
          await kit.invoke('request.approve', { requestId }, { from: people.milan });
        });
        await kit.hostile('approve by a Helpdesk Administrator', async () => {
          await kit.invoke('request.approve', { requestId }, { from: people.ciaran });
        });
        await kit.hostile('approve by the requester', async () => {
          await kit.invoke('request.approve', { requestId }, { from: noor });
        });
        await kit.hostile('approve smuggling a new value', async () => {
          await kit.invoke('request.approve', { requestId, value: 'Smuggled' }, { from: people.daan });
        });
        expect(h.emulator.state.getUser(people.milan)?.department).not.toBe('Raced');
        await kit.hostile('three admins approve at once', async () => {
          await Promise.all([people.daan, people.hendrik, priya].map((from) => kit.invoke('request.approve', { requestId }, { from })));
        }, atMost(1, patchOf(people.milan)));
        expect(h.emulator.state.getUser(people.milan)?.department).toBe('Raced');

        const second = await submit({ reportId: people.milan, property: 'jobTitle', value: 'Rejected Title' });
        const rejectedId = requestIdOf(shown(second));
        await kit.invoke('request.reject', { requestId: rejectedId, comment: 'No' }, { from: people.daan });
        await kit.hostile('approve after a rejection', async () => {
          await kit.invoke('request.approve', { requestId: rejectedId }, { from: people.hendrik });
        });
        expect(h.emulator.state.getUser(people.milan)?.jobTitle).not.toBe('Rejected Title');
      });

      it('refreshing a request card never writes, whoever refreshes and however often', async () => {
        const r = await submit({ reportId: people.milan, property: 'officeLocation', value: 'Refresh Tower' });
        const requestId = requestIdOf(shown(r));
        const before = await h.app.store.requests.get(requestId);
        await kit.hostile('refresh storm', async () => {
          for (const from of [people.daan, noor, people.milan, people.oliver, people.hendrik]) {
            for (let i = 0; i < 3; i++) await kit.invoke('request.view', { requestId }, { from });
          }
        });
        expect(await h.app.store.requests.get(requestId)).toEqual(before);
      });

      it('markdown and links in a request are shown as text on the approval card, never as a clickable link', async () => {
        const value = '[Approve here](https://evil.example/login)';
        const reason = '**URGENT** [click to approve](https://evil.example/phish) <a href="https://evil.example">ok</a> ![x](https://evil.example/p.png)';
        h.connector.clear();
        await kit.hostile('markdown in a request', async () => {
          await submit({ reportId: people.milan, property: 'officeLocation', value, reason });
        });
        const approvalCards = h.connector.sent.filter((s) => s.conversationId === `conv-${people.daan}`);
        expect(approvalCards.length).toBeGreaterThan(0);
        for (const card of approvalCards) {
          const strings = cardStrings(card.activity.attachments);
          expect(strings.join('\n')).toContain('evil.example');
          for (const s of strings) expect(s).not.toMatch(LIVE_LINK);
        }
      });
    });
  });
}
