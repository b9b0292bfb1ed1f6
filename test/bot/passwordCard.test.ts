import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { CardReplacements } from '../../src/assistant/cardReplacements';
import { TeamsMessenger } from '../../src/bot/teamsMessenger';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { memoryLogger } from '../../src/logger';
import { openStoreOn, PgliteClient, type Store } from '../../src/store';
import { FakeConnector } from '../support/fakeConnector';
import { DEMO_TENANT, startHarness, type Harness } from '../support/botHarness';

// The card that shows a temporary password is replaced by one without it after a few minutes, whatever
// happens to the bot in between: a restart, Teams refusing the update for a while.

const planIdOf = (x: unknown) => JSON.stringify(x).match(/"planId":"([^"]+)"/)?.[1];
const passwordIn = (x: unknown) => JSON.stringify(x).match(/Temporary password: ([^"\\]+)/)?.[1];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let emulator: GraphEmulator;
let connector: FakeConnector;
let sql: PgliteClient;
let store: Store;

beforeAll(async () => {
  emulator = await startGraphEmulator({ tenant: DEMO_TENANT });
  connector = await new FakeConnector().start();
  sql = await PgliteClient.open();
  store = await openStoreOn(sql, 'pglite');
});
afterAll(async () => {
  await store.close();
  await connector.stop();
  await emulator.close();
});
beforeEach(async () => {
  connector.clear();
  connector.refuseUpdates = 0;
  connector.refused = 0;
  await sql.query('DELETE FROM card_replacements');
});

/** What is still stored to be replaced, by activity id: the table itself, not what a claim can see. */
async function stored(): Promise<string[]> {
  return (await sql.query<{ activity_id: string }>('SELECT activity_id FROM card_replacements ORDER BY activity_id')).rows.map((r) => r.activity_id);
}

/** An admin resets Noah's password in her 1:1 chat; returns the password the card showed. */
async function resetPassword(h: Harness, cardActivityId: string): Promise<string> {
  const [plan] = await h.say('reset the password of noah.peeters@fabrikam.nl');
  const applied = await h.act('change.apply', { planId: planIdOf(plan.activity) }, undefined, { replyToId: cardActivityId });
  const password = passwordIn(applied.body);
  expect(password).toBeDefined();
  return password!;
}

const updatesOf = (activityId: string) => connector.sent.filter((s) => s.kind === 'update' && s.activity.id === activityId);

async function until(done: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(25);
  }
}

describe('the temporary password card', () => {
  it('is replaced after a restart by the instance that comes back, and only once it is due', async () => {
    const first = await startHarness({ emulator, connector, store, passwordVisibleMs: 3_000 });
    const password = await resetPassword(first, 'card-before-restart');
    await first.close(); // before the card was due: its timer goes with the process
    expect(await stored()).toEqual(['card-before-restart']);

    const second = await startHarness({ emulator, connector, store });
    try {
      expect(await second.app.sweepCards()).toBe(0); // not due yet
      await until(async () => (await second.app.sweepCards()) === 1);
      const [update] = updatesOf('card-before-restart');
      expect(JSON.stringify(update.activity)).not.toContain(password);
      expect(JSON.stringify(update.activity)).toMatch(/has been removed from this chat/);
      expect(await stored()).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('is replaced by the start-up sweep of the instance that comes back after it was due', async () => {
    const first = await startHarness({ emulator, connector, store, passwordVisibleMs: 60_000 });
    const password = await resetPassword(first, 'card-due-while-down');
    await first.close();
    // It fell due while no instance was running.
    await sql.query("UPDATE card_replacements SET due_at = now() - interval '1 second'");

    const second = await startHarness({ emulator, connector, store });
    try {
      await until(() => updatesOf('card-due-while-down').length === 1); // no sweep asked for: start-up does it
      expect(JSON.stringify(updatesOf('card-due-while-down')[0].activity)).not.toContain(password);
      await until(async () => (await stored()).length === 0);
    } finally {
      await second.close();
    }
  });

  it('a refused update posts nothing into the chat, not even an error, and is kept to be tried again', async () => {
    const h = await startHarness({ emulator, connector, store, passwordVisibleMs: 100 });
    try {
      connector.refuseUpdates = 10; // before the reset: its card may fall due while the turn is still ending
      const before = connector.sent.length;
      await resetPassword(h, 'card-refused');
      const afterReset = connector.sent.length;
      await until(() => connector.refused === 1);
      await until(() => h.logLines.some((l) => l.includes('proactive.updateFailed')));
      expect(afterReset - before).toBe(1); // the plan card; nothing since
      expect(connector.sent.slice(afterReset)).toEqual([]);
      expect(h.logLines.some((l) => l.includes('turn.failed'))).toBe(false);
      expect(await stored()).toEqual(['card-refused']);
    } finally {
      await h.close();
    }
  });

  it('is replaced once by its own timer, then forgotten', async () => {
    const h = await startHarness({ emulator, connector, store, passwordVisibleMs: 100 });
    try {
      await resetPassword(h, 'card-timer');
      await until(() => updatesOf('card-timer').length === 1);
      await until(async () => (await stored()).length === 0);
      expect(await h.app.sweepCards()).toBe(0);
      expect(updatesOf('card-timer')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});

describe('CardReplacements', () => {
  const message = (activityId: string, tenantId = 'tenant-1') => ({ conversation: { serviceUrl: connector.url, conversation: { id: 'conv-1', tenantId }, channelId: 'msteams' }, activityId });
  const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'The temporary password has been removed from this chat.' }] };
  const options = { retryMs: 50, maxAttempts: 3, leaseMs: 60_000, updateTimeoutMs: 2_000, batch: 5, maxBatches: 20, closeGraceMs: 2_000 };

  /** Replacements through the real Teams messenger, to the fake connector, with short retries. */
  function replacements(cardStore: Store['cardReplacements'] = store.cardReplacements, adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), overrides: Partial<typeof options> = {}) {
    const log = memoryLogger('debug');
    return { log, r: new CardReplacements(cardStore, new TeamsMessenger(adapter, '', store.conversations, log), log, { ...options, ...overrides }) };
  }

  it('tries again when Teams refuses, and succeeds when Teams lets it', async () => {
    const { r } = replacements();
    connector.refuseUpdates = 2;
    await r.schedule(message('refused-twice'), card, 0);
    await until(() => updatesOf('refused-twice').length === 1);
    expect(connector.refused).toBe(2);
    await until(async () => (await stored()).length === 0);
    await r.close();
  });

  it('gives up after its tries, says so in the log, and forgets the card', async () => {
    const { r, log } = replacements();
    connector.refuseUpdates = 10;
    await r.schedule(message('refused-always'), card, 0);
    await until(() => log.lines.some((l) => l.includes('card.notReplaced')));
    expect(log.lines.find((l) => l.includes('card.notReplaced'))).toMatch(/"attempts":3/);
    expect(connector.refused).toBe(3);
    await until(async () => (await stored()).length === 0);
    await r.close();
  });

  it('does not count an update the inbound guard refused as done: it is kept and tried again', async () => {
    // The proactive turn runs through the adapter's middleware; a guard that refuses it never calls the logic.
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    let refuse = 2;
    adapter.use({ onTurn: async (_context, next) => (refuse-- > 0 ? undefined : next()) });
    const { r, log } = replacements(store.cardReplacements, adapter);
    await r.schedule(message('guard-refused'), card, 0);
    await until(() => updatesOf('guard-refused').length === 1);
    expect(log.lines.filter((l) => l.includes('proactive.updateRefused'))).toHaveLength(2);
    await until(async () => (await stored()).length === 0);
    await r.close();
  });

  it('still replaces the card when the store cannot keep it, as long as the process lives', async () => {
    const failing = Object.create(store.cardReplacements) as Store['cardReplacements'];
    failing.schedule = () => Promise.reject(new Error('database unavailable'));
    const { r, log } = replacements(failing);
    await r.schedule(message('not-stored'), card, 0);
    await until(() => updatesOf('not-stored').length === 1);
    expect(log.lines.some((l) => l.includes('card.replacementNotStored'))).toBe(true);
    await r.close();
  });

  it('counts an update that does not answer as failed, and closes without waiting for it', async () => {
    const { r, log } = replacements(store.cardReplacements, undefined, { updateTimeoutMs: 200, closeGraceMs: 300 });
    connector.holdUpdates = true;
    try {
      await r.schedule(message('hanging'), card, 0);
      await until(() => log.lines.some((l) => l.includes('card.updateTimedOut')));
      const started = Date.now();
      await r.close();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await stored()).toEqual(['hanging']); // left for the next sweep
    } finally {
      connector.release();
    }
  });

  it('works through a sweep in batches, each card once, and a failing one does not hold up the rest', async () => {
    for (let i = 0; i < 12; i++) await store.cardReplacements.schedule({ conversation: message('x').conversation, activityId: `due-${String(i).padStart(2, '0')}`, card, delayMs: -1_000 });
    const flaky = Object.create(store.cardReplacements) as Store['cardReplacements'];
    let failures = 1;
    flaky.remove = (claimed) => (failures-- > 0 ? Promise.reject(new Error('store hiccup')) : store.cardReplacements.remove(claimed));
    const { r, log } = replacements(flaky);
    const [a, b] = await Promise.all([r.replaceDue(), r.replaceDue()]); // the second joins the first
    expect([a, b]).toEqual([12, 12]);
    expect(new Set(connector.sent.filter((s) => s.kind === 'update').map((s) => s.activity.id)).size).toBe(12);
    expect(connector.sent.filter((s) => s.kind === 'update')).toHaveLength(12);
    expect(log.lines.filter((l) => l.includes('card.replaceFailed'))).toHaveLength(1);
    expect(await stored()).toHaveLength(1); // the one whose removal failed: once its lease runs out, a later sweep replaces it again (harmless)
    await r.close();
  });
});
