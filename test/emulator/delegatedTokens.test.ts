import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { call, type CallResult } from './emulatorTestKit';

/*
 * Delegated mode in the emulator: the local token issuer (`POST /_oauth/token`), the verification of its tokens, and
 * Entra's rules on writes made with them (the signed-in user's active roles against the target, §4 of entra-sync.md),
 * over real HTTP against the demo tenant.
 */

const DEMO_TENANT = join(__dirname, '..', '..', 'fixtures', 'demo-tenant.json');
const TENANT_ID = '645fce36-d422-4336-b5ec-f85a440f37df';
const people = {
  daan: 'c2d4a037-922c-45fd-8286-ec9d58f61fb6', // User Administrator, cloud-only
  milan: 'd6d523e2-b8df-491a-bf02-a6449ef192f5', // no role, cloud-only
  sven: '0b7e2c1d-5a8f-4e3b-9c6d-2f1a8b7c9d01', // Global Administrator through PIM: eligible only
  breakglass: '17cfa68c-7c76-4bbe-9ad5-44615a2efe48', // Global Administrator, cloud-only
  joost: '9c4d7a2e-8b1f-4e6a-b3c5-7e2d9f1a6b03', // Helpdesk Administrator through the role-assignable "Service Desk Admins"
  eline: '6a1f3e9b-2c7d-4b8e-a5f0-3d9c1e7b4a02', // member of the role-assignable "Privileged IT Admins" (no role of her own)
  noah: 'ae49f001-dfc8-4f88-9ff6-7c3274fb8c11', // no role, cloud-only: the ordinary target
  femke: 'a263a32c-8de0-44fe-8711-000f1d948d78', // no role, cloud-only
};
const groups = {
  logisticsPlanners: 'ef6022ab-ebd2-48bd-946d-6040da471d5a', // cloud security group
  privilegedItAdmins: '381ed904-0476-48ae-997f-b5d9d283d193', // role-assignable
};
const GLOBAL_ADMIN_ROLE_OBJECT = '2d48f32e-1dcf-4453-a5f1-031a208c9f43';
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const PASSWORD_METHOD = '28c10230-6103-485e-b985-444c60001490';
const NOW = new Date('2026-12-01T09:30:00.000Z');

let emu: GraphEmulator;
let clock: Date;
beforeAll(async () => {
  clock = NOW;
  emu = await startGraphEmulator({ tenant: DEMO_TENANT, now: () => clock });
});
afterAll(() => emu.close());
beforeEach(() => {
  clock = NOW;
  emu.reset();
});

const as = (userId: string) => ({ Authorization: `Bearer ${emu.issueDelegatedToken(userId)}` });
const APP = { Authorization: 'Bearer development-token' };
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const refused = (r: CallResult) => {
  expect(r.status).toBe(403);
  expect(r.body.error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
};

async function tokenRequest(body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${emu.url}/_oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('the local token issuer', () => {
  test('POST /_oauth/token answers a signed delegated token for a user, with the claims Entra puts in one', async () => {
    const r = await tokenRequest({ userId: people.daan });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    const header = JSON.parse(Buffer.from(r.body.access_token.split('.')[0], 'base64url').toString('utf8'));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    const iat = Math.floor(NOW.getTime() / 1000);
    expect(claimsOf(r.body.access_token)).toEqual({
      aud: 'https://graph.microsoft.com', iss: `${emu.url}/_oauth`, tid: TENANT_ID, oid: people.daan, upn: 'daan.visser@fabrikam.nl',
      scp: 'User.ReadWrite.All Directory.AccessAsUser.All GroupMember.ReadWrite.All LicenseAssignment.ReadWrite.All User-PasswordProfile.ReadWrite.All UserAuthenticationMethod.ReadWrite.All',
      iat, exp: iat + 3600,
    });
  });

  test('a userPrincipalName names the user too; the token carries the object id', async () => {
    const r = await tokenRequest({ userId: 'Milan.Kowalski@fabrikam.nl' });
    expect(r.status).toBe(200);
    expect(claimsOf(r.body.access_token).oid).toBe(people.milan);
  });

  test.each([
    ['an unknown user', { userId: 'nobody@fabrikam.nl' }, 404],
    ['no userId', {}, 400],
    ['a userId that is not a string', { userId: 42 }, 400],
    ['an unknown key', { userId: people.daan, password: 'x' }, 400],
  ])('%s: %s', async (_what, body, status) => {
    expect((await tokenRequest(body)).status).toBe(status);
  });

  test('a disabled account gets no token', async () => {
    await call(emu, 'PATCH', `/users/${people.femke}`, { body: { accountEnabled: false }, headers: APP });
    expect((await tokenRequest({ userId: people.femke })).status).toBe(400);
  });

  test('the issuer needs no Graph token (even with requireAuth) and is not in the request log', async () => {
    const strict = await startGraphEmulator({ tenant: DEMO_TENANT, requireAuth: true });
    try {
      const response = await fetch(`${strict.url}/_oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: people.daan }) });
      expect(response.status).toBe(200);
      expect(strict.requestLog).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  test('issueDelegatedToken mints the same kind of token, with a chosen lifetime; an unknown user throws', () => {
    const claims = claimsOf(emu.issueDelegatedToken('daan.visser@fabrikam.nl', { expiresInSeconds: 60 }));
    expect(claims).toMatchObject({ oid: people.daan, exp: claims.iat + 60 });
    expect(() => emu.issueDelegatedToken('nobody')).toThrow(/no user/);
  });
});

describe('tokens are verified', () => {
  const write = (headers: Record<string, string>) => call(emu, 'PATCH', `/users/${people.noah}`, { body: { jobTitle: 'Planner' }, headers });

  test('a token whose claims were changed (another user) is 401 InvalidAuthenticationToken, and nothing is written', async () => {
    const [h, , s] = emu.issueDelegatedToken(people.milan).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claimsOf(emu.issueDelegatedToken(people.milan)), oid: people.breakglass })).toString('base64url');
    const r = await write({ Authorization: `Bearer ${h}.${forged}.${s}` });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('InvalidAuthenticationToken');
    expect(emu.state.getUser(people.noah)!.jobTitle).not.toBe('Planner');
  });

  test('a token with a changed signature is 401', async () => {
    const token = emu.issueDelegatedToken(people.daan);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    expect((await write({ Authorization: `Bearer ${token.slice(0, -2)}${last}${token.at(-1)}` })).status).toBe(401);
  });

  test('an expired token is 401 "Lifetime validation failed"', async () => {
    const headers = { Authorization: `Bearer ${emu.issueDelegatedToken(people.daan, { expiresInSeconds: 60 })}` };
    expect((await write(headers)).status).toBe(204);
    clock = new Date(NOW.getTime() + 60_000);
    const late = await write(headers);
    expect(late.status).toBe(401);
    expect(late.body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: expect.stringMatching(/expired/) });
  });

  test('a token of another emulator (another secret and issuer) is 401, reads included', async () => {
    const other = await startGraphEmulator({ tenant: DEMO_TENANT });
    try {
      const foreign = { Authorization: `Bearer ${other.issueDelegatedToken(people.daan)}` };
      expect((await call(emu, 'GET', `/users/${people.noah}`, { headers: foreign })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  test('the app\'s own token (not a JWT) keeps application permissions: no roles are checked', async () => {
    const r = await call(emu, 'PATCH', `/users/${people.breakglass}`, { body: { jobTitle: 'Break glass' }, headers: APP });
    expect(r.status).toBe(204);
    expect(emu.requestLog.at(-1)).not.toHaveProperty('delegatedUserId');
  });
});

describe('Entra enforces the signed-in user\'s active roles on writes', () => {
  test('a User Administrator changes an ordinary account; the log names the user whose token it carried, never the token', async () => {
    const headers = as(people.daan);
    const r = await call(emu, 'PATCH', `/users/${people.noah}`, { body: { jobTitle: 'Planner' }, headers });
    expect(r.status).toBe(204);
    expect(emu.state.getUser(people.noah)!.jobTitle).toBe('Planner');
    expect(emu.requestLog.at(-1)).toMatchObject({ method: 'PATCH', delegatedUserId: people.daan, hasAuth: true });
    expect(JSON.stringify(emu.requestLog)).not.toContain(headers.Authorization.slice(7));
  });

  test('a user without a role is refused (403 Authorization_RequestDenied) and nothing changes; reads are allowed', async () => {
    refused(await call(emu, 'PATCH', `/users/${people.noah}`, { body: { jobTitle: 'Planner' }, headers: as(people.milan) }));
    expect(emu.state.getUser(people.noah)!.jobTitle).not.toBe('Planner');
    expect((await call(emu, 'GET', `/users/${people.noah}`, { headers: as(people.milan) })).status).toBe(200);
    expect(emu.requestLog.at(-1)).toMatchObject({ method: 'GET', delegatedUserId: people.milan });
  });

  test('a Global Administrator role that is only PIM-eligible grants nothing until it is activated', async () => {
    refused(await call(emu, 'PATCH', `/users/${people.noah}`, { body: { jobTitle: 'Planner' }, headers: as(people.sven) }));
    // Activation: the role becomes an active assignment (here through the app, as PIM would).
    const activated = await call(emu, 'POST', `/directoryRoles/${GLOBAL_ADMIN_ROLE_OBJECT}/members/$ref`, {
      body: { '@odata.id': `${emu.baseUrl}/directoryObjects/${people.sven}` }, headers: APP,
    });
    expect(activated.status).toBe(204);
    expect((await call(emu, 'PATCH', `/users/${people.noah}`, { body: { jobTitle: 'Planner' }, headers: as(people.sven) })).status).toBe(204);
  });

  // [what, actor, method, path, body, allowed]
  const cases: [string, string, string, string, unknown, boolean][] = [
    ['User Admin → Global Admin\'s profile', people.daan, 'PATCH', `/users/${people.breakglass}`, { jobTitle: 'x' }, false],
    ['Global Admin → User Admin\'s profile', people.breakglass, 'PATCH', `/users/${people.daan}`, { jobTitle: 'x' }, true],
    ['User Admin → a role-assignable group member\'s password', people.daan, 'PATCH', `/users/${people.eline}`, { passwordProfile: { password: 'Xy7!pQr2#mNb', forceChangePasswordNextSignIn: true } }, false],
    ['User Admin → an ordinary password', people.daan, 'PATCH', `/users/${people.noah}`, { passwordProfile: { password: 'Xy7!pQr2#mNb', forceChangePasswordNextSignIn: true } }, true],
    ['Helpdesk (through a group) → an ordinary password reset', people.joost, 'POST', `/users/${people.noah}/authentication/methods/${PASSWORD_METHOD}/resetPassword`, {}, true],
    ['Helpdesk → a User Admin\'s password reset', people.joost, 'POST', `/users/${people.daan}/authentication/methods/${PASSWORD_METHOD}/resetPassword`, {}, false],
    ['Helpdesk → an ordinary profile', people.joost, 'PATCH', `/users/${people.noah}`, { jobTitle: 'x' }, false],
    ['Helpdesk → an ordinary sign-out', people.joost, 'POST', `/users/${people.noah}/revokeSignInSessions`, {}, true],
    ['Helpdesk → block an ordinary account (sensitive)', people.joost, 'PATCH', `/users/${people.noah}`, { accountEnabled: false }, false],
    ['no role → sign-out', people.milan, 'POST', `/users/${people.noah}/revokeSignInSessions`, {}, false],
    ['User Admin → licence', people.daan, 'POST', `/users/${people.noah}/assignLicense`, { addLicenses: [], removeLicenses: [E3] }, true],
    ['no role → licence', people.milan, 'POST', `/users/${people.noah}/assignLicense`, { addLicenses: [], removeLicenses: [E3] }, false],
    ['User Admin → manager', people.daan, 'PUT', `/users/${people.femke}/manager/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/users/${people.daan}` }, true],
    ['no role → manager', people.milan, 'DELETE', `/users/${people.noah}/manager/$ref`, undefined, false],
    ['User Admin → a cloud group\'s members', people.daan, 'POST', `/groups/${groups.logisticsPlanners}/members/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${people.noah}` }, true],
    ['User Admin → a role-assignable group\'s members', people.daan, 'POST', `/groups/${groups.privilegedItAdmins}/members/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${people.noah}` }, false],
    ['Global Admin → a role-assignable group\'s members', people.breakglass, 'POST', `/groups/${groups.privilegedItAdmins}/members/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${people.noah}` }, true],
    ['User Admin → a directory role\'s members', people.daan, 'POST', `/directoryRoles/${GLOBAL_ADMIN_ROLE_OBJECT}/members/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${people.noah}` }, false],
  ];
  test.each(cases)('%s', async (_what, actor, method, path, body, allowed) => {
    const r = await call(emu, method, path, { ...(body === undefined ? {} : { body }), headers: as(actor) });
    if (allowed) expect(r.status).toBeLessThan(300);
    else refused(r);
    expect(emu.requestLog.at(-1)).toMatchObject({ delegatedUserId: actor, status: r.status });
  });

  test('a write to a user that does not exist is the route\'s 404, not a refusal', async () => {
    expect((await call(emu, 'PATCH', '/users/nobody@fabrikam.nl', { body: { jobTitle: 'x' }, headers: as(people.milan) })).status).toBe(404);
  });

  test('an owner of a group manages its members without a role', async () => {
    const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8'));
    const group = tenant.groups.find((g: { id: string }) => g.id === groups.logisticsPlanners);
    group.owners = [people.milan];
    const owned = await startGraphEmulator({ tenant });
    try {
      const r = await fetch(`${owned.baseUrl}/groups/${groups.logisticsPlanners}/members/$ref`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${owned.issueDelegatedToken(people.milan)}` },
        body: JSON.stringify({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${people.noah}` }),
      });
      expect(r.status).toBe(204);
      // Owners are fixture-only: not served as a group property, and kept in the tenant's snapshot.
      expect(owned.state.getGroup(groups.logisticsPlanners)).not.toHaveProperty('owners');
      expect((owned.state.snapshot(null).groups ?? []).find((g) => g.id === groups.logisticsPlanners)).toMatchObject({ owners: [people.milan] });
    } finally {
      await owned.close();
    }
  });

  test('in a $batch every item is judged on its own, under the batch\'s token', async () => {
    const r = await call(emu, 'POST', '/$batch', {
      headers: as(people.daan),
      body: {
        requests: [
          { id: '1', method: 'PATCH', url: `/users/${people.noah}`, headers: { 'Content-Type': 'application/json' }, body: { jobTitle: 'Planner' } },
          { id: '2', method: 'PATCH', url: `/users/${people.breakglass}`, headers: { 'Content-Type': 'application/json' }, body: { jobTitle: 'x' } },
          { id: '3', method: 'GET', url: `/users/${people.breakglass}?$select=id` },
          { id: '4', method: 'POST', url: `/groups/${groups.privilegedItAdmins}/members/$ref`, headers: { 'Content-Type': 'application/json' }, body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${people.noah}` } },
          { id: '5', method: 'POST', url: `/users/${people.noah}/revokeSignInSessions`, headers: { 'Content-Type': 'application/json' }, body: {} },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.responses.map((x: { id: string; status: number }) => [x.id, x.status])).toEqual([['1', 204], ['2', 403], ['3', 200], ['4', 403], ['5', 200]]);
    expect(r.body.responses[1].body.error.code).toBe('Authorization_RequestDenied');
    const items = emu.requestLog.filter((e) => e.batchRequestId !== undefined);
    expect(items).toHaveLength(5);
    expect(items.every((e) => e.delegatedUserId === people.daan)).toBe(true);
    expect(emu.requestLog.find((e) => e.path === '/v1.0/$batch')).toMatchObject({ delegatedUserId: people.daan });
  });

  test('a $batch with a bad token is refused whole (401)', async () => {
    const r = await call(emu, 'POST', '/$batch', {
      headers: { Authorization: `Bearer ${emu.issueDelegatedToken(people.daan, { expiresInSeconds: 0 })}` },
      body: { requests: [{ id: '1', method: 'GET', url: `/users/${people.noah}` }] },
    });
    expect(r.status).toBe(401);
  });
});
