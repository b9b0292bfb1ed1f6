import type { GraphEmulator } from '../../src/emulator';
import { call, ids, startTestEmulator } from './emulatorTestKit';

let emu: GraphEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const ON_PREM = /on-premises mastered Directory Sync objects/;
const ref = (id: string, host = 'https://graph.microsoft.com') => ({ '@odata.id': `${host}/v1.0/users/${id}` });

describe('manager and directReports', () => {
  test('GET manager and its 404 when there is none', async () => {
    const r = await call(emu, 'GET', `/users/${ids.alex}/manager?$select=id,displayName`);
    expect(r.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: ids.fatima, displayName: 'Fatima El Amrani' });
    const none = await call(emu, 'GET', `/users/${ids.fatima}/manager`);
    expect([none.status, none.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
  });

  test.each([
    ['graph.microsoft.com', 'https://graph.microsoft.com'],
    ['a national cloud', 'https://graph.microsoft.us'],
    ['the emulator itself', 'http://127.0.0.1:1'],
  ])('PUT manager/$ref of a cloud-only user, reference on %s', async (_what, host) => {
    const r = await call(emu, 'PUT', `/users/${ids.alex}/manager/$ref`, { body: ref(ids.pieter, host) });
    expect(r.status).toBe(204);
    expect(emu.state.getManagerId(ids.alex)).toBe(ids.pieter);
    const reports = await call(emu, 'GET', `/users/${ids.fatima}/directReports?$select=id`);
    expect(reports.body.value.map((u: { id: string }) => u.id)).not.toContain(ids.alex);
  });

  test('a synced user’s manager is AD-mastered: PUT and DELETE are refused', async () => {
    const put = await call(emu, 'PUT', `/users/${ids.megan}/manager/$ref`, { body: ref(ids.pieter) });
    expect([put.status, put.body.error.code]).toEqual([400, 'Request_BadRequest']);
    expect(put.body.error.message).toMatch(ON_PREM);
    expect((await call(emu, 'DELETE', `/users/${ids.megan}/manager/$ref`)).body.error.message).toMatch(ON_PREM);
    expect(emu.state.getManagerId(ids.megan)).toBe(ids.fatima);
  });

  test.each<[string, unknown, number]>([
    ['unknown manager', ref('00000000-0000-0000-0000-000000000000'), 404],
    ['no @odata.id', { id: ids.pieter }, 400],
    ['not a directory object URL', { '@odata.id': 'https://evil.example/whatever' }, 400],
    ['self', ref(ids.alex), 400],
  ])('PUT manager/$ref: %s', async (_what, body, status) => {
    expect((await call(emu, 'PUT', `/users/${ids.alex}/manager/$ref`, { body })).status).toBe(status);
  });

  test('a manager loop is refused', async () => {
    expect((await call(emu, 'PUT', `/users/${ids.patrick}/manager/$ref`, { body: ref(ids.alex) })).status).toBe(204);
    const r = await call(emu, 'PUT', `/users/${ids.alex}/manager/$ref`, { body: ref(ids.patrick) });
    expect(r.status).toBe(400);
    expect(emu.state.getManagerId(ids.alex)).toBe(ids.fatima);
  });

  test('DELETE manager/$ref of a cloud-only user, then GET is 404', async () => {
    expect((await call(emu, 'DELETE', `/users/${ids.alex}/manager/$ref`)).status).toBe(204);
    expect((await call(emu, 'GET', `/users/${ids.alex}/manager`)).status).toBe(404);
    expect((await call(emu, 'DELETE', `/users/${ids.alex}/manager/$ref`)).status).toBe(404);
  });

  test('directReports lists users with @odata.type', async () => {
    const r = await call(emu, 'GET', `/users/${ids.fatima}/directReports?$select=displayName`);
    expect(r.body.value).toEqual([
      { '@odata.type': '#microsoft.graph.user', displayName: 'Megan Bowen' },
      { '@odata.type': '#microsoft.graph.user', displayName: 'Alex Wilber' },
      { '@odata.type': '#microsoft.graph.user', displayName: "Patrick O'Brien" },
      { '@odata.type': '#microsoft.graph.user', displayName: 'Pieter Bakker' },
    ]);
  });
});

describe('memberOf and transitiveMemberOf', () => {
  const listOf = (r: { body: { value: Record<string, unknown>[] } }) => r.body.value.map((o) => `${o['@odata.type']}:${o.displayName}`);

  test('memberOf: direct groups and directory roles, typed', async () => {
    const r = await call(emu, 'GET', `/users/${ids.alex}/memberOf?$select=id,displayName,roleTemplateId,groupTypes`);
    expect(listOf(r)).toEqual([
      '#microsoft.graph.group:Sales Team', '#microsoft.graph.group:Finance Mail Security', '#microsoft.graph.group:All Employees',
      '#microsoft.graph.directoryRole:Helpdesk Administrator',
    ]);
    const role = r.body.value.find((o: Record<string, unknown>) => o['@odata.type'] === '#microsoft.graph.directoryRole');
    expect(role).toEqual({ '@odata.type': '#microsoft.graph.directoryRole', id: '33333333-3333-4333-8333-000000000002', displayName: 'Helpdesk Administrator', roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' });
    expect(r.body.value[0]).toHaveProperty('groupTypes', []);
    expect(r.body.value[0]).not.toHaveProperty('roleTemplateId');
  });

  test('transitiveMemberOf follows nested groups', async () => {
    const direct = await call(emu, 'GET', `/users/${ids.megan}/memberOf?$select=displayName`);
    const all = await call(emu, 'GET', `/users/${ids.megan}/transitiveMemberOf?$select=displayName`);
    expect(listOf(direct)).not.toContain('#microsoft.graph.group:Commercial');
    expect(listOf(all)).toContain('#microsoft.graph.group:Commercial');
  });

  test.each([
    ['microsoft.graph.directoryRole', ['#microsoft.graph.directoryRole:User Administrator']],
    ['microsoft.graph.group', []],
  ])('memberOf/%s cast', async (cast, expected) => {
    const r = await call(emu, 'GET', `/users/${ids.fatima}/memberOf/${cast}?$select=displayName`);
    expect(listOf(r)).toEqual(expected);
  });

  test('an unknown cast segment is a 400', async () => {
    expect((await call(emu, 'GET', `/users/${ids.fatima}/memberOf/microsoft.graph.banana`)).status).toBe(400);
  });
});

describe('groups', () => {
  test('GET /groups with $filter and $select', async () => {
    const r = await call(emu, 'GET', "/groups?$filter=startswith(displayName,'s') or mailNickname eq 'hqstaff'&$select=id,displayName");
    expect(r.body.value).toEqual([{ id: ids.salesTeam, displayName: 'Sales Team' }, { id: ids.hqStaff, displayName: 'HQ Staff' }]);
    const unified = await call(emu, 'GET', "/groups?$filter=groupTypes/any(c:c eq 'Unified')&$select=displayName");
    expect(unified.body.value).toEqual([{ displayName: 'Marketing' }]);
  });

  test('GET /groups/{id} has no fixture-only members field; /members lists them', async () => {
    const g = await call(emu, 'GET', `/groups/${ids.salesTeam}`);
    expect(g.body).toMatchObject({ id: ids.salesTeam, securityEnabled: true });
    expect(g.body).not.toHaveProperty('members');
    const m = await call(emu, 'GET', `/groups/${ids.commercial}/members?$select=id,displayName`);
    expect(m.body.value).toEqual([{ '@odata.type': '#microsoft.graph.group', id: ids.salesTeam, displayName: 'Sales Team' }]);
  });

  test('add and remove a member of a cloud security group', async () => {
    const add = await call(emu, 'POST', `/groups/${ids.salesTeam}/members/$ref`, { body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${ids.patrick}` } });
    expect(add.status).toBe(204);
    expect(emu.state.getGroupMemberIds(ids.salesTeam)).toContain(ids.patrick);
    const again = await call(emu, 'POST', `/groups/${ids.salesTeam}/members/$ref`, { body: ref(ids.patrick) });
    expect([again.status, again.body.error.code, again.body.error.message]).toEqual([
      400, 'Request_BadRequest', "One or more added object references already exist for the following modified properties: 'members'.",
    ]);
    expect((await call(emu, 'DELETE', `/groups/${ids.salesTeam}/members/${ids.patrick}/$ref`)).status).toBe(204);
    const gone = await call(emu, 'DELETE', `/groups/${ids.salesTeam}/members/${ids.patrick}/$ref`);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
  });

  test('a synced user may join a Microsoft 365 group', async () => {
    expect((await call(emu, 'POST', `/groups/${ids.marketing}/members/$ref`, { body: ref(ids.pieter) })).status).toBe(204);
  });

  test.each<[string, string, number, string, RegExp]>([
    ['synced group', ids.hqStaff, 400, 'Request_BadRequest', ON_PREM],
    ['mail-enabled security group', ids.financeMailSecurity, 400, 'Request_BadRequest', /^Cannot Update a mail-enabled security groups and or distribution list\.$/],
    ['distribution list', ids.newsletter, 400, 'Request_BadRequest', /mail-enabled security groups and or distribution list/],
    ['dynamic group', ids.allEmployees, 403, 'Authorization_RequestDenied', /^Insufficient privileges to complete the operation\.$/],
  ])('membership of a %s is not Graph’s to change', async (_kind, groupId, status, code, message) => {
    for (const r of [
      await call(emu, 'POST', `/groups/${groupId}/members/$ref`, { body: ref(ids.patrick) }),
      await call(emu, 'DELETE', `/groups/${groupId}/members/${ids.patrick}/$ref`),
    ]) {
      expect([r.status, r.body.error.code]).toEqual([status, code]);
      expect(r.body.error.message).toMatch(message);
    }
  });

  test('unknown group or member is a 404', async () => {
    expect((await call(emu, 'POST', '/groups/nope/members/$ref', { body: ref(ids.patrick) })).status).toBe(404);
    expect((await call(emu, 'POST', `/groups/${ids.salesTeam}/members/$ref`, { body: ref('00000000-0000-0000-0000-000000000000') })).status).toBe(404);
  });
});
