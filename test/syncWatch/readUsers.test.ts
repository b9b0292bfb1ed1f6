import { readFileSync } from 'node:fs';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { createCredential } from '../../src/directory/graph/credential';
import { createGraphClient } from '../../src/directory/graph/graphClient';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { GraphTransport } from '../../src/directory/graph/graphTransport';
import { DEMO_TENANT, people } from '../support/botHarness';

let emu: GraphEmulator;
let dir: GraphDirectory;

beforeAll(async () => {
  emu = await startGraphEmulator({ tenant: DEMO_TENANT, requireAuth: true });
  const client = createGraphClient({
    baseUrl: emu.url, credential: createCredential({ kind: 'development' }),
    retry: { maxRetries: 2, budgetMs: 8_000, attemptTimeoutMs: 3_000, baseDelayMs: 10 },
  });
  dir = new GraphDirectory(new GraphTransport(client));
});
afterAll(() => emu.close());
beforeEach(() => emu.clearLog());

const topLevel = () => emu.requestLog.filter((e) => !e.batchRequestId);
const SELECT = ['id', 'onPremisesLastSyncDateTime', 'department', 'jobTitle'];

describe('readUsers: many users by id in $batch requests of 20', () => {
  it('reads 45 ids (a few repeated, one unknown) in 3 round trips, each user with only the selected fields', async () => {
    const known = emu.state.allUsers().map((u) => String(u.id));
    const ids = [...Array.from({ length: 44 }, (_, i) => known[i % known.length]), 'a1b2c3d4-0000-4000-8000-000000000000'];
    const unique = new Set(ids).size;
    const users = await dir.readUsers(ids, SELECT);
    expect(topLevel()).toHaveLength(Math.ceil(unique / 20));
    expect(topLevel().every((e) => e.method === 'POST' && e.path.endsWith('/$batch'))).toBe(true);
    expect(users.get('a1b2c3d4-0000-4000-8000-000000000000')).toBeNull();
    const fatima = users.get(people.fatima);
    expect(fatima).toMatchObject({ id: people.fatima, onPremisesLastSyncDateTime: expect.any(String) });
    expect(Object.keys(fatima!).filter((k) => !k.startsWith('@odata')).sort()).toEqual([...SELECT].sort().filter((k) => k in fatima!));
    expect(fatima).not.toHaveProperty('userPrincipalName');
    const items = emu.requestLog.filter((e) => e.batchRequestId);
    expect(items.every((e) => e.method === 'GET' && e.query.$select === SELECT.join(','))).toBe(true);
  });

  it("expands the manager's id when asked", async () => {
    const users = await dir.readUsers([people.milan], SELECT, { managerId: true });
    expect(users.get(people.milan)).toMatchObject({ manager: { id: expect.any(String) } });
  });

  it('leaves out what could not be read (a throttled batch), to be read again later', async () => {
    emu.faults.add({ match: { method: 'POST', pathIncludes: '$batch' }, status: 503, times: 10 });
    const users = await dir.readUsers([people.fatima], SELECT);
    expect(users.has(people.fatima)).toBe(false);
  });

  it("names only properties Graph v1.0's metadata gives the user entity", () => {
    const xml = readFileSync('/work/shared/reference/graph-v1.0-metadata.xml', 'utf8');
    const start = xml.indexOf('<EntityType Name="user" BaseType="graph.directoryObject"');
    const block = xml.slice(start, xml.indexOf('</EntityType>', start));
    for (const name of ['onPremisesLastSyncDateTime', 'department', 'jobTitle', 'businessPhones', 'accountEnabled', 'usageLocation']) {
      expect([name, block.includes(`<Property Name="${name}"`)]).toEqual([name, true]);
    }
    expect(block).toContain('<NavigationProperty Name="manager"');
  });
});
