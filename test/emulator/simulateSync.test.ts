import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphMessages, type GraphEmulator } from '../../src/emulator';
import { describeSync, parseSyncArgs, SyncUsageError } from '../../scripts/sync';
import { call, ids, startTestEmulator } from './emulatorTestKit';

const NOW = new Date('2026-12-03T10:15:00Z');
let emu: GraphEmulator;
beforeEach(async () => {
  emu = await startTestEmulator({ now: () => NOW });
});
afterEach(() => emu.close());

/** `POST {root}/_simulate/sync`: beside /v1.0, with the helper's parsing of the answer. */
async function simulate(body: unknown, headers: Record<string, string> = {}, target: GraphEmulator = emu) {
  const response = await fetch(`${target.url}/_simulate/sync`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('POST /_simulate/sync: a directory sync writes what AD masters', () => {
  test('writes the values and the sync time, as now on the emulator clock, and answers with them', async () => {
    const r = await simulate({ users: [{ id: ids.megan, set: { department: 'Key Accounts', jobTitle: 'Account Lead' } }] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ users: [{ id: ids.megan, department: 'Key Accounts', jobTitle: 'Account Lead', onPremisesLastSyncDateTime: '2026-12-03T10:15:00Z' }] });
    const read = await call(emu, 'GET', `/users/${ids.megan}?$select=department,jobTitle,onPremisesLastSyncDateTime,displayName`);
    expect(read.body).toMatchObject({ department: 'Key Accounts', jobTitle: 'Account Lead', onPremisesLastSyncDateTime: '2026-12-03T10:15:00Z', displayName: 'Megan Bowen' });
  });

  test('a listed user without set only gets the new sync time (a cycle that did not carry the change)', async () => {
    const before = emu.state.getUser(ids.pieter)!;
    const r = await simulate({ users: [{ id: ids.pieter }, { id: ids.megan, set: {} }] });
    expect(r.status).toBe(200);
    expect(r.body.users).toEqual([
      { id: ids.pieter, onPremisesLastSyncDateTime: '2026-12-03T10:15:00Z' },
      { id: ids.megan, onPremisesLastSyncDateTime: '2026-12-03T10:15:00Z' },
    ]);
    expect(emu.state.getUser(ids.pieter)).toEqual({ ...before, onPremisesLastSyncDateTime: '2026-12-03T10:15:00Z' });
    // Users not listed keep theirs.
    expect(emu.state.getUser(ids.fatima)!.onPremisesLastSyncDateTime).toBeUndefined();
  });

  test('accountEnabled, a collection, an extension attribute and the manager (by object id; null removes it)', async () => {
    const r = await simulate({
      users: [
        { id: ids.pieter, set: { accountEnabled: false, businessPhones: ['+31 20 555 0101'], onPremisesExtensionAttributes: { extensionAttribute1: 'KA' }, manager: ids.megan } },
        { id: ids.megan, set: { Manager: null, MOBILEPHONE: null } },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.users[0]).toMatchObject({ accountEnabled: false, businessPhones: ['+31 20 555 0101'], manager: ids.megan });
    expect(r.body.users[0].onPremisesExtensionAttributes).toMatchObject({ extensionAttribute1: 'KA' });
    expect(r.body.users[1]).toEqual({ id: ids.megan, manager: null, mobilePhone: null, onPremisesLastSyncDateTime: '2026-12-03T10:15:00Z' });
    expect(emu.state.getManagerId(ids.pieter)).toBe(ids.megan);
    expect(emu.state.getManagerId(ids.megan)).toBeNull();
    expect(emu.state.getUser(ids.pieter)!.accountEnabled).toBe(false);
  });

  test('a synced user\'s AD-mastered property is still refused by PATCH /v1.0 (the sync does not change Graph)', async () => {
    const patch = await call(emu, 'PATCH', `/users/${ids.megan}`, { body: { department: 'Key Accounts' } });
    expect(patch.status).toBe(400);
    expect(patch.body.error.message).toBe(GraphMessages.onPremisesMastered);
    expect((await simulate({ users: [{ id: ids.megan, set: { department: 'Key Accounts' } }] })).status).toBe(200);
    const again = await call(emu, 'PATCH', `/users/${ids.megan}`, { body: { department: 'Sales' } });
    expect(again.status).toBe(400);
    expect(emu.state.getUser(ids.megan)!.department).toBe('Key Accounts');
  });

  test('needs no token even when the emulator checks them, and is not logged as a Graph request', async () => {
    const strict = await startTestEmulator({ now: () => NOW, requireAuth: true });
    try {
      expect((await simulate({ users: [{ id: ids.megan }] }, {}, strict)).status).toBe(200);
      expect(strict.requestLog).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  test('the route does not exist under /v1.0, nor for other methods or paths', async () => {
    const body = { users: [{ id: ids.megan, set: { department: 'Key Accounts' } }] };
    const r = await call(emu, 'POST', '/_simulate/sync', { body });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("Resource not found for the segment '_simulate'.");
    expect(emu.state.getUser(ids.megan)!.department).toBe('Marketing');
    const get = await fetch(`${emu.url}/_simulate/sync`);
    expect(get.status).toBe(405);
    const other = await fetch(`${emu.url}/_simulate/other`, { method: 'POST', body: '{}' });
    expect(other.status).toBe(400);
  });

  test('the tenant state file saves after a simulated sync, like after any write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-sync-'));
    const stateFile = join(dir, 'tenant.json');
    const kept = await startTestEmulator({ now: () => NOW, stateFile, saveDebounceMs: 0 });
    try {
      expect((await simulate({ users: [{ id: ids.megan, set: { department: 'Key Accounts' } }] }, {}, kept)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
      expect(saved.tenant.users.find((u: { id: string }) => u.id === ids.megan)).toMatchObject({ department: 'Key Accounts', onPremisesLastSyncDateTime: '2026-12-03T10:15:00Z' });
    } finally {
      await kept.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('POST /_simulate/sync: a bad body is a 400 naming the problem, and nothing is written', () => {
  const megan = (set: Record<string, unknown>) => ({ users: [{ id: ids.megan, set }] });
  test.each<[string, unknown, RegExp]>([
    ['no body', undefined, /^Simulated sync refused: body: .*expected object/],
    ['users missing', {}, /users: .*expected array/],
    ['empty users', { users: [] }, /users: no users: list at least one/],
    ['an unknown key beside users', { users: [{ id: ids.megan }], dryRun: true }, /body: Unrecognized key: "dryRun"/],
    ['an unknown key in an item', { users: [{ id: ids.megan, values: {} }] }, /users\[0\]: Unrecognized key: "values"/],
    ['no id', { users: [{ set: { department: 'X' } }] }, /users\[0\]\.id: .*expected string/],
    ['an unknown user id', { users: [{ id: '99999999-0000-4000-8000-000000000000' }] }, /users\[0\]\.id: no user with object id '99999999-0000-4000-8000-000000000000'/],
    ['a UPN instead of an id', { users: [{ id: 'megan.bowen@contoso.com' }] }, /users\[0\]\.id: no user with object id 'megan.bowen@contoso.com' \(an object id; GET/],
    ['a user listed twice', { users: [{ id: ids.megan }, { id: ids.megan.toUpperCase() }] }, /users\[1\]\.id: .* is listed twice/],
    ['a cloud-only user', { users: [{ id: ids.megan }, { id: ids.alex, set: { department: 'X' } }] }, /users\[1\]: alex\.wilber@contoso\.com is not synchronized \(onPremisesSyncEnabled is not true\)/],
    ['a user no longer synced (false)', { users: [{ id: ids.jose }] }, /users\[0\]: jose\.alvarez@contoso\.com is not synchronized/],
    ['an unknown property', megan({ favouriteColour: 'blue' }), /users\[0\]\.set\.favouriteColour: users have no property 'favouriteColour'/],
    ['a property the cloud manages', megan({ usageLocation: 'NL' }), /users\[0\]\.set\.usageLocation: a sync does not write 'usageLocation'/],
    ['the password', megan({ passwordProfile: { password: 'x' } }), /a sync does not write 'passwordProfile'/],
    ['a property set twice', megan({ department: 'A', Department: 'B' }), /users\[0\]\.set\.Department: 'department' is set twice/],
    ['a string as a number', megan({ department: 42 }), /users\[0\]\.set\.department: wrong type: .*expected string, received number/],
    ['a boolean as a string', megan({ accountEnabled: 'false' }), /users\[0\]\.set\.accountEnabled: wrong type: .*expected boolean/],
    ['accountEnabled null', megan({ accountEnabled: null }), /accountEnabled: wrong type/],
    ['a collection as a string', megan({ businessPhones: '+31 20 555 0101' }), /businessPhones: wrong type: .*expected array/],
    ['set not an object', { users: [{ id: ids.megan, set: ['department'] }] }, /users\[0\]\.set: .*expected record/],
    ['a value too long', megan({ department: 'x'.repeat(65) }), /users\[0\]\.set\.department: Invalid value specified for property 'department'/],
    ['an empty string', megan({ jobTitle: '' }), /users\[0\]\.set\.jobTitle: Invalid value specified for property 'jobTitle'/],
    ['a UPN on a domain the tenant has not verified', megan({ userPrincipalName: 'megan@fabrikam.com' }), /The domain portion of the userPrincipalName property is invalid/],
    ['an unknown manager', megan({ manager: '99999999-0000-4000-8000-000000000000' }), /users\[0\]\.set\.manager: no user with object id/],
    ['a cloud-only manager', megan({ manager: ids.alex }), /alex\.wilber@contoso\.com is not synchronized, so AD cannot name them as manager/],
    ['the user as their own manager', megan({ manager: ids.megan }), /cannot be their own manager/],
    ['a manager loop', { users: [{ id: ids.fatima, set: { manager: ids.megan } }] }, /circular manager reference/],
    ['a manager as an object', megan({ manager: { id: ids.fatima } }), /users\[0\]\.set\.manager: wrong type/],
  ])('%s', async (_case, body, message) => {
    const before = emu.state.getUser(ids.megan);
    const r = await simulate(body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('Request_BadRequest');
    expect(r.body.error.message).toMatch(message);
    expect(r.body.error.innerError['request-id']).toEqual(expect.any(String));
    expect(emu.state.getUser(ids.megan)).toEqual(before);
  });

  test('one bad item and none is written, not even the sync time of the good ones', async () => {
    const r = await simulate({ users: [{ id: ids.pieter, set: { department: 'Key Accounts' } }, { id: ids.megan, set: { department: 42 } }] });
    expect(r.status).toBe(400);
    expect(emu.state.getUser(ids.pieter)).toMatchObject({ department: 'Finance' });
    expect(emu.state.getUser(ids.pieter)!.onPremisesLastSyncDateTime).toBeUndefined();
  });

  test('a body that is not JSON gets Graph\'s invalid-JSON 400', async () => {
    const r = await fetch(`${emu.url}/_simulate/sync`, { method: 'POST', body: '{users:' });
    expect(r.status).toBe(400);
    expect((await r.json()).error.message).toBe(GraphMessages.invalidJson);
  });
});

describe('with the sync cycle on, a user synced by the simulator keeps following the cycle', () => {
  test('the next scheduled cycle takes it along instead of leaving it behind', async () => {
    const clock = { at: Date.parse('2026-11-25T07:50:00Z') };
    const cycling = await startTestEmulator({ now: () => new Date(clock.at), syncEveryMinutes: 30 });
    try {
      expect((await simulate({ users: [{ id: ids.megan, set: { department: 'Key Accounts' } }] }, {}, cycling)).body.users[0].onPremisesLastSyncDateTime).toBe('2026-11-25T07:50:00Z');
      clock.at = Date.parse('2026-11-25T08:20:00Z');
      const read = await call(cycling, 'GET', `/users/${ids.megan}?$select=onPremisesLastSyncDateTime`);
      expect(read.body.onPremisesLastSyncDateTime).toBe('2026-11-25T08:10:00Z');
    } finally {
      await cycling.close();
    }
  });
});

describe('npm run sync: the command line', () => {
  test.each<[string, string[], { user: string; set: Record<string, unknown> }]>([
    ['an account alone: a cycle that carries nothing', ['fatima.zahra@fabrikam.nl'], { user: 'fatima.zahra@fabrikam.nl', set: {} }],
    ['a value with spaces (the shell removed the quotes)', ['fatima.zahra@fabrikam.nl', 'jobTitle=Head of Data'], { user: 'fatima.zahra@fabrikam.nl', set: { jobTitle: 'Head of Data' } }],
    ['several, names in any case, the account anywhere', ['department=Key Accounts', 'u-1', 'JOBTITLE=Lead'], { user: 'u-1', set: { department: 'Key Accounts', jobTitle: 'Lead' } }],
    ['a value with =', ['u', 'officeLocation=A=B'], { user: 'u', set: { officeLocation: 'A=B' } }],
    ['an empty value clears', ['u', 'department='], { user: 'u', set: { department: null } }],
    ['booleans', ['u', 'accountEnabled=FALSE'], { user: 'u', set: { accountEnabled: false } }],
    ['collections, comma-separated', ['u', 'proxyAddresses=SMTP:a@x.nl, smtp:b@x.nl'], { user: 'u', set: { proxyAddresses: ['SMTP:a@x.nl', 'smtp:b@x.nl'] } }],
    ['extension attributes and complex keys', ['u', 'extensionAttribute3=KA', 'employeeOrgData.costCenter=4711'], { user: 'u', set: { onPremisesExtensionAttributes: { extensionAttribute3: 'KA' }, employeeOrgData: { costCenter: '4711' } } }],
    ['the manager as typed', ['u', 'Manager=kenji@fabrikam.nl'], { user: 'u', set: { manager: 'kenji@fabrikam.nl' } }],
    ['an unknown name is passed on for the emulator to name', ['u', 'colour=blue'], { user: 'u', set: { colour: 'blue' } }],
  ])('%s', (_case, argv, expected) => {
    expect(parseSyncArgs(argv)).toEqual(expected);
  });

  test.each<[string, string[], RegExp]>([
    ['no account', ['jobTitle=X'], /^Which account\?/],
    ['nothing at all', [], /^Which account\?/],
    ['two accounts (an unquoted value)', ['u', 'jobTitle=Head', 'of'], /One account at a time: 'u' and 'of'.*jobTitle="Head of Data"/],
    ['an option', ['u', '--port'], /Unknown option '--port'/],
    ['not a name', ['u', '=x'], /'' is not a property name/],
    ['not a boolean', ['u', 'accountEnabled=no'], /accountEnabled is true or false, not 'no'/],
    ['a property twice', ['u', 'jobTitle=A', 'jobtitle=B'], /'jobTitle' is given twice/],
  ])('refuses %s with one line', (_case, argv, message) => {
    expect(() => parseSyncArgs(argv)).toThrow(SyncUsageError);
    expect(() => parseSyncArgs(argv)).toThrow(message);
  });

  test('says what changed in one line', () => {
    const at = '2026-12-03T10:15:00Z';
    expect(describeSync('f@x.nl', { jobTitle: 'Data Lead', department: 'Data' }, { id: '1', jobTitle: 'Head of Data', department: 'Data', onPremisesLastSyncDateTime: at }, at))
      .toBe(`Synchronized f@x.nl at ${at}: jobTitle 'Data Lead' → 'Head of Data', department 'Data' (unchanged).`);
    expect(describeSync('f@x.nl', {}, { id: '1', onPremisesLastSyncDateTime: at }, at)).toBe(`Synchronized f@x.nl at ${at}: a cycle that carried no change (only its last sync time moved).`);
    expect(describeSync('f@x.nl', { accountEnabled: true, manager: null }, { id: '1', accountEnabled: false, manager: 'k@x.nl', onPremisesLastSyncDateTime: at }, at))
      .toBe(`Synchronized f@x.nl at ${at}: accountEnabled true → false, manager (none) → 'k@x.nl'.`);
  });
});
