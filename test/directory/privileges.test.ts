import { readFileSync } from 'node:fs';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { ROLE } from '../../src/policy/roles';
import { DEMO_TENANT, people } from '../support/botHarness';
import { crowdedTenant } from '../support/crowdedTenant';
import { emulatorDirectory } from '../support/emulatorDirectory';

const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691';
const sven = '0b7e2c1d-5a8f-4e3b-9c6d-2f1a8b7c9d01'; // eligible (PIM) Global Administrator, no active role
const eline = '6a1f3e9b-2c7d-4b8e-a5f0-3d9c1e7b4a02'; // in the role-assignable Privileged IT Admins, no role
const joost = '9c4d7a2e-8b1f-4e6a-b3c5-7e2d9f1a6b03'; // Helpdesk Administrator through Service Desk Admins
const helpdeskRole = 'ad34dcae-bf83-4bf7-81ff-9aa6cd4a475c';

describe('GraphDirectory.getPrivileges: roles read completely, for any number of groups', () => {
  let emu: GraphEmulator;
  let dir: ReturnType<typeof emulatorDirectory>;
  beforeAll(async () => {
    emu = await startGraphEmulator({ tenant: DEMO_TENANT });
    dir = emulatorDirectory(emu.url);
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  it('a role assigned directly: active, tenant-wide', async () => {
    const p = await dir.getPrivileges(people.daan, { eligibility: true });
    expect(p).toEqual({ activeRoleIds: [ROLE.userAdministrator], heldRoleIds: [ROLE.userAdministrator], roleAssignableGroups: [], eligibilityRead: true });
  });

  it('a role held through a role-assignable group counts as the member\'s own', async () => {
    const p = await dir.getPrivileges(joost, { eligibility: true });
    expect(p.activeRoleIds).toEqual([ROLE.helpdeskAdministrator]);
    expect(p.roleAssignableGroups.map((g) => g.displayName)).toEqual(['Service Desk Admins']);
  });

  it('a member of a role-assignable group without a role: no active role, but the membership is reported', async () => {
    const p = await dir.getPrivileges(eline, { eligibility: true });
    expect(p.activeRoleIds).toEqual([]);
    expect(p.roleAssignableGroups.map((g) => g.displayName)).toEqual(['Privileged IT Admins']);
  });

  it('a PIM-eligible role is held (protects) but not active (grants nothing); not read without the setting', async () => {
    const p = await dir.getPrivileges(sven, { eligibility: true });
    expect(p.activeRoleIds).toEqual([]);
    expect(p.heldRoleIds).toEqual([ROLE.globalAdministrator]);
    const without = await dir.getPrivileges(sven, { eligibility: false });
    expect(without.heldRoleIds).toEqual([]);
    expect(emu.requestLog.filter((e) => e.path.includes('roleEligibilityScheduleInstances'))).toHaveLength(1);
  });

  it('a role given a moment ago is there on the next read', async () => {
    expect((await dir.getPrivileges(people.milan, { eligibility: true })).activeRoleIds).toEqual([]);
    const globalAdmin = emu.state.allDirectoryRoles().find((r) => r.roleTemplateId === ROLE.globalAdministrator)!;
    emu.state.roleMembers.add(globalAdmin.id, people.milan);
    expect((await dir.getPrivileges(people.milan, { eligibility: true })).activeRoleIds).toEqual([ROLE.globalAdministrator]);
  });

  it('reads by principal and the direct memberships with ordinary consistency (an advanced query may lag)', async () => {
    emu.requestLog.length = 0;
    await dir.getPrivileges(priya, { eligibility: true });
    const paths = emu.requestLog.map((e) => `${e.method} ${e.path}`);
    expect(paths.some((p) => /\/groups(\?|$)/.test(p) || /transitiveMemberOf/.test(p))).toBe(false);
    const memberships = emu.requestLog.find((e) => e.path.includes('/memberOf/microsoft.graph.group'))!;
    expect(memberships.query).toEqual({ $select: 'id,displayName,isAssignableToRole', $top: '999' });
    expect(memberships.query.$filter).toBeUndefined();
  });

  it('fails, never answers "no role", when a read is refused or throttled past the retry budget', async () => {
    emu.faults.add({ match: { pathIncludes: 'roleAssignments' }, status: 403, times: 1 });
    await expect(dir.getPrivileges(people.hendrik, { eligibility: true })).rejects.toMatchObject({ code: 'GRAPH_FORBIDDEN' });
    emu.faults.add({ match: { pathIncludes: '/memberOf/' }, status: 503, times: 20 });
    await expect(dir.getPrivileges(people.hendrik, { eligibility: true })).rejects.toMatchObject({ code: 'GRAPH_UNAVAILABLE' });
  });

  it('reads the three lists in one request ($batch), and a role through a group in one more', async () => {
    emu.requestLog.length = 0;
    await dir.getPrivileges(people.daan, { eligibility: true });
    const sent = () => emu.requestLog.filter((e) => !e.batchRequestId).map((e) => `${e.method} ${e.path}`);
    expect(sent()).toEqual(['POST /v1.0/$batch']);
    emu.requestLog.length = 0;
    await dir.getPrivileges(joost, { eligibility: true });
    expect(sent()).toEqual(['POST /v1.0/$batch', 'GET /v1.0/roleManagement/directory/roleAssignments']);
  });

  it('an item Graph throttled or failed inside the batch is read again on its own, and its role counts', async () => {
    emu.faults.add({ match: { pathIncludes: 'roleAssignments', inBatch: true }, status: 429, retryAfterSeconds: 0, times: 1 });
    emu.faults.add({ match: { pathIncludes: '/memberOf/', inBatch: true }, status: 500, times: 1 });
    emu.requestLog.length = 0;
    const p = await dir.getPrivileges(joost, { eligibility: true });
    expect(p.activeRoleIds).toEqual([ROLE.helpdeskAdministrator]);
    const alone = emu.requestLog.filter((e) => !e.batchRequestId && e.method === 'GET').map((e) => e.path.split('/').pop());
    expect(alone).toEqual(expect.arrayContaining(['roleAssignments', 'microsoft.graph.group']));
  });

  it('a whole batch throttled or timed out at the gateway is sent again, as a read is', async () => {
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 429, retryAfterSeconds: 0, times: 1 });
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 504, times: 1 });
    const p = await dir.getPrivileges(people.daan, { eligibility: true });
    expect(p.activeRoleIds).toEqual([ROLE.userAdministrator]);
    expect(emu.requestLog.filter((e) => e.path === '/v1.0/$batch').map((e) => e.status)).toEqual([429, 504, 200]);
  });

  it('an item Graph refused fails the read (fail closed), even when the others answered', async () => {
    emu.faults.add({ match: { pathIncludes: 'roleEligibilityScheduleInstances', inBatch: true }, status: 403, times: 1 });
    await expect(dir.getPrivileges(sven, { eligibility: true })).rejects.toMatchObject({ code: 'GRAPH_FORBIDDEN' });
  });

  it('a refused read is an error, not an empty list', async () => {
    emu.faults.add({ match: { pathIncludes: 'roleAssignments' }, status: 404, times: 1 });
    await expect(dir.getPrivileges(people.hendrik, { eligibility: true })).rejects.toMatchObject({ code: 'GRAPH_NOT_FOUND' });
  });

  describe('two people read at the same moment share the round trips', () => {
    // The emulator and directory of the enclosing describe, reset before each test there.
    beforeEach(() => {
      emu.requestLog.length = 0;
    });
    const sent = () => emu.requestLog.filter((e) => !e.batchRequestId).map((e) => `${e.method} ${e.path}`);
    const items = () => emu.requestLog.filter((e) => e.batchRequestId).map((e) => e.path);

    it("the caller's and the target's lists in one $batch, their groups' assignments in one more, each answer its own", async () => {
      const [caller, target] = await Promise.all([dir.getPrivileges(people.daan, { eligibility: false }), dir.getPrivileges(joost, { eligibility: true })]);
      expect(sent()).toEqual(['POST /v1.0/$batch', 'GET /v1.0/roleManagement/directory/roleAssignments']);
      expect(items()).toHaveLength(5);
      const [callerAlone, targetAlone] = [await dir.getPrivileges(people.daan, { eligibility: false }), await dir.getPrivileges(joost, { eligibility: true })];
      expect([caller, target]).toEqual([callerAlone, targetAlone]);
      expect(target.activeRoleIds).toEqual([ROLE.helpdeskAdministrator]);
    });

    it("one person's refused list fails that person's read only; the other's answers", async () => {
      emu.faults.add({ match: { pathIncludes: 'roleEligibilityScheduleInstances', inBatch: true }, status: 403, times: 1 });
      const [caller, target] = await Promise.allSettled([dir.getPrivileges(people.daan, { eligibility: false }), dir.getPrivileges(sven, { eligibility: true })]);
      expect(sent()).toEqual(['POST /v1.0/$batch']);
      expect(caller).toMatchObject({ status: 'fulfilled', value: { activeRoleIds: [ROLE.userAdministrator] } });
      expect(target).toMatchObject({ status: 'rejected', reason: { code: 'GRAPH_FORBIDDEN' } });
    });

    it('a whole batch that fails past its retries fails both reads, never "no role"', async () => {
      emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 503, times: 20 });
      const outcomes = await Promise.allSettled([dir.getPrivileges(people.daan, { eligibility: false }), dir.getPrivileges(joost, { eligibility: true })]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(outcomes.map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(['GRAPH_UNAVAILABLE', 'GRAPH_UNAVAILABLE']);
    });

    it('one person read twice at once (a change to oneself): each list is read once', async () => {
      const [asCaller, asTarget] = await Promise.all([dir.getPrivileges(people.daan, { eligibility: false }), dir.getPrivileges(people.daan, { eligibility: true })]);
      expect(sent()).toEqual(['POST /v1.0/$batch']);
      expect(items()).toHaveLength(3);
      expect(asCaller.activeRoleIds).toEqual(asTarget.activeRoleIds);
      expect([asCaller.eligibilityRead, asTarget.eligibilityRead]).toEqual([false, true]);
    });

    it('reads one after the other are not held back: each goes out at once, in its own batch', async () => {
      await dir.getPrivileges(people.daan, { eligibility: false });
      await dir.getPrivileges(joost, { eligibility: false });
      expect(sent().filter((line) => line.endsWith('$batch'))).toHaveLength(2);
    });
  });
});

describe('GraphDirectory: a Global Administrator in 1,200 groups', () => {
  let emu: GraphEmulator;
  beforeAll(async () => {
    emu = await startGraphEmulator({ tenant: crowdedTenant(people.hendrik, 1200) });
  });
  afterAll(() => emu.close());

  it('keeps the role, in a handful of requests whatever the number of groups', async () => {
    const dir = emulatorDirectory(emu.url);
    emu.requestLog.length = 0;
    const p = await dir.getPrivileges(people.hendrik, { eligibility: true });
    expect(p.activeRoleIds).toContain(ROLE.globalAdministrator);
    expect(p.roleAssignableGroups.map((g) => g.displayName)).toEqual(['Privileged IT Admins']);
    // Own assignments, the memberships' first page and the eligibilities in one $batch; the memberships' second page
    // (999 a page); the one group's assignments.
    expect(emu.requestLog.filter((e) => !e.batchRequestId)).toHaveLength(3);
  });

  it('the emulator pages memberships in an order that does not put roles first', async () => {
    const r = await fetch(`${emu.url}/v1.0/users/${people.hendrik}/transitiveMemberOf?$select=id`);
    const body = (await r.json()) as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
    expect(body['@odata.nextLink']).toBeDefined();
    expect(body.value.every((v) => v['@odata.type'] === '#microsoft.graph.group')).toBe(true);
  });
});

describe('GraphDirectory: lists are complete or an error', () => {
  let emu: GraphEmulator;
  beforeAll(async () => {
    emu = await startGraphEmulator({ tenant: crowdedTenant(people.hendrik, 1200) });
  });
  afterAll(() => emu.close());

  it('follows every page of a long list', async () => {
    const dir = emulatorDirectory(emu.url);
    const ids = await dir.getDirectGroupIds(people.hendrik);
    expect(ids.length).toBeGreaterThan(1200);
  });

  it('the members of a role-assignable group that holds a role are role holders (approvers)', async () => {
    const dir = emulatorDirectory(emu.url);
    const helpdesk = await dir.listRoleMembers([ROLE.helpdeskAdministrator]);
    expect(helpdesk.map((m) => m.id).sort()).toEqual([people.ciaran, joost].sort());
    void helpdeskRole;
  });
});

describe('GraphDirectory.getPrivileges: scopes', () => {
  let emu: GraphEmulator;
  beforeAll(async () => {
    const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8'));
    tenant.roleAssignments = [
      { id: 'ra-au', principalId: people.milan, roleDefinitionId: ROLE.helpdeskAdministrator, directoryScopeId: '/administrativeUnits/3f1c2b7e-0000-4000-8000-000000000001' },
      { id: 'ra-app', principalId: people.milan, roleDefinitionId: ROLE.userAdministrator, directoryScopeId: null, appScopeId: '/' },
    ];
    emu = await startGraphEmulator({ tenant });
  });
  afterAll(() => emu.close());

  it('a role scoped to an administrative unit, or with no directory scope, grants nothing tenant-wide but protects', async () => {
    const p = await emulatorDirectory(emu.url).getPrivileges(people.milan, { eligibility: true });
    expect(p.activeRoleIds).toEqual([]);
    expect(p.heldRoleIds.sort()).toEqual([ROLE.helpdeskAdministrator, ROLE.userAdministrator].sort());
  });
});

/** A Graph stand-in that answers every GET with the same body: for answers the emulator never gives. */
class OneAnswerTransport {
  constructor(private readonly body: unknown) {}
  async call() {
    return { status: 200, body: this.body, requestId: 'r' };
  }
}

describe('GraphDirectory: a malformed or endless list is an error, never a shorter answer', () => {
  it('a page without a value list', async () => {
    const dir = new GraphDirectory(new OneAnswerTransport({}) as never);
    await expect(dir.getPrivileges('u1', { eligibility: false })).rejects.toMatchObject({ code: 'GRAPH_INCOMPLETE' });
  });

  it('a batch answered without a list of responses: each list read on its own, and an error, never a wait', async () => {
    const dir = new GraphDirectory(new OneAnswerTransport({ responses: { not: 'a list' } }) as never);
    const reads = Promise.allSettled([dir.getPrivileges('u1', { eligibility: false }), dir.getPrivileges('u2', { eligibility: true })]);
    expect((await reads).map((r) => (r as PromiseRejectedResult).reason?.code)).toEqual(['GRAPH_INCOMPLETE', 'GRAPH_INCOMPLETE']);
  });

  it('a list that never ends (a next link on every page)', async () => {
    const dir = new GraphDirectory(new OneAnswerTransport({ value: [], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/next' }) as never);
    await expect(dir.getDirectReports('u1')).rejects.toMatchObject({ code: 'GRAPH_INCOMPLETE' });
  });
});
