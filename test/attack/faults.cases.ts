import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { DEFAULT_RETRY } from '../../src/directory/graph/retryBudgetMiddleware';
import type { FaultSpec } from '../../src/emulator';
import { people, startHarness, type Harness } from '../support/botHarness';
import { AttackKit, planIdOf, shown } from './attackKit';
import type { Figures } from './figures';

/** A Graph credential that cannot get a token (an expired secret, a revoked certificate). */
class FailingCredential implements TokenCredential {
  failures = 0;
  async getToken(): Promise<AccessToken | null> {
    this.failures++;
    throw Object.assign(new Error('AADSTS7000222: The provided client secret keys for app are expired.'), { name: 'AuthenticationRequiredError' });
  }
}

const IT_SERVICE_DESK = 'IT Service Desk';
const READ: FaultSpec['match'] = { method: 'GET', pathIncludes: '/users' };
const PATCH: FaultSpec['match'] = { method: 'PATCH', pathIncludes: '/users/' };

/**
 * Graph faults, with production's retry policy (9 s budget, 5 s per attempt) and Teams' invoke limit: every
 * request is answered, a write lands at most once, and what the audit says matches what Graph holds.
 */
export function faultCases(figures: Figures): void {
  describe('Graph faults', () => {
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      h = await startHarness({ graphRetry: DEFAULT_RETRY });
      kit = new AttackKit(h, figures);
    });
    afterAll(() => h.close());

    /** After an Apply under a fault: the audit and Graph agree; a change in Graph without a record is a lost request. */
    async function agree(name: string, planId: string, userId: string, property: string, value: string): Promise<'applied' | 'not applied'> {
      const records = await h.app.store.audit.listForPlan(planId);
      const inGraph = h.emulator.state.getUser(userId)?.[property] === value;
      const audited = records.some((r) => r.outcome === 'applied' && r.property === property);
      if (inGraph !== audited) figures.problem('lost request', `${name}: Graph ${inGraph ? 'holds' : 'lacks'} the change, the audit ${audited ? 'says applied' : 'has no applied record'}`);
      return inGraph ? 'applied' : 'not applied';
    }

    const transient: [string, FaultSpec][] = [
      ['429 with Retry-After', { status: 429, retryAfterSeconds: 1 }],
      ['429 without Retry-After', { status: 429 }],
      ['503', { status: 503 }],
      ['504', { status: 504 }],
      ['502', { status: 502 }],
      ['500', { status: 500 }],
      ['a 1.5 s delay', { delayMs: 1_500 }],
    ];

    it.each(transient)('once on a read (%s): the question is answered', async (name, spec) => {
      const [e] = await kit.fault(`read ${name}`, { ...spec, match: READ, times: 1 }, async () => {
        await kit.message('show noah.peeters@fabrikam.nl');
      });
      expect(e.replies).toHaveLength(1);
    });

    it.each<[string, FaultSpec]>([
      ['429 with Retry-After', { status: 429, retryAfterSeconds: 1 }],
      ['503', { status: 503 }],
      ['500', { status: 500 }],
    ])('on every read (%s): a clear answer after a bounded number of attempts, nothing changed', async (name, spec) => {
      const from = h.emulator.requestLog.length;
      const [e] = await kit.fault(`read always ${name}`, { ...spec, match: READ, times: 100 }, async () => {
        await kit.message('set the department of noah.peeters@fabrikam.nl to Outage');
      });
      expect(shown(e)).toMatch(/Microsoft Graph|try again/i);
      // One look-up, retried at most maxRetries times (a 500 is not retried): the turn does not hammer Graph.
      expect(h.emulator.requestLog.length - from).toBeLessThanOrEqual(DEFAULT_RETRY.maxRetries + 1);
    });

    it.each(transient)('once on the write of an Apply (%s): answered, at most one write, audit and Graph agree', async (name, spec) => {
      const value = `Fault ${name}`.slice(0, 40);
      const plan = await kit.message(`set the department of noah.peeters@fabrikam.nl to ${value}`);
      const planId = planIdOf(plan.replies[0]);
      const [e] = await kit.fault(`apply ${name}`, { ...spec, match: PATCH, times: 1 }, async () => {
        await kit.invoke('change.apply', { planId });
      });
      const outcome = await agree(`apply ${name}`, planId, people.noah, 'department', value);
      // 429 and 503 say Graph did not do the work: retried within the budget. 500, 502 and 504 are reported
      // (after a 504 the bot reads to see whether the write landed; here it did not).
      expect(outcome).toBe(spec.status === 500 || spec.status === 502 || spec.status === 504 ? 'not applied' : 'applied');
      expect(shown(e)).toMatch(outcome === 'applied' ? /done/ : /not|failed|could not/i);
    });

    it('a lost answer to a write (it landed, the answer never came): reconciled by reading, reported done, written once', async () => {
      const plan = await kit.message('set the department of noah.peeters@fabrikam.nl to Landed Quietly');
      const planId = planIdOf(plan.replies[0]);
      const [e] = await kit.fault('lost PATCH answer', { lostResponse: true, match: PATCH, times: 1 }, async () => {
        await kit.invoke('change.apply', { planId });
      });
      expect(await agree('lost PATCH answer', planId, people.noah, 'department', 'Landed Quietly')).toBe('applied');
      expect(h.emulator.requestLog.filter((w) => w.method === 'PATCH' && w.path.endsWith(people.noah) && w.body && JSON.stringify(w.body).includes('Landed Quietly'))).toHaveLength(1);
      expect(shown(e)).toMatch(/done/);
    });

    it('a gateway timeout after the write landed: not sent again, found by reading, reported done', async () => {
      const plan = await kit.message('set the department of noah.peeters@fabrikam.nl to Behind The Gateway');
      const planId = planIdOf(plan.replies[0]);
      const [e] = await kit.fault('504 after a landed PATCH', { status: 504, landed: true, match: PATCH, times: 1 }, async () => {
        await kit.invoke('change.apply', { planId });
      });
      expect(await agree('504 after a landed PATCH', planId, people.noah, 'department', 'Behind The Gateway')).toBe('applied');
      expect(h.emulator.requestLog.filter((w) => w.method === 'PATCH' && JSON.stringify(w.body ?? '').includes('Behind The Gateway'))).toHaveLength(1);
      expect(shown(e)).toMatch(/done/);
    });

    it('a hanging write: the invoke is answered within Teams\' limit and the audit matches Graph', async () => {
      const plan = await kit.message('set the department of noah.peeters@fabrikam.nl to Hung');
      const planId = planIdOf(plan.replies[0]);
      const [e] = await kit.fault('hanging PATCH', { hang: true, match: PATCH, times: 1 }, async () => {
        await kit.invoke('change.apply', { planId });
      });
      // Teams gives up on an invoke after about 15 s; the bot answers "working…" at 7 s at the latest.
      expect(e.ms).toBeLessThan(15_000);
      await agree('hanging PATCH', planId, people.noah, 'department', 'Hung');
    });

    it('a hanging read: answered after one abandoned attempt', async () => {
      const [e] = await kit.fault('hanging read', { hang: true, match: READ, times: 1 }, async () => {
        await kit.message('is noah.peeters@fabrikam.nl synced?');
      });
      expect(e.replies).toHaveLength(1);
    });

    it('group add: a throttled add is retried, a lost answer is reconciled, "already a member" counts as done', async () => {
      const add = async (name: string, spec: FaultSpec) => {
        const plan = await kit.message(`add milan.kowalski@fabrikam.nl to the ${IT_SERVICE_DESK} group`);
        const planId = /"planId":"([^"]+)"/.exec(shown(plan))?.[1];
        if (!planId) return; // already a member: nothing to apply
        const [e] = await kit.fault(name, { ...spec, match: { method: 'POST', pathIncludes: '/members/$ref' }, times: 1 }, async () => {
          await kit.invoke('change.apply', { planId });
        });
        expect(shown(e)).toMatch(/done/);
        expect(await h.app.store.audit.listForPlan(planId)).toMatchObject([{ outcome: 'applied' }]);
        await kit.message(`remove milan.kowalski@fabrikam.nl from the ${IT_SERVICE_DESK} group`).then((p) => {
          const id = /"planId":"([^"]+)"/.exec(shown(p))?.[1];
          return id ? kit.invoke('change.apply', { planId: id }) : undefined;
        });
      };
      await add('throttled group add', { status: 429, retryAfterSeconds: 1 });
      await add('lost group add answer', { lostResponse: true });
      // The gateway failed after the member was added: the retry hears "already exist", which is done.
      await add('group add landed behind a 503', { status: 503, landed: true });
    });

    it('every Graph call carries its own client-request-id, and the audit keeps Graph\'s request-id of the write', async () => {
      const from = h.emulator.requestLog.length;
      const plan = await kit.message('set the office location of noah.peeters@fabrikam.nl to Tracing Room');
      await kit.invoke('change.apply', { planId: planIdOf(plan.replies[0]) });
      const calls = h.emulator.requestLog.slice(from);
      // Items of a $batch go inside their batch, which carries the id (as Graph has it).
      const ids = calls.filter((c) => !c.batchRequestId).map((c) => c.headers['client-request-id']);
      expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? ''))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      const patch = calls.find((c) => c.method === 'PATCH')!;
      const [record] = await h.app.store.audit.listForPlan(planIdOf(plan.replies[0]));
      expect(record.graphRequestId).toBe(patch.requestId);
    });
  });

  describe('Graph token failure', () => {
    let h: Harness;
    let kit: AttackKit;
    const credential = new FailingCredential();
    beforeAll(async () => {
      h = await startHarness({ credential, graphRetry: DEFAULT_RETRY });
      kit = new AttackKit(h, figures);
    });
    afterAll(() => h.close());

    it.each([
      ['a question', 'show noah.peeters@fabrikam.nl'],
      ['a change', 'set the department of noah.peeters@fabrikam.nl to Tokenless'],
      ['help (needs no Graph)', 'help'],
    ])('%s is answered in words, nothing reaches Graph, the secret error is not shown', async (_name, text) => {
      const before = credential.failures;
      const [e] = await kit.hostile(`token failure: ${_name}`, async () => {
        await kit.message(text);
      });
      figures.faultsInjected += credential.failures - before;
      expect(e.replies).toHaveLength(1);
      expect(shown(e)).not.toContain('AADSTS');
      expect(h.emulator.requestLog.filter((r) => r.hasAuth)).toHaveLength(0);
    });
  });
}
