import { readFileSync } from 'node:fs';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { call, ids, startTestEmulator, TENANT_PATH } from './emulatorTestKit';

const NOW = '2026-12-01T09:30:00.250Z';
const EXCHANGE_ENTERPRISE = 'efb87545-963c-4e0d-99df-69c6916d9eb0';
const TEAMS = '57ff2da0-773e-42df-b2af-ffb7a2317929';

let emu: GraphEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ now: () => new Date(NOW) });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const plans = async (id: string) => (await call(emu, 'GET', `/users/${id}?$select=assignedPlans,provisionedPlans,mail`)).body;
const mailboxSettings = (id: string) => call(emu, 'GET', `/users/${id}/mailboxSettings`);
const assign = (id: string, body: unknown) => call(emu, 'POST', `/users/${id}/assignLicense`, { body });

describe('revokeSignInSessions', () => {
  test('sets signInSessionsValidFromDateTime to the emulator’s now and answers the action’s Edm.Boolean', async () => {
    const r = await call(emu, 'POST', `/users/${ids.megan}/revokeSignInSessions`);
    expect([r.status, r.body]).toEqual([200, { '@odata.context': `${emu.baseUrl}/$metadata#Edm.Boolean`, value: true }]);
    const user = await call(emu, 'GET', `/users/${ids.megan}?$select=id,signInSessionsValidFromDateTime`);
    expect(user.body).toMatchObject({ id: ids.megan, signInSessionsValidFromDateTime: '2026-12-01T09:30:00Z' });
    const list = await call(emu, 'GET', `/users?$select=id,signInSessionsValidFromDateTime&$filter=id eq '${ids.megan}'`);
    expect(list.body.value).toEqual([{ id: ids.megan, signInSessionsValidFromDateTime: '2026-12-01T09:30:00Z' }]);
  });

  test('an unknown user is a 404, nothing recorded', async () => {
    const r = await call(emu, 'POST', '/users/00000000-0000-4000-8000-000000000000/revokeSignInSessions');
    expect([r.status, r.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
  });
});

describe('assignedPlans and provisionedPlans follow the licences’ service plans', () => {
  test('a licensed user has the SKU’s plans, Exchange as service "exchange"', async () => {
    const body = await plans(ids.megan);
    expect(body.assignedPlans).toEqual([
      { assignedDateTime: '2020-01-01T00:00:00Z', capabilityStatus: 'Enabled', service: 'exchange', servicePlanId: EXCHANGE_ENTERPRISE },
      { assignedDateTime: '2020-01-01T00:00:00Z', capabilityStatus: 'Enabled', service: 'TeamspaceAPI', servicePlanId: TEAMS },
    ]);
    expect(body.provisionedPlans).toEqual([
      { capabilityStatus: 'Enabled', provisioningStatus: 'Success', service: 'exchange' },
      { capabilityStatus: 'Enabled', provisioningStatus: 'Success', service: 'TeamspaceAPI' },
    ]);
    expect(body.mail).toBe('megan.bowen@contoso.com');
  });

  test('an unlicensed user has none', async () => {
    expect(await plans(ids.alex)).toMatchObject({ assignedPlans: [], provisionedPlans: [] });
  });

  test('assigning a licence adds its plans, dated now; a disabled plan is left out', async () => {
    await assign(ids.alex, { addLicenses: [{ skuId: ids.e3, disabledPlans: [TEAMS] }], removeLicenses: [] });
    expect((await plans(ids.alex)).assignedPlans).toEqual([
      { assignedDateTime: '2026-12-01T09:30:00Z', capabilityStatus: 'Enabled', service: 'exchange', servicePlanId: EXCHANGE_ENTERPRISE },
    ]);
  });

  test('removing a licence keeps its plans as Deleted, as Graph does', async () => {
    await assign(ids.megan, { addLicenses: [], removeLicenses: [ids.e3] });
    const body = await plans(ids.megan);
    expect(body.assignedPlans.map((p: { service: string; capabilityStatus: string }) => [p.service, p.capabilityStatus])).toEqual([
      ['exchange', 'Deleted'], ['TeamspaceAPI', 'Deleted'],
    ]);
    expect(body.provisionedPlans.every((p: { capabilityStatus: string }) => p.capabilityStatus === 'Deleted')).toBe(true);
  });
});

describe('GET /users/{id}/mailboxSettings', () => {
  test('a user with an Exchange Online mailbox plan: 200 with the mailbox’s settings', async () => {
    const r = await mailboxSettings(ids.megan);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      '@odata.context': `${emu.baseUrl}/$metadata#users('${ids.megan}')/mailboxSettings`,
      userPurpose: 'user', timeZone: 'UTC', automaticRepliesSetting: { status: 'disabled' },
    });
    expect((await call(emu, 'GET', `/users/megan.bowen@contoso.com/mailboxSettings`)).status).toBe(200);
  });

  test.each([
    ['no licence', ids.alex],
    ['a guest', ids.adele],
  ])('%s: 404 MailboxNotEnabledForRESTAPI', async (_what, id) => {
    const r = await mailboxSettings(id);
    expect([r.status, r.body.error.code, r.body.error.message]).toEqual([
      404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    ]);
  });

  test('an unknown user is Graph’s usual 404', async () => {
    expect((await mailboxSettings('nobody@contoso.com')).body.error.code).toBe('Request_ResourceNotFound');
  });

  test('the mailbox comes with the licence and goes with it; with Exchange disabled there is none', async () => {
    await assign(ids.alex, { addLicenses: [{ skuId: ids.e3, disabledPlans: [] }], removeLicenses: [] });
    expect((await mailboxSettings(ids.alex)).status).toBe(200);
    await assign(ids.alex, { addLicenses: [{ skuId: ids.e3, disabledPlans: [EXCHANGE_ENTERPRISE] }], removeLicenses: [] });
    expect((await mailboxSettings(ids.alex)).status).toBe(404);
    await assign(ids.megan, { addLicenses: [], removeLicenses: [ids.e3] });
    expect((await mailboxSettings(ids.megan)).status).toBe(404);
  });
});

describe('names and shapes from Graph v1.0’s metadata', () => {
  const xml = readFileSync('/work/shared/reference/graph-v1.0-metadata.xml', 'utf8');
  const declared = (kind: 'ComplexType' | 'EntityType', name: string) => {
    const start = xml.indexOf(`<${kind} Name="${name}"`);
    const block = xml.slice(start, xml.indexOf(`</${kind}>`, start));
    return [...block.matchAll(/<(?:Navigation)?Property Name="(\w+)"/g)].map((m) => m[1]).sort();
  };

  test('user properties, plans and mailboxSettings carry only declared names', async () => {
    const user = declared('EntityType', 'user');
    for (const name of ['assignedPlans', 'provisionedPlans', 'signInSessionsValidFromDateTime', 'mailboxSettings', 'mail']) expect(user).toContain(name);
    const body = await plans(ids.megan);
    expect(Object.keys(body.assignedPlans[0]).sort()).toEqual(declared('ComplexType', 'assignedPlan'));
    expect(Object.keys(body.provisionedPlans[0]).sort()).toEqual(declared('ComplexType', 'provisionedPlan'));
    const settings = (await mailboxSettings(ids.megan)).body;
    expect(Object.keys(settings).filter((k) => !k.startsWith('@')).sort()).toEqual(declared('ComplexType', 'mailboxSettings'));
    expect(Object.keys(settings.automaticRepliesSetting).sort()).toEqual(declared('ComplexType', 'automaticRepliesSetting'));
    expect(Object.keys(settings.workingHours).sort()).toEqual(declared('ComplexType', 'workingHours'));
    expect(Object.keys(settings.language).sort()).toEqual(declared('ComplexType', 'localeInfo'));
    expect(xml).toMatch(/<Action Name="revokeSignInSessions" IsBound="true">\s*<Parameter Name="bindingParameter" Type="graph.user"[^>]*\/>\s*<ReturnType Type="Edm.Boolean"/);
    expect(xml).toMatch(/<Member Name="user" Value="1" \/>\s*<Member Name="linked"/); // userPurpose
  });
});

describe('Exchange without a mailbox', () => {
  test('EXCHANGE_S_FOUNDATION lists an "exchange" plan but brings no mailbox', async () => {
    const tenant = JSON.parse(readFileSync(TENANT_PATH, 'utf8'));
    const powerBi = tenant.subscribedSkus.find((s: { skuId: string }) => s.skuId === ids.powerBi);
    const patrick = tenant.users.find((u: { id: string }) => u.id === ids.patrick);
    patrick.assignedLicenses = [{ skuId: powerBi.skuId, disabledPlans: [] }];
    const own = await startGraphEmulator({ tenant });
    try {
      const r = await call(own, 'GET', `/users/${ids.patrick}?$select=assignedPlans`);
      expect(r.body.assignedPlans.map((p: { service: string }) => p.service)).toContain('exchange');
      expect((await call(own, 'GET', `/users/${ids.patrick}/mailboxSettings`)).status).toBe(404);
    } finally {
      await own.close();
    }
  });
});

describe('the demo tenant', () => {
  let demo: GraphEmulator;
  beforeAll(async () => {
    demo = await startGraphEmulator({ tenant: 'fixtures/demo-tenant.json' });
  });
  afterAll(() => demo.close());

  const status = async (upn: string) => (await call(demo, 'GET', `/users/${upn}/mailboxSettings`)).status;

  test.each([
    ['E5', 'fatima.zahra@fabrikam.nl', 200],
    ['E3', 'noah.peeters@fabrikam.nl', 200],
    ['Exchange Online (Plan 1)', 'willem.post@fabrikam.nl', 200],
    ['no licence, an address all the same', 'yara.elamrani@fabrikam.nl', 404],
    ['no licence', 'ruud.kramer@fabrikam.nl', 404],
  ])('%s: %s → %d', async (_what, upn, expected) => {
    expect(await status(upn)).toBe(expected);
  });

  test('a plan disabled in the licence is not assigned (Lars Nilsson: E3 without Skype for Business Online)', async () => {
    const r = await call(demo, 'GET', '/users/lars.nilsson@fabrikam.nl?$select=assignedPlans');
    const services = r.body.assignedPlans.map((p: { service: string }) => p.service);
    expect(services).toContain('exchange');
    expect(services).not.toContain('MicrosoftCommunicationsOnline');
  });
});

describe('GET /users/{id}/mailboxSettings/userPurpose and POST /_simulate/mailbox', () => {
  const purpose = (id: string) => call(emu, 'GET', `/users/${id}/mailboxSettings/userPurpose`);
  const simulate = async (body: unknown) => {
    const r = await fetch(`${emu.url}/_simulate/mailbox`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  };

  test('one property as Graph serves a property path: {"value": …} with its own context', async () => {
    const r = await purpose(ids.megan);
    expect([r.status, r.body]).toEqual([200, { '@odata.context': `${emu.baseUrl}/$metadata#users('${ids.megan}')/mailboxSettings/userPurpose`, value: 'user' }]);
    expect((await call(emu, 'GET', `/users/${ids.megan}/mailboxSettings/language`)).body).toMatchObject({ locale: 'en-US' });
    expect((await purpose(ids.alex)).body.error.code).toBe('MailboxNotEnabledForRESTAPI');
    expect((await call(emu, 'GET', `/users/${ids.megan}/mailboxSettings/nonsense`)).status).toBe(400);
  });

  test('Set-Mailbox -Type Shared, played: the mailbox reads shared, by UPN or id, and a reset forgets it', async () => {
    expect(await simulate({ user: 'megan.bowen@contoso.com', userPurpose: 'shared' })).toEqual({ status: 200, body: { user: { id: ids.megan, userPurpose: 'shared' } } });
    expect((await purpose(ids.megan)).body.value).toBe('shared');
    expect((await mailboxSettings(ids.megan)).body.userPurpose).toBe('shared');
    await simulate({ user: ids.megan, userPurpose: 'room' });
    expect((await purpose(ids.megan)).body.value).toBe('room');
    emu.reset();
    expect((await purpose(ids.megan)).body.value).toBe('user');
  });

  test.each([
    ['no mailbox', { user: ids.alex, userPurpose: 'shared' }],
    ['an unknown user', { user: 'nobody@contoso.com', userPurpose: 'shared' }],
    ['a value outside userPurpose', { user: ids.megan, userPurpose: 'mailbox' }],
    ['unknownFutureValue (a sentinel, not a kind)', { user: ids.megan, userPurpose: 'unknownFutureValue' }],
    ['an unknown key', { user: ids.megan, userPurpose: 'shared', extra: 1 }],
  ])('refused: %s', async (_what, body) => {
    const r = await simulate(body);
    expect([r.status, r.body.error.code]).toEqual([400, 'Request_BadRequest']);
    expect(r.body.error.message).toMatch(/^Simulated mailbox change refused: /);
    expect((await purpose(ids.megan)).body.value).toBe('user');
  });

  test('a tenant file may set a user’s mailboxSettings.userPurpose', async () => {
    const tenant = JSON.parse(readFileSync(TENANT_PATH, 'utf8'));
    tenant.users.find((u: { id: string }) => u.id === ids.megan).mailboxSettings = { userPurpose: 'equipment' };
    const own = await startGraphEmulator({ tenant });
    try {
      expect((await call(own, 'GET', `/users/${ids.megan}/mailboxSettings/userPurpose`)).body.value).toBe('equipment');
    } finally {
      await own.close();
    }
  });
});

describe('GET /roleManagement/directory/roleDefinitions and the whole eligibility list', () => {
  test('a definition per role the tenant uses, id = template id; eligibilities may be listed unfiltered; assignments may not', async () => {
    const defs = await call(emu, 'GET', '/roleManagement/directory/roleDefinitions?$select=id,templateId,displayName');
    expect(defs.status).toBe(200);
    expect(defs.body.value).toContainEqual({ id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator' });
    expect((await call(emu, 'GET', '/roleManagement/directory/roleEligibilityScheduleInstances?$select=principalId')).status).toBe(200);
    expect((await call(emu, 'GET', '/roleManagement/directory/roleAssignments')).status).toBe(400);
  });
});
