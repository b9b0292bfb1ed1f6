import { openStore, type AuditLog, type AuditRecordInput, type Store, type WriteJournal } from '../../src/store';
import { people, startHarness, type Harness } from '../support/botHarness';
import { AttackKit, planIdOf, shown } from './attackKit';
import type { Figures } from './figures';
import { writesIn } from '../support/graphWrites';

/** The password the bot generated, read from the one card that may show it. */
function temporaryPasswordIn(text: string): string | undefined {
  return /Temporary password: `?([A-Za-z0-9!#%+=?@-]{16})/.exec(text)?.[1];
}

/** An audit store that can be made to fail, as a database that is down would. */
class SwitchableAuditLog implements AuditLog {
  failing = false;
  refused = 0;
  constructor(private readonly inner: AuditLog) {}
  append(record: AuditRecordInput) {
    if (this.failing) {
      this.refused++;
      return Promise.reject(new Error('connection terminated unexpectedly'));
    }
    return this.inner.append(record);
  }
  listForTarget(targetId: string, limit: number) {
    return this.inner.listForTarget(targetId, limit);
  }
  listRecent(limit: number) {
    return this.inner.listRecent(limit);
  }
  listForPlan(planId: string) {
    return this.inner.listForPlan(planId);
  }
  latestAppliedPlan(filter: { actorId?: string; targetId?: string }) {
    return this.inner.latestAppliedPlan(filter);
  }
}

/** A plan store whose writes fail with a driver's raw error: nothing in the bot expects it. */
function withFailingPlanWrites(real: Store, message: string): Store {
  const plans = Object.create(real.plans) as Store['plans'];
  plans.create = () => Promise.reject(new Error(message));
  return { kind: real.kind, audit: real.audit, plans, requests: real.requests, conversations: real.conversations, settings: real.settings, cardReplacements: real.cardReplacements, journal: real.journal, preferences: real.preferences, jobs: real.jobs, ping: () => real.ping(), close: () => real.close() };
}

/** Secrets stay where they belong; a change whose audit record cannot be written is not lost or called done. */
export function secretCases(figures: Figures): void {
  describe('temporary passwords and tokens', () => {
    let h: Harness;
    let kit: AttackKit;
    const planIds: string[] = [];
    beforeAll(async () => {
      h = await startHarness({ passwordVisibleMs: 300 });
      kit = new AttackKit(h, figures);
      // The development credential's token: the emulator sees it; no log, card or record may.
      kit.secrets.add('development-token');
    });
    afterAll(() => h.close());

    it('a reset in a 1:1 chat shows the password once, to the admin who asked; nowhere else', async () => {
      const plan = await kit.message('reset the password of noah.peeters@fabrikam.nl');
      const planId = planIdOf(plan.replies[0]);
      planIds.push(planId);
      expect(temporaryPasswordIn(shown(plan))).toBeUndefined();
      const cardActivityId = 'activity-password-card';
      const e = await kit.invoke('change.apply', { planId }, { replyToId: cardActivityId });
      const password = temporaryPasswordIn(e.text);
      expect(password).toBeDefined();
      kit.secrets.add(password!);
      expect(h.emulator.state.getPasswordChanges(people.noah)).toHaveLength(1);

      // A few minutes later (here 300 ms) the card in the chat is replaced by one without the password.
      const sent = await h.connector.waitFor(h.connector.sent.length + 1);
      const update = sent.find((s) => s.kind === 'update');
      expect(update).toBeDefined();
      expect(JSON.stringify(update!.activity)).not.toContain(password!);
      expect(JSON.stringify(update!.activity)).toMatch(/has been removed from this chat/);
      // Teams refreshes or re-delivers the card: the password is not shown again.
      const again = await kit.invoke('change.apply', { planId });
      expect(again.text).not.toContain(password!);
    });

    it.each([['a group chat', 'groupChat'], ['a channel', 'channel']])('a reset asked for in %s is refused before any password exists', async (_name, conversationType) => {
      const [e] = await kit.hostile(`password reset in ${conversationType}`, async () => {
        await kit.message('reset the password of noah.peeters@fabrikam.nl', { conversationType });
      });
      expect(shown(e)).not.toContain('change.apply');
      expect(h.emulator.state.getPasswordChanges(people.noah)).toHaveLength(1);
    });

    it('the password and the token are in no log line, audit record, plan row or other message', async () => {
      expect(kit.secrets.size).toBe(2);
      expect(await kit.scanForSecrets(planIds)).toEqual([]);
    });
  });

  describe('fail closed: the database is down after the write', () => {
    let store: Store;
    let audit: SwitchableAuditLog;
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      const real = await openStore({ dataDir: 'memory://' });
      audit = new SwitchableAuditLog(real.audit);
      // The write's record goes through the journal, in one transaction with the outcome: that is what fails here.
      const journal: WriteJournal = Object.assign(Object.create(Object.getPrototypeOf(real.journal)), real.journal, {
        finish: (...args: Parameters<WriteJournal['finish']>) => (audit.failing ? (audit.refused++, Promise.reject(new Error('connection terminated unexpectedly'))) : real.journal.finish(...args)),
      });
      store = { kind: real.kind, audit, plans: real.plans, requests: real.requests, conversations: real.conversations, settings: real.settings, cardReplacements: real.cardReplacements, journal, preferences: real.preferences, jobs: real.jobs, ping: () => real.ping(), close: () => real.close() };
      h = await startHarness({ store });
      kit = new AttackKit(h, figures);
    });
    afterAll(async () => {
      await h.close();
      await store.close();
    });

    it('an Apply while the audit cannot be written is not reported as simply done, and its record is written once the store is back', async () => {
      const first = await kit.message('set the department of noah.peeters@fabrikam.nl to Unaudited');
      const planId = planIdOf(first.replies[0]);
      audit.failing = true;
      const e = await kit.invoke('change.apply', { planId });
      expect(audit.refused).toBeGreaterThan(0);
      // True to what happened: applied in Entra, the record waits on the disk (never "nothing was changed").
      expect(shown(e)).toMatch(/Applied in Microsoft Entra ID as shown\. The bot's database cannot be reached right now/);
      expect(shown(e)).not.toMatch(/Nothing was changed/);
      audit.failing = false;

      // The sweep (every minute, and at start-up) writes what waited, once.
      await h.app.sweepWrites();
      await h.app.sweepWrites();
      const records = await h.app.store.audit.listForPlan(planId);
      if (records.length !== 1) figures.problem('lost request', `the queued audit record of ${planId} was ${records.length ? 'written twice' : 'never written'}`);
      expect(records).toMatchObject([{ outcome: 'applied', property: 'department', after: 'Unaudited' }]);
    });
  });
}

/** The last resort: an error nobody expected is logged with a correlation id, and the user is told only that id. */
export function lastResortCases(): void {
  describe('the last-resort error handler', () => {
    const INTERNAL = 'relation "plans" violates /var/lib/pg/secret-path at 10.0.0.7:5432';
    let store: Store;
    let h: Harness;
    beforeAll(async () => {
      store = withFailingPlanWrites(await openStore({ dataDir: 'memory://' }), INTERNAL);
      h = await startHarness({ store });
    });
    afterAll(async () => {
      await h.close();
      await store.close();
    });

    it.each([['en-US', /Something went wrong on my side \(reference ([0-9a-f-]{36})\)/], ['nl-NL', /\(referentie ([0-9a-f-]{36})\)/]])('%s: the reply names a reference and nothing else; the log has the error under that reference', async (locale, pattern) => {
      const logFrom = h.logLines.length;
      const [reply] = await h.say('set the job title of noah.peeters@fabrikam.nl to Unreachable', people.daan, { locale });
      const text = String(reply.activity.text);
      const id = pattern.exec(text)?.[1];
      expect(id).toBeDefined();
      expect(text).not.toContain('plans');
      expect(text).not.toMatch(/\bat .+:\d+:\d+/);
      const logged = h.logLines.slice(logFrom).map((l) => JSON.parse(l)).find((l) => l.event === 'turn.failed');
      expect(logged).toMatchObject({ level: 'error', correlationId: id, error: { message: INTERNAL } });
      expect(logged.error.stack).toContain('Error');
      expect(writesIn(h.emulator.requestLog)).toHaveLength(0);
    });
  });
}
