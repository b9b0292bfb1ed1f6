import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, openStoreOn } from '../../src/store/openStore';
import { PgliteClient } from '../../src/store/pgliteClient';
import { SETUP_TIMEOUT_MS, borrowed, describeStoreContract, truncateStoreTables } from './storeContract';

// One PGlite for the whole file (initdb is the slow part), in a temporary data directory so the durability
// test below can reopen the same files.
const dataDir = join(mkdtempSync(join(tmpdir(), 'store-pglite-')), 'nested', 'data');
let client: PgliteClient;

afterAll(() => rmSync(join(dataDir, '..', '..'), { recursive: true, force: true }));

describeStoreContract('PGlite', {
  open: async () => {
    client = await PgliteClient.open(dataDir);
    return openStoreOn(client, 'pglite');
  },
  openSecond: () => openStoreOn(borrowed(client), 'pglite'),
  reset: () => truncateStoreTables(client),
  sql: () => client,
});

describe('PGlite store on disk', () => {
  it('keeps its data when closed and reopened through openStore', async () => {
    const first = await openStore({ dataDir });
    expect(first.kind).toBe('pglite');
    const record = await first.audit.append({
      actorId: 'a', actorUpn: 'a@x.test', targetId: 't', targetUpn: 't@x.test', operation: 'disable',
      before: { accountEnabled: true }, after: { accountEnabled: false }, outcome: 'applied',
    });
    const plan = await first.plans.create({ actorId: 'a', targetId: 't', conversationId: 'c', payload: { n: 1 }, expiresAt: '2030-01-01T00:00:00.000Z' });
    await first.settings.set('approvalsChannel', { channelId: 'c' });
    await first.close();

    const reopened = await openStore({ dataDir });
    try {
      expect(await reopened.audit.listForTarget('t', 10)).toEqual([record]);
      expect(await reopened.plans.get(plan.id)).toEqual(plan);
      expect(await reopened.settings.get('approvalsChannel')).toEqual({ channelId: 'c' });
    } finally {
      await reopened.close();
    }
  }, SETUP_TIMEOUT_MS);
});
