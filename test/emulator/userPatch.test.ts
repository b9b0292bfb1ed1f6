import { GraphMessages, type GraphEmulator } from '../../src/emulator';
import { call, ids, startTestEmulator } from './emulatorTestKit';

let emu: GraphEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const patch = (id: string, body: unknown) => call(emu, 'PATCH', `/users/${id}`, { body });
const ON_PREM = 'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.';

describe('PATCH /users/{id}: synchronized accounts', () => {
  test('jobTitle on a synced account: 400 Request_BadRequest with Graph’s message', async () => {
    const r = await patch(ids.megan, { jobTitle: 'Head of Marketing' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('Request_BadRequest');
    expect(r.body.error.message).toBe(ON_PREM);
    expect(GraphMessages.onPremisesMastered).toBe(ON_PREM);
    expect(r.body.error.innerError).toEqual({ date: expect.any(String), 'request-id': r.headers.get('request-id'), 'client-request-id': expect.any(String) });
    expect(emu.state.getUser(ids.megan)!.jobTitle).toBe('Marketing Manager');
  });

  test.each([
    ['displayName', 'Megan B.'], ['givenName', 'Meg'], ['surname', 'B'], ['department', 'Sales'], ['companyName', 'Fabrikam'],
    ['officeLocation', '1/1'], ['streetAddress', 'Main St 1'], ['city', 'Utrecht'], ['state', 'UT'], ['postalCode', '1234 AB'],
    ['country', 'Netherlands'], ['businessPhones', ['+31 30 555 0100']], ['mobilePhone', '+31 6 5555 0100'], ['faxNumber', '+1 555'],
    ['employeeId', 'E2'], ['employeeType', 'Contractor'], ['mail', 'meg@contoso.com'], ['mailNickname', 'meg'],
    ['userPrincipalName', 'meg@contoso.com'], ['preferredLanguage', 'nl-NL'], ['employeeHireDate', '2020-01-01T00:00:00Z'],
    ['onPremisesExtensionAttributes', { extensionAttribute1: 'x' }], ['employeeOrgData', { division: 'EMEA' }],
    ['passwordProfile', { password: 'Str0ng!Passw0rd', forceChangePasswordNextSignIn: true }], ['jobTitle', null],
  ])('%s is AD-mastered for a synced user', async (property, value) => {
    const r = await patch(ids.megan, { [property]: value });
    expect([r.status, r.body.error.message]).toEqual([400, ON_PREM]);
  });

  test('a PATCH mixing writable and mastered properties fails as a whole', async () => {
    const r = await patch(ids.megan, { usageLocation: 'NL', accountEnabled: false, jobTitle: 'x' });
    expect(r.status).toBe(400);
    expect(emu.state.getUser(ids.megan)).toMatchObject({ usageLocation: 'US', accountEnabled: true, jobTitle: 'Marketing Manager' });
  });

  test('accountEnabled and usageLocation are cloud-writable for a synced user', async () => {
    const r = await patch(ids.megan, { accountEnabled: false, usageLocation: 'nl' });
    expect(r.status).toBe(204);
    const after = await call(emu, 'GET', `/users/${ids.megan}?$select=accountEnabled,usageLocation`);
    expect(after.body).toMatchObject({ accountEnabled: false, usageLocation: 'NL' });
  });

  test('a once-synced account (onPremisesSyncEnabled false) is cloud-managed', async () => {
    expect((await patch(ids.jose, { jobTitle: 'Senior Analyst' })).status).toBe(204);
  });
});

describe('PATCH /users/{id}: cloud-only accounts', () => {
  test('jobTitle: 204 and a later GET shows it', async () => {
    const r = await patch(ids.alex, { jobTitle: 'Head of Sales' });
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    const after = await call(emu, 'GET', `/users/${ids.alex}`);
    expect(after.body.jobTitle).toBe('Head of Sales');
  });

  test('many properties at once, null clears, annotations are ignored', async () => {
    const r = await patch(ids.alex, {
      '@odata.type': '#microsoft.graph.user', department: 'Sales EMEA', mobilePhone: null, businessPhones: ['+1 858 555 0111'],
      employeeHireDate: '2021-03-01', onPremisesExtensionAttributes: { extensionAttribute3: 'x' },
    });
    expect(r.status).toBe(204);
    expect(emu.state.getUser(ids.alex)).toMatchObject({
      department: 'Sales EMEA', mobilePhone: null, businessPhones: ['+1 858 555 0111'], employeeHireDate: '2021-03-01T00:00:00Z',
      onPremisesExtensionAttributes: { extensionAttribute3: 'x' },
    });
  });

  test('userPrincipalName change keeps the look-up maps right', async () => {
    expect((await patch(ids.alex, { userPrincipalName: 'alex.w@contoso.com', mail: 'alex.w@contoso.com' })).status).toBe(204);
    expect((await call(emu, 'GET', '/users/alex.w@contoso.com?$select=id')).body.id).toBe(ids.alex);
    expect((await call(emu, 'GET', '/users/alex.wilber@contoso.com')).status).toBe(404);
    const byMail = await call(emu, 'GET', "/users?$filter=mail eq 'alex.w@contoso.com'&$select=id");
    expect(byMail.body.value).toEqual([{ id: ids.alex }]);
  });
});

describe('PATCH /users/{id}: Graph-shaped 400s', () => {
  test.each<[string, unknown, string, RegExp]>([
    ['unknown property', { favouriteColour: 'blue' }, 'Request_BadRequest', /^Property 'favouriteColour' does not exist as a declared property or extension property\.$/],
    ['read-only property', { proxyAddresses: ['SMTP:a@contoso.com'] }, 'Request_BadRequest', /^Property 'proxyAddresses' is read-only and cannot be set\.$/],
    ['read-only id', { id: 'x' }, 'Request_BadRequest', /read-only/],
    ['businessPhones not an array', { businessPhones: '+1 555' }, 'Request_BadRequest', /Collection\(Edm\.String\)/],
    ['businessPhones with a number', { businessPhones: [5550100] }, 'Request_BadRequest', /Collection\(Edm\.String\)/],
    ['accountEnabled as a string', { accountEnabled: 'false' }, 'Request_BadRequest', /Edm\.Boolean/],
    ['jobTitle as a number', { jobTitle: 42 }, 'Request_BadRequest', /Edm\.String/],
    ['jobTitle as an object', { jobTitle: { value: 'x' } }, 'Request_BadRequest', /Edm\.String/],
    ['two business phones', { businessPhones: ['+1 1', '+1 2'] }, 'Request_BadRequest', /'businessPhones'/],
    ['usageLocation of three letters', { usageLocation: 'NLD' }, 'Request_BadRequest', /'usageLocation'/],
    ['usageLocation with a digit', { usageLocation: 'N1' }, 'Request_BadRequest', /'usageLocation'/],
    ['jobTitle of 129 characters', { jobTitle: 'x'.repeat(129) }, 'Request_BadRequest', /'jobTitle' of resource 'User'/],
    ['department of 65 characters', { department: 'x'.repeat(65) }, 'Request_BadRequest', /'department'/],
    ['employeeId of 17 characters', { employeeId: '1'.repeat(17) }, 'Request_BadRequest', /'employeeId'/],
    ['postalCode of 41 characters', { postalCode: '1'.repeat(41) }, 'Request_BadRequest', /'postalCode'/],
    ['an empty string', { jobTitle: '' }, 'Request_BadRequest', /'jobTitle'/],
    ['displayName null', { displayName: null }, 'Request_BadRequest', /'displayName'/],
    ['accountEnabled null', { accountEnabled: null }, 'Request_BadRequest', /'accountEnabled'/],
    ['UPN on an unverified domain', { userPrincipalName: 'alex@fabrikam.com' }, 'Request_BadRequest', /verified domain/],
    ['UPN of another user', { userPrincipalName: 'megan.bowen@contoso.com' }, 'Request_BadRequest', /already exists/],
    ['weak password', { passwordProfile: { password: 'password' } }, 'Request_BadRequest', /complexity/],
    ['invalid date', { employeeHireDate: 'yesterday' }, 'Request_BadRequest', /Edm\.DateTimeOffset/],
    ['body is an array', [{ jobTitle: 'x' }], 'BadRequest', /JSON/],
  ])('%s', async (_what, body, code, message) => {
    const r = await patch(ids.alex, body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toMatch(message);
    expect(emu.state.getUser(ids.alex)!.jobTitle).toBe('Sales Representative');
  });

  test('the longest allowed values pass (128 for jobTitle, counted in characters)', async () => {
    expect((await patch(ids.alex, { jobTitle: 'é'.repeat(128) })).status).toBe(204);
  });

  test('invalid JSON is a 400', async () => {
    const r = await call(emu, 'PATCH', `/users/${ids.alex}`, { rawBody: '{"jobTitle": ', headers: { 'Content-Type': 'application/json' } });
    expect([r.status, r.body.error.code]).toEqual([400, 'BadRequest']);
    expect(r.body.error.message).toMatch(/valid JSON/);
  });

  test('unknown user is a 404', async () => {
    expect((await patch('nobody@contoso.com', { jobTitle: 'x' })).status).toBe(404);
  });
});

describe('passwords', () => {
  test('passwordProfile for a cloud-only user: 204, recorded without the password, redacted in the log', async () => {
    emu.clearLog();
    const r = await patch(ids.alex, { passwordProfile: { password: 'Sup3r$ecret!', forceChangePasswordNextSignIn: true } });
    expect(r.status).toBe(204);
    expect(emu.state.getPasswordChanges(ids.alex)).toEqual([{ at: expect.any(String), via: 'passwordProfile', forceChangePasswordNextSignIn: true }]);
    expect(JSON.stringify(emu.state.getUser(ids.alex))).not.toContain('Sup3r$ecret!');
    expect(emu.requestLog[0].body).toEqual({ passwordProfile: { password: '[redacted]', forceChangePasswordNextSignIn: true } });
    expect(JSON.stringify(emu.requestLog)).not.toContain('Sup3r$ecret!');
    const read = await call(emu, 'GET', `/users/${ids.alex}?$select=passwordProfile,lastPasswordChangeDateTime`);
    expect(read.body.passwordProfile).toBeNull();
    expect(read.body.lastPasswordChangeDateTime).toEqual(expect.any(String));
  });

  test('a refused password is not logged either', async () => {
    emu.clearLog();
    await patch(ids.megan, { passwordProfile: { password: 'An0ther$ecret' } });
    expect(JSON.stringify(emu.requestLog)).not.toContain('An0ther$ecret');
  });
});
