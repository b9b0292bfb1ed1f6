import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { openStore } from '../../src/store/openStore';
import { PostgresClient } from '../../src/store/postgresClient';
import { DEMO_TENANT, people, TENANT_ID } from '../support/botHarness';
import { FakeConnector } from '../support/fakeConnector';
import { startBot } from '../support/spawnBot';

const baseUrl = process.env.TEST_DATABASE_URL;
const noor = '1c580610-a05b-4fe7-8778-1facee361fbf';

function inSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

if (!baseUrl) {
  console.warn('Skipping the two-instance test: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test).');
  describe.skip('two bot instances sharing PostgreSQL (needs TEST_DATABASE_URL)', () => {
    it('applies a decision once', () => undefined);
  });
} else {
  describe('two bot processes sharing one PostgreSQL database', () => {
    const schema = `test_two_${randomBytes(6).toString('hex')}`;
    const admin = PostgresClient.connect(baseUrl);
    const databaseUrl = inSchema(baseUrl, schema);
    let emulator: GraphEmulator;
    let connector: FakeConnector;
    let bots: { child: ChildProcess; url: string }[] = [];

    beforeAll(async () => {
      await admin.query(`CREATE SCHEMA ${schema}`);
      emulator = await startGraphEmulator({ tenant: DEMO_TENANT });
      connector = await new FakeConnector().start();
      const env = { GRAPH_URL: emulator.url, TENANT_ID, DATABASE_URL: databaseUrl };
      // Both start at once: their migrations race, and the advisory lock must make that safe.
      bots = await Promise.all([startBot(env), startBot(env)]);
    }, 120_000);

    afterAll(async () => {
      for (const bot of bots) bot.child.kill('SIGTERM');
      await Promise.all(bots.map((b) => new Promise((resolve) => (b.child.exitCode !== null ? resolve(null) : b.child.once('exit', resolve)))));
      await connector?.stop();
      await emulator?.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    });

    const activity = (type: string, from: string, extra: Record<string, unknown>) => ({
      type, id: randomUUID(), channelId: 'msteams', serviceUrl: connector.url, timestamp: new Date().toISOString(), locale: 'en-US',
      from: { id: `29:${from}`, aadObjectId: from, name: 'Test user' },
      recipient: { id: '28:bot', name: 'Account Assistant' },
      conversation: { id: `conv-${from}`, conversationType: 'personal', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID } },
      ...extra,
    });
    const post = async (url: string, body: unknown) => {
      const r = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    };
    const act = (url: string, from: string, verb: string, data: unknown) =>
      post(url, activity('invoke', from, { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }));

    it('approvals sent to both instances at once: one Graph write, one audit record', async () => {
      const [a, b] = bots;
      // Each approver has chatted with a different instance; the shared store knows both chats.
      await post(a.url, activity('message', people.daan, { text: 'help' }));
      await post(b.url, activity('message', people.hendrik, { text: 'help' }));
      await connector.waitFor(2, 20_000);

      const submitted = await act(a.url, noor, 'request.submit', { reportId: people.milan, property: 'department', value: 'Two Instances', reason: 'Race test', effectiveDate: '' });
      const requestId = JSON.stringify(submitted.body).match(/"requestId":"([^"]+)"/)![1];
      emulator.clearLog();

      const [viaA, viaB] = await Promise.all([
        act(a.url, people.daan, 'request.approve', { requestId }),
        act(b.url, people.hendrik, 'request.approve', { requestId }),
      ]);
      // The winner answers with the decided card; the loser is told it was decided (with the outcome, if the
      // winner had finished by then).
      const answers = [JSON.stringify(viaA.body), JSON.stringify(viaB.body)];
      expect(answers.filter((x) => /Already decided: Approved by/.test(x))).toHaveLength(1);
      expect(answers.filter((x) => !/Already decided/.test(x) && /and applied/.test(x))).toHaveLength(1);

      expect(emulator.requestLog.filter((e) => e.method === 'PATCH')).toHaveLength(1);
      expect(emulator.state.getUser(people.milan)?.department).toBe('Two Instances');
      const store = await openStore({ databaseUrl });
      try {
        const records = (await store.audit.listForTarget(people.milan, 10)).filter((r) => r.requestId === requestId);
        expect(records).toHaveLength(1);
        expect((await store.requests.get(requestId))?.state).toBe('applied');
      } finally {
        await store.close();
      }
    }, 120_000);
  });
}
