import { readFileSync } from 'node:fs';
import type { Privileges, SingleAccountQuery } from '../../src/directory/directory';
import { createCredential } from '../../src/directory/graph/credential';
import { createGraphClient } from '../../src/directory/graph/graphClient';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { GraphTransport } from '../../src/directory/graph/graphTransport';
import { DirectoryError } from '../../src/errors';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { DEMO_TENANT, people } from '../support/botHarness';
import { crowdedTenant } from '../support/crowdedTenant';

/*
 * The bulk and detail reads over real HTTP against the demo tenant: getDirectGroups, getMailbox, findAccountsMany,
 * getAllPrivileges. Retry-After waits are recorded, not slept.
 */

const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8')) as { users: { id: string; userPrincipalName: string; displayName: string }[] };
const eline = '6a1f3e9b-2c7d-4b8e-a5f0-3d9c1e7b4a02'; // in the role-assignable Privileged IT Admins, no role
const joost = '9c4d7a2e-8b1f-4e6a-b3c5-7e2d9f1a6b03'; // Helpdesk Administrator through Service Desk Admins

let emu: GraphEmulator;
let dir: GraphDirectory;
let waits: number[];
const directoryFor = (e: GraphEmulator) => new GraphDirectory(
  new GraphTransport(createGraphClient({ baseUrl: e.url, credential: createCredential({ kind: 'development' }) })),
  new URL(e.url).origin, { sleep: async (ms) => void waits.push(ms) },
);
beforeAll(async () => {
  emu = await startGraphEmulator({ tenant: DEMO_TENANT });
  dir = directoryFor(emu);
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  waits = [];
});
const batches = () => emu.requestLog.filter((e) => e.path === '/v1.0/$batch');

describe('getDirectGroups', () => {
  test('the direct groups with every Group field, in one read with ordinary consistency', async () => {
    const groups = await dir.getDirectGroups(joost);
    expect(emu.requestLog).toHaveLength(1);
    expect(emu.requestLog[0].path).toBe(`/v1.0/users/${joost}/memberOf/microsoft.graph.group`);
    expect(emu.requestLog[0].query).toEqual({
      $select: 'id,displayName,mail,mailEnabled,securityEnabled,groupTypes,onPremisesSyncEnabled,onPremisesSamAccountName,membershipRule,isAssignableToRole',
      $top: '999',
    });
    expect(emu.requestLog[0].headers.consistencylevel).toBeUndefined();
    const desk = groups.find((g) => g.displayName === 'Service Desk Admins')!;
    expect(desk.isAssignableToRole).toBe(true);
    // The same groups, field for field, as getGroup reads each.
    for (const g of groups) expect(g).toEqual(await dir.getGroup(g.id));
    expect(groups.map((g) => g.id).sort()).toEqual((await dir.getDirectGroupIds(joost)).sort());
  });

  test('every page, or an error: a failed page is never a shorter list', async () => {
    // The first page is spared, the second refused (a rate drawn from this list).
    const draws = [0.9, 0.1];
    const crowded = await startGraphEmulator({ tenant: crowdedTenant(people.hendrik, 1200), random: () => draws.shift() ?? 0.9 });
    try {
      const d = directoryFor(crowded);
      expect((await d.getDirectGroups(people.hendrik)).length).toBeGreaterThan(1200);
      crowded.faults.add({ match: { pathIncludes: '/memberOf/' }, status: 403, rate: 0.5 });
      await expect(d.getDirectGroups(people.hendrik)).rejects.toMatchObject({ code: 'GRAPH_FORBIDDEN' });
      expect(crowded.requestLog.filter((e) => e.path.includes('/memberOf/')).map((e) => e.status).slice(-2)).toEqual([200, 403]);
    } finally {
      await crowded.close();
    }
  });
});

describe('getMailbox', () => {
  test('a licensed user has a "user" mailbox; an unlicensed one none (MailboxNotEnabledForRESTAPI)', async () => {
    expect(await dir.getMailbox('fatima.zahra@fabrikam.nl')).toEqual({ purpose: 'user' });
    expect(decodeURIComponent(emu.requestLog[0].path)).toBe('/v1.0/users/fatima.zahra@fabrikam.nl/mailboxSettings/userPurpose');
    expect(await dir.getMailbox('ruud.kramer@fabrikam.nl')).toBeNull();
  });

  test('"the admin ran Set-Mailbox -Type Shared": the next read says shared', async () => {
    const r = await fetch(`${emu.url}/_simulate/mailbox`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'noah.peeters@fabrikam.nl', userPurpose: 'shared' }) });
    expect(r.status).toBe(200);
    expect(await dir.getMailbox(people.noah)).toEqual({ purpose: 'shared' });
  });

  test('any other failure throws: an unknown user, a refusal, an outage', async () => {
    await expect(dir.getMailbox('nobody@fabrikam.nl')).rejects.toMatchObject({ code: 'GRAPH_NOT_FOUND', graphCode: 'Request_ResourceNotFound' });
    emu.faults.add({ match: { pathIncludes: 'mailboxSettings' }, status: 403 });
    await expect(dir.getMailbox(people.noah)).rejects.toMatchObject({ code: 'GRAPH_FORBIDDEN' });
    emu.faults.add({ match: { pathIncludes: 'mailboxSettings' }, status: 404, code: 'Request_ResourceNotFound' });
    await expect(dir.getMailbox(people.noah)).rejects.toMatchObject({ code: 'GRAPH_NOT_FOUND' });
  });
});

describe('findAccountsMany', () => {
  const queries = (): SingleAccountQuery[] => tenant.users.slice(0, 45).map((u, i) =>
    (i % 3 === 0 ? { by: 'name', value: u.displayName.split(' ')[0] } : { by: 'upnOrMail', value: i % 3 === 1 ? u.userPrincipalName : u.userPrincipalName.toUpperCase() }));

  test('45 look-ups in 3 requests, each answered as findAccounts answers it', async () => {
    const qs = [...queries(), { by: 'upnOrMail' as const, value: 'nobody@fabrikam.nl' }, { by: 'name' as const, value: "O'Brien" }];
    const many = await dir.findAccountsMany(qs, 5);
    expect(batches()).toHaveLength(3);
    expect(emu.requestLog.filter((e) => e.batchRequestId === undefined)).toHaveLength(3);
    emu.reset();
    const one = await Promise.all(qs.map((q) => dir.findAccounts(q, 5)));
    expect(many).toEqual(one);
    expect(many[qs.length - 2]).toEqual([]);
    expect((many[1] as unknown[]).length).toBe(1);
  });

  test('a throttled look-up is sent again after its Retry-After; a refused one is an error in its own slot', async () => {
    const qs = queries().slice(0, 3);
    // Items run in order: the first is throttled, the second refused, the third answered.
    emu.faults.add({ match: { inBatch: true }, status: 429, retryAfterSeconds: 2 });
    emu.faults.add({ match: { inBatch: true }, status: 403 });
    const [first, second, third] = await dir.findAccountsMany(qs, 5);
    expect(waits).toEqual([2_000]);
    expect(emu.requestLog.filter((e) => e.batchRequestId !== undefined).map((e) => e.status)).toEqual([429, 403, 200, 200]);
    expect(first).toEqual(await dir.findAccounts(qs[0], 5));
    expect(second).toBeInstanceOf(DirectoryError);
    expect(second).toMatchObject({ code: 'GRAPH_FORBIDDEN' });
    expect(third).toEqual(await dir.findAccounts(qs[2], 5));
  });

  test('a whole batch that timed out or failed is read again (reads may always go again)', async () => {
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 504 });
    const [r] = await dir.findAccountsMany([{ by: 'upnOrMail', value: tenant.users[0].userPrincipalName }], 1);
    expect((r as { id: string }[]).map((a) => a.id)).toEqual([tenant.users[0].id]);
    expect(batches().map((e) => e.status)).toEqual([504, 200]);
  });
});

describe('getAllPrivileges', () => {
  const sorted = (p: Privileges) => ({
    ...p,
    activeRoleIds: [...p.activeRoleIds].sort(),
    heldRoleIds: [...p.heldRoleIds].sort(),
    roleAssignableGroups: [...p.roleAssignableGroups].sort((a, b) => a.id.localeCompare(b.id)),
  });
  const none = (eligibility: boolean): Privileges => ({ activeRoleIds: [], heldRoleIds: [], roleAssignableGroups: [], eligibilityRead: eligibility });

  test.each([true, false])('agrees with getPrivileges for every user of the demo tenant (eligibility: %s)', async (eligibility) => {
    const all = await dir.getAllPrivileges({ eligibility });
    expect(all.size).toBeGreaterThan(3);
    for (const user of tenant.users) {
      expect([user.userPrincipalName, sorted(all.get(user.id) ?? none(eligibility))]).toEqual([user.userPrincipalName, sorted(await dir.getPrivileges(user.id, { eligibility }))]);
    }
    expect(all.get(eline)?.roleAssignableGroups.map((g) => g.displayName)).toEqual(['Privileged IT Admins']);
    expect(all.has(people.milan)).toBe(false);
  });

  test('a handful of requests, whatever the number of users', async () => {
    await dir.getAllPrivileges({ eligibility: true });
    const demo = emu.requestLog.filter((e) => e.batchRequestId === undefined).length;
    // One $batch for the definitions, eligibilities and role-assignable groups; one for the assignments and members.
    expect(demo).toBe(2);
    const crowded = await startGraphEmulator({ tenant: crowdedTenant(people.hendrik, 1200) });
    try {
      await directoryFor(crowded).getAllPrivileges({ eligibility: true });
      expect(crowded.requestLog.filter((e) => e.batchRequestId === undefined)).toHaveLength(demo);
    } finally {
      await crowded.close();
    }
  });

  test('a role given a moment ago counts', async () => {
    const globalAdmin = emu.state.allDirectoryRoles().find((r) => r.displayName === 'Global Administrator')!;
    emu.state.roleMembers.add(globalAdmin.id, people.milan);
    expect((await dir.getAllPrivileges({ eligibility: true })).get(people.milan)?.activeRoleIds).toEqual([String(globalAdmin.roleTemplateId)]);
  });

  test.each([
    ['the role definitions', 'roleDefinitions', undefined],
    ['the eligibilities', 'roleEligibilityScheduleInstances', undefined],
    ['the role-assignable groups', '/groups', true],
    ['one role’s assignments (a $batch item)', 'roleAssignments', true],
    ['one group’s members (a $batch item)', '/members/', true],
  ])('fails, never answers "nobody", when %s cannot be read', async (_what, pathIncludes, inBatch) => {
    emu.faults.add({ match: { pathIncludes, ...(inBatch === undefined ? {} : { inBatch }) }, status: 403 });
    await expect(dir.getAllPrivileges({ eligibility: true })).rejects.toMatchObject({ code: 'GRAPH_FORBIDDEN' });
  });

  test('a page cut short (no value list) is an error', async () => {
    // Every item of every $batch answers 200 without a value list.
    const send = async (_m: string, _p: string, options: { body: { requests: { id: string }[] } }) => ({
      status: 200, body: { responses: options.body.requests.map((r) => ({ id: r.id, status: 200, body: {} })) }, requestId: 'r', retryAfterMs: null,
    });
    const transport = { call: async () => ({ status: 200, body: {}, requestId: 'r' }), send };
    await expect(new GraphDirectory(transport as never).getAllPrivileges({ eligibility: true })).rejects.toMatchObject({ code: 'GRAPH_INCOMPLETE' });
  });
});
