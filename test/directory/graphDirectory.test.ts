import { readFileSync } from 'node:fs';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { createCredential } from '../../src/directory/graph/credential';
import { createGraphClient } from '../../src/directory/graph/graphClient';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { GraphTransport } from '../../src/directory/graph/graphTransport';
import { DirectoryError } from '../../src/errors';
import { DEMO_TENANT, people } from '../support/botHarness';

let emu: GraphEmulator;
let dir: GraphDirectory;

beforeAll(async () => {
  emu = await startGraphEmulator({ tenant: DEMO_TENANT, requireAuth: true });
  const client = createGraphClient({
    baseUrl: emu.url,
    credential: createCredential({ kind: 'development' }),
    retry: { maxRetries: 2, budgetMs: 8_000, attemptTimeoutMs: 3_000, baseDelayMs: 10 },
  });
  dir = new GraphDirectory(new GraphTransport(client));
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
});

describe('GraphDirectory: the real Graph client over HTTP against the emulator', () => {
  it('reads an account with every onPremises field through $select, with a bearer token and a client-request-id', async () => {
    const a = await dir.getAccount(people.fatima);
    expect(a).toMatchObject({ displayName: 'Fatima Zahra', onPremisesSyncEnabled: true, onPremisesSamAccountName: 'fzahra' });
    const entry = emu.requestLog.at(-1)!;
    expect(entry.query).toHaveProperty('$select');
    expect(entry.hasAuth).toBe(true);
    expect(entry.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns null for an unknown id and never puts raw input into the path', async () => {
    expect(await dir.getAccount('../groups')).toBeNull();
    expect(await dir.getAccount('x?$top=999')).toBeNull();
    expect(emu.requestLog.at(-1)!.path).toContain('%3F');
  });

  it('finds a name with an apostrophe through $filter', async () => {
    const found = await dir.findAccounts({ by: 'name', value: "Siobhán O'Brien" }, 10);
    expect(found.map((a) => a.userPrincipalName)).toContain('siobhan.obrien@fabrikam.nl');
  });

  it('keeps an OData injection attempt inside the literal', async () => {
    const found = await dir.findAccounts({ by: 'name', value: "x' or startswith(displayName,'a" }, 10);
    expect(found).toEqual([]);
  });

  it('maps the synced-account refusal to ACCOUNT_SYNCED, keeping the request-id', async () => {
    const error = await dir.updateAccount(people.fatima, { jobTitle: 'CTO' }).catch((e) => e);
    expect(error).toBeInstanceOf(DirectoryError);
    expect(error).toMatchObject({ code: 'ACCOUNT_SYNCED', status: 400, graphCode: 'Request_BadRequest' });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes a cloud-only account and returns the request-id', async () => {
    const r = await dir.updateAccount(people.noah, { jobTitle: 'Platform Lead' });
    expect(r.requestId).toBeTruthy();
    expect((await dir.getAccount(people.noah))?.jobTitle).toBe('Platform Lead');
  });

  it('retries a throttled read after Retry-After', async () => {
    const fault = emu.faults.add({ match: { method: 'GET', pathIncludes: '/users/' }, status: 429, retryAfterSeconds: 0, times: 1 });
    expect((await dir.getAccount(people.fatima))?.displayName).toBe('Fatima Zahra');
    expect(fault.fired).toBe(1);
  });

  it('gives up within its budget and says the service is unavailable', async () => {
    emu.faults.add({ match: { method: 'GET' }, status: 503, times: 10 });
    await expect(dir.getAccount(people.fatima)).rejects.toMatchObject({ code: 'GRAPH_UNAVAILABLE' });
  });

  it('abandons a hanging write without repeating it, and says it may have landed', async () => {
    emu.faults.add({ match: { method: 'PATCH' }, hang: true, times: 1 });
    await expect(dir.updateAccount(people.noah, { jobTitle: 'X' })).rejects.toMatchObject({ code: 'GRAPH_TIMEOUT', mayHaveLanded: true });
    expect(emu.requestLog.filter((e) => e.method === 'PATCH').length).toBeLessThanOrEqual(1);
  });

  it("reads a user's roles", async () => {
    const { activeRoleIds } = await dir.getPrivileges(people.daan, { eligibility: true });
    expect(activeRoleIds).toContain('fe930be7-5e62-47db-91af-98c3a49a38b1');
  });
});

describe('GraphDirectory: groups, licences, sessions and passwords', () => {
  const itServiceDesk = '5dcc9b76-4ab9-45eb-a025-412aa3e41136';
  const visio = 'c5928f49-12ba-48f7-ada3-0d743a3601d5';

  it('finds a group by its exact name before names that merely start with it', async () => {
    const exact = await dir.findGroups('logistics planners', 5);
    expect(exact.map((g) => g.displayName)).toEqual(['Logistics Planners']);
    const prefix = await dir.findGroups('Logist', 5);
    expect(prefix.map((g) => g.displayName).sort()).toEqual(['Logistics Planners', 'Logistiek Planning']);
    expect(prefix.find((g) => g.displayName === 'Logistiek Planning')).toMatchObject({ onPremisesSyncEnabled: true, onPremisesSamAccountName: 'GG-Logistiek-Planning' });
    expect(await dir.findGroups("O'Brien's team", 5)).toEqual([]);
  });

  it('adds and removes a member; "already a member" and "not a member" are the asked-for state, not errors', async () => {
    await dir.addGroupMember(itServiceDesk, people.milan);
    expect(await dir.getDirectGroupIds(people.milan)).toContain(itServiceDesk);
    await expect(dir.addGroupMember(itServiceDesk, people.milan)).resolves.toBeDefined();
    await dir.removeGroupMember(itServiceDesk, people.milan);
    await expect(dir.removeGroupMember(itServiceDesk, people.milan)).resolves.toBeDefined();
    expect(await dir.getDirectGroupIds(people.milan)).not.toContain(itServiceDesk);
  });

  it('assigns and removes a licence, revokes sessions, sets a temporary password', async () => {
    await dir.assignLicenses(people.noah, [visio], []);
    expect((await dir.getAccount(people.noah))!.assignedLicenses.map((l) => l.skuId)).toContain(visio);
    await dir.assignLicenses(people.noah, [], [visio]);
    expect((await dir.getAccount(people.noah))!.assignedLicenses.map((l) => l.skuId)).not.toContain(visio);
    expect((await dir.revokeSignInSessions(people.noah)).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emu.state.getSignInRevocations(people.noah)).toHaveLength(1);
    await dir.setTemporaryPassword(people.noah, 'Tq7#mVx2pLw9!kRz');
    expect(emu.state.getPasswordChanges(people.noah).at(-1)).toMatchObject({ via: 'passwordProfile', forceChangePasswordNextSignIn: true });
    // The request log keeps no password.
    expect(JSON.stringify(emu.requestLog)).not.toContain('Tq7#mVx2pLw9!kRz');
  });

  it('a synced account\'s password: refused without writeback (ACCOUNT_SYNCED), reset with it', async () => {
    await expect(dir.resetPasswordWithWriteback(people.fatima, 'Tq7#mVx2pLw9!kRz')).rejects.toMatchObject({ code: 'ACCOUNT_SYNCED' });
    const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8'));
    tenant.organization.passwordWritebackEnabled = true;
    const writeback = await startGraphEmulator({ tenant });
    try {
      const client = createGraphClient({ baseUrl: writeback.url, credential: createCredential({ kind: 'development' }), retry: { maxRetries: 0, budgetMs: 8_000, attemptTimeoutMs: 3_000, baseDelayMs: 10 } });
      await new GraphDirectory(new GraphTransport(client)).resetPasswordWithWriteback(people.fatima, 'Tq7#mVx2pLw9!kRz');
      expect(writeback.state.getPasswordChanges(people.fatima).at(-1)).toMatchObject({ via: 'resetPassword' });
    } finally {
      await writeback.close();
    }
  });
});
