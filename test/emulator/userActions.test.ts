import { PASSWORD_METHOD_ID, type GraphEmulator } from '../../src/emulator';
import { call, ids, startTestEmulator } from './emulatorTestKit';

let emu: GraphEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const ON_PREM = /on-premises mastered Directory Sync objects/;

describe('assignLicense', () => {
  const assign = (id: string, body: unknown) => call(emu, 'POST', `/users/${id}/assignLicense`, { body });

  test('adds a licence: 200 with the user, and one more unit consumed', async () => {
    const r = await assign(ids.alex, { addLicenses: [{ skuId: ids.e3, disabledPlans: [] }], removeLicenses: [] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: ids.alex, displayName: 'Alex Wilber' });
    expect(emu.state.getUser(ids.alex)!.assignedLicenses).toEqual([{ skuId: ids.e3, disabledPlans: [] }]);
    expect(emu.state.getSku(ids.e3)!.consumedUnits).toBe(3);
    const skus = await call(emu, 'GET', '/subscribedSkus');
    expect(skus.body.value.find((s: { skuId: string }) => s.skuId === ids.e3).consumedUnits).toBe(3);
  });

  test('removes a licence of a synced user and frees the unit', async () => {
    expect((await assign(ids.megan, { addLicenses: [], removeLicenses: [ids.e3] })).status).toBe(200);
    expect(emu.state.getUser(ids.megan)!.assignedLicenses).toEqual([]);
    expect(emu.state.getSku(ids.e3)!.consumedUnits).toBe(1);
  });

  test.each<[string, string, unknown, RegExp]>([
    ['no usage location', ids.jose, { addLicenses: [{ skuId: ids.e3 }], removeLicenses: [] }, /^License assignment cannot be done for user with invalid usage location\.$/],
    ['unknown SKU', ids.alex, { addLicenses: [{ skuId: '99999999-0000-4000-8000-000000000000' }], removeLicenses: [] }, /does not correspond to a valid company License/],
    ['no free units', ids.alex, { addLicenses: [{ skuId: ids.powerBi }], removeLicenses: [] }, /does not have any available licenses/],
    ['removing a licence the user lacks', ids.alex, { addLicenses: [], removeLicenses: [ids.e3] }, /does not have a corresponding license/],
    ['skuId not a GUID', ids.alex, { addLicenses: [{ skuId: 'E3' }], removeLicenses: [] }, /Edm\.Guid/],
    ['removeLicenses missing', ids.alex, { addLicenses: [{ skuId: ids.e3 }] }, /removeLicenses/],
  ])('400 for %s, nothing changed', async (_what, userId, body, message) => {
    const before = emu.state.getSku(ids.e3)!.consumedUnits;
    const r = await assign(userId, body);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(message);
    expect(emu.state.getSku(ids.e3)!.consumedUnits).toBe(before);
  });
});

describe('revokeSignInSessions and resetPassword', () => {
  test('revokeSignInSessions: 200 {value: true}, recorded', async () => {
    const r = await call(emu, 'POST', `/users/${ids.megan}/revokeSignInSessions`);
    expect(r.status).toBe(200);
    expect(r.body.value).toBe(true);
    expect(emu.state.getSignInRevocations(ids.megan)).toHaveLength(1);
    expect(emu.state.getUser(ids.megan)!.signInSessionsValidFromDateTime).toEqual(expect.any(String));
  });

  const reset = (id: string, body?: unknown) => call(emu, 'POST', `/users/${id}/authentication/methods/${PASSWORD_METHOD_ID}/resetPassword`, { body });

  test('cloud-only user: 202 with Location, the operation can be read, the password is redacted', async () => {
    emu.clearLog();
    const r = await reset(ids.alex, { newPassword: 'N3w!Passw0rd' });
    expect(r.status).toBe(202);
    const location = r.headers.get('location')!;
    expect(location).toMatch(new RegExp(`/v1.0/users/${ids.alex}/authentication/operations/[0-9a-f-]{36}$`));
    const op = await fetch(location);
    expect(((await op.json()) as { status: string }).status).toBe('succeeded');
    expect(emu.requestLog[0].body).toEqual({ newPassword: '[redacted]' });
    expect(JSON.stringify(emu.requestLog)).not.toContain('N3w!Passw0rd');
  });

  test('cloud-only user without newPassword: a generated one comes back', async () => {
    const r = await reset(ids.alex, {});
    expect(r.status).toBe(202);
    expect(r.body.newPassword).toEqual(expect.any(String));
  });

  test('synced user without password writeback: refused', async () => {
    const r = await reset(ids.megan, { newPassword: 'N3w!Passw0rd' });
    expect([r.status, r.body.error.code]).toEqual([400, 'Request_BadRequest']);
    expect(r.body.error.message).toMatch(ON_PREM);
    expect(emu.state.getPasswordChanges(ids.megan)).toEqual([]);
  });

  test('weak password and unknown method', async () => {
    expect((await reset(ids.alex, { newPassword: 'weak' })).body.error.message).toMatch(/complexity/);
    expect((await call(emu, 'POST', `/users/${ids.alex}/authentication/methods/nope/resetPassword`, { body: {} })).status).toBe(404);
  });
});

describe('tenant reads', () => {
  test('GET /organization with $select (the emulator switch is not a Graph property)', async () => {
    const r = await call(emu, 'GET', '/organization?$select=id,onPremisesSyncEnabled,onPremisesLastSyncDateTime');
    expect(r.body.value).toEqual([{ id: '00000000-0000-0000-0000-0000000000aa', onPremisesSyncEnabled: true, onPremisesLastSyncDateTime: '2026-11-25T07:40:00Z' }]);
    expect(JSON.stringify((await call(emu, 'GET', '/organization')).body)).not.toContain('passwordWritebackEnabled');
  });

  test('GET /directoryRoles and members', async () => {
    const roles = await call(emu, 'GET', '/directoryRoles?$select=displayName,roleTemplateId');
    expect(roles.body.value).toContainEqual({ displayName: 'User Administrator', roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1' });
    const members = await call(emu, 'GET', `/directoryRoles/${ids.userAdministrator}/members?$select=id`);
    expect(members.body.value).toEqual([{ '@odata.type': '#microsoft.graph.user', id: ids.fatima }]);
  });

  test('GET /subscribedSkus', async () => {
    const r = await call(emu, 'GET', '/subscribedSkus?$select=skuId,skuPartNumber,prepaidUnits,consumedUnits');
    expect(r.body.value).toEqual([
      { skuId: ids.e3, skuPartNumber: 'SPE_E3', prepaidUnits: { enabled: 25, suspended: 0, warning: 0 }, consumedUnits: 2 },
      { skuId: ids.powerBi, skuPartNumber: 'POWER_BI_PRO', prepaidUnits: { enabled: 1, suspended: 0, warning: 0 }, consumedUnits: 1 },
    ]);
  });
});
