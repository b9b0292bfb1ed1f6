import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { memoryLogger } from '../../src/logger';
import { CardReplacements } from '../../src/assistant/cardReplacements';
import { TeamsMessenger } from '../../src/bot/teamsMessenger';
import { openStore, type Store } from '../../src/store';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { FakeConnector } from '../support/fakeConnector';
import { DEMO_TENANT, startHarness, type Harness } from '../support/botHarness';

// The card that shows a temporary password is replaced by one without it after a few minutes, whatever
// happens to the bot in between: a restart, Teams refusing the update for a while.

const planIdOf = (x: unknown) => JSON.stringify(x).match(/"planId":"([^"]+)"/)?.[1];
const passwordIn = (x: unknown) => JSON.stringify(x).match(/Temporary password: ([^"\\]+)/)?.[1];

let emulator: GraphEmulator;
let connector: FakeConnector;
let store: Store;

beforeAll(async () => {
  emulator = await startGraphEmulator({ tenant: DEMO_TENANT });
  connector = await new FakeConnector().start();
  store = await openStore({ dataDir: 'memory://' });
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
  for (const left of await store.cardReplacements.claimDue(1000, 1)) await store.cardReplacements.remove(left.id);
});

/** An admin resets Noah's password in her 1:1 chat; returns the password the card showed. */
async function resetPassword(h: Harness, cardActivityId: string): Promise<string> {
  const [plan] = await h.say('reset the password of noah.peeters@fabrikam.nl');
  const applied = await h.act('change.apply', { planId: planIdOf(plan.activity) }, undefined, { replyToId: cardActivityId });
  const password = passwordIn(applied.body);
  expect(password).toBeDefined();
  return password!;
}

const updatesOf = (activityId: string) => connector.sent.filter((s) => s.kind === 'update' && s.activity.id === activityId);

describe('the temporary password card', () => {
  it('is replaced after a restart by the instance that comes back, not left in the chat', async () => {
    const first = await startHarness({ emulator, connector, store, passwordVisibleMs: 1_500 });
    const password = await resetPassword(first, 'card-before-restart');
    await first.close(); // before the card was due: its timer goes with the process

    const second = await startHarness({ emulator, connector, store });
    try {
      expect(await second.app.sweepCards()).toBe(0); // not due yet
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      expect(updatesOf('card-before-restart')).toHaveLength(0);
      expect(await second.app.sweepCards()).toBe(1);
      const [update] = updatesOf('card-before-restart');
      expect(JSON.stringify(update.activity)).not.toContain(password);
      expect(JSON.stringify(update.activity)).toMatch(/has been removed from this chat/);
      expect(await second.app.sweepCards()).toBe(0); // done once, forgotten
    } finally {
      await second.close();
    }
  });

  it('is replaced once by its own timer, and a sweep that comes by later finds nothing to do', async () => {
    const h = await startHarness({ emulator, connector, store, passwordVisibleMs: 100 });
    try {
      await resetPassword(h, 'card-timer');
      await connector.waitFor(connector.sent.length + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(updatesOf('card-timer')).toHaveLength(1);
      expect(await h.app.sweepCards()).toBe(0);
    } finally {
      await h.close();
    }
  });
});

describe('CardReplacements', () => {
  const message = (activityId: string) => ({ conversation: { serviceUrl: connector.url, conversation: { id: 'conv-1' }, channelId: 'msteams' }, activityId });
  const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'The temporary password has been removed from this chat.' }] };

  /** Replacements through the real Teams messenger, to the fake connector, with short retries. */
  function replacements(cardStore: Store['cardReplacements'] = store.cardReplacements) {
    const log = memoryLogger('debug');
    const messenger = new TeamsMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '', store.conversations, log);
    return { log, r: new CardReplacements(cardStore, messenger, log, { retryMs: 50, maxAttempts: 3, leaseMs: 60_000, sweepLimit: 50 }) };
  }

  it('tries again when Teams refuses, and succeeds when Teams lets it', async () => {
    const { r } = replacements();
    connector.refuseUpdates = 2;
    await r.schedule(message('refused-twice'), card, 0);
    await connector.waitFor(1, 5_000);
    expect(connector.refused).toBe(2);
    expect(updatesOf('refused-twice')).toHaveLength(1);
    expect(await r.replaceDue()).toBe(0);
    r.close();
  });

  it('gives up after its tries, says so in the log, and forgets the card', async () => {
    const { r, log } = replacements();
    connector.refuseUpdates = 10;
    await r.schedule(message('refused-always'), card, 0);
    const deadline = Date.now() + 5_000;
    while (!log.lines.some((l) => l.includes('card.notReplaced')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.lines.find((l) => l.includes('card.notReplaced'))).toMatch(/"attempts":3/);
    expect(connector.refused).toBe(3);
    expect(await store.cardReplacements.claimDue(10, 60_000)).toEqual([]);
    r.close();
  });

  it('still replaces the card when the store cannot keep it, as long as the process lives', async () => {
    const failing = Object.create(store.cardReplacements) as Store['cardReplacements'];
    failing.schedule = () => Promise.reject(new Error('database unavailable'));
    const { r, log } = replacements(failing);
    await r.schedule(message('not-stored'), card, 0);
    await connector.waitFor(1, 5_000);
    expect(updatesOf('not-stored')).toHaveLength(1);
    expect(log.lines.some((l) => l.includes('card.replacementNotStored'))).toBe(true);
    r.close();
  });
});
