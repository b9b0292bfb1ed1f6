import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTenantFixture, parseTenantFixture, startGraphEmulator, TenantFixtureError } from '../../src/emulator';
import { TENANT_PATH } from './emulatorTestKit';

const valid = () => JSON.parse(readFileSync(TENANT_PATH, 'utf8'));

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TenantFixtureError);
    return (e as Error).message;
  }
  throw new Error('expected a TenantFixtureError');
}

describe('tenant fixture validation', () => {
  test('the test tenant loads, with defaults filled in', () => {
    const t = loadTenantFixture(TENANT_PATH);
    expect(t.users).toHaveLength(7);
    expect(t.organization.passwordWritebackEnabled).toBe(false);
    expect(t.groups[0].members).toHaveLength(2);
  });

  test('a minimal tenant is enough', () => {
    const t = parseTenantFixture({ organization: { id: 'o', displayName: 'Mini' }, users: [{ id: 'u', userPrincipalName: 'u@mini.test' }] });
    expect(t.groups).toEqual([]);
    expect(t.organization.verifiedDomains).toEqual([]);
  });

  test.each<[string, (t: ReturnType<typeof valid>) => void, RegExp]>([
    ['missing organization', (t) => delete t.organization, /organization/],
    ['user without id', (t) => delete t.users[0].id, /users\[0\]\.id|users.0.id|id/],
    ['UPN without @', (t) => (t.users[0].userPrincipalName = 'megan'), /userPrincipalName/],
    ['businessPhones not an array', (t) => (t.users[0].businessPhones = '+1 555'), /businessPhones/],
    ['accountEnabled a string', (t) => (t.users[0].accountEnabled = 'yes'), /accountEnabled/],
    ['manager that does not exist', (t) => (t.users[1].manager = 'nobody@contoso.com'), /users\[alex\.wilber@contoso\.com\]\.manager: no user/],
    ['own manager', (t) => (t.users[1].manager = t.users[1].id), /own manager/],
    ['duplicate id', (t) => (t.users[1].id = t.users[0].id), /duplicate id/],
    ['duplicate UPN (any case)', (t) => (t.users[1].userPrincipalName = 'MEGAN.BOWEN@contoso.com'), /duplicate userPrincipalName/],
    ['group member that does not exist', (t) => t.groups[0].members.push('ghost'), /groups\[.*\]\.members: no user or group with id ghost/],
    ['role member that does not exist', (t) => t.directoryRoles[0].members.push('ghost'), /directoryRoles\[.*\]\.members/],
    ['licence of an unknown SKU', (t) => t.users[1].assignedLicenses.push({ skuId: 'nope', disabledPlans: [] }), /unknown skuId nope/],
    ['consumedUnits negative', (t) => (t.subscribedSkus[0].consumedUnits = -1), /consumedUnits/],
  ])('%s is a clear error', (_what, breakIt, message) => {
    const t = valid();
    breakIt(t);
    const text = messageOf(() => parseTenantFixture(t, 'tenant.json'));
    expect(text).toMatch(/^tenant\.json is not a valid tenant file:/);
    expect(text).toMatch(message);
  });

  test('a missing file and a file that is not JSON name the path', () => {
    expect(messageOf(() => loadTenantFixture('/nonexistent/tenant.json'))).toMatch(/Cannot read tenant file \/nonexistent\/tenant\.json/);
    const dir = mkdtempSync(join(tmpdir(), 'tenant-'));
    writeFileSync(join(dir, 'bad.json'), '{ "organization": ');
    expect(messageOf(() => loadTenantFixture(join(dir, 'bad.json')))).toMatch(/bad\.json is not valid JSON/);
  });

  test('startGraphEmulator refuses an invalid tenant object', async () => {
    await expect(startGraphEmulator({ tenant: { users: [] } as never })).rejects.toBeInstanceOf(TenantFixtureError);
  });
});

describe('scripts/emulator.ts', () => {
  test('starts from the command line and prints its URL', async () => {
    const child = spawn(process.execPath, [join(__dirname, '../../node_modules/tsx/dist/cli.mjs'), join(__dirname, '../../scripts/emulator.ts'), '--port', '0', '--tenant', TENANT_PATH], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/v1\.0)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
      });
      const r = await fetch(`${baseUrl}/organization?$select=displayName`);
      expect(((await r.json()) as { value: unknown[] }).value).toEqual([{ displayName: 'Contoso Test' }]);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  test('a bad tenant path exits with a clear message', async () => {
    const child = spawn(process.execPath, [join(__dirname, '../../node_modules/tsx/dist/cli.mjs'), join(__dirname, '../../scripts/emulator.ts'), '--tenant', '/nonexistent.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(/Cannot read tenant file \/nonexistent\.json/);
  }, 60_000);
});
