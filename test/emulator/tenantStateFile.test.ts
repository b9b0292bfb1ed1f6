import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator as startEmulator, TenantFixtureError, type GraphEmulator, type GraphEmulatorOptions } from '../../src/emulator';
import { call, ids, TENANT_PATH } from './emulatorTestKit';

const DEMO_TENANT = join(__dirname, '../../fixtures/demo-tenant.json');
const DAY = 24 * 60 * 60_000;
let dir: string;
let stateFile: string;
/** Every emulator a test starts, closed after it whether it passed or not (close() is idempotent enough to repeat). */
const started: GraphEmulator[] = [];
const startGraphEmulator = async (opts: GraphEmulatorOptions): Promise<GraphEmulator> => {
  const emu = await startEmulator(opts);
  started.push(emu);
  return emu;
};
const startTestEmulator = (opts: Partial<GraphEmulatorOptions> = {}) => startGraphEmulator({ tenant: TENANT_PATH, ...opts });
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'emulator-state-'));
  stateFile = join(dir, 'graph-emulator-tenant.json');
});
afterEach(async () => {
  for (const emu of started.splice(0)) await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Changes of every kind the bot makes: a property, the manager, a group membership, a licence. */
async function changeTenant(emu: GraphEmulator): Promise<void> {
  expect((await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'Platform Lead' } })).status).toBe(204);
  expect((await call(emu, 'PUT', `/users/${ids.alex}/manager/$ref`, { body: { '@odata.id': `${emu.baseUrl}/users/${ids.fatima}` } })).status).toBe(204);
  expect((await call(emu, 'POST', `/groups/${ids.marketing}/members/$ref`, { body: { '@odata.id': `${emu.baseUrl}/directoryObjects/${ids.alex}` } })).status).toBe(204);
  expect((await call(emu, 'POST', `/users/${ids.alex}/assignLicense`, { body: { addLicenses: [{ skuId: ids.e3, disabledPlans: [] }], removeLicenses: [] } })).status).toBe(200);
}

describe('the emulator keeps its tenant in a state file when asked', () => {
  it('a change survives a restart: PATCH, close, start again', async () => {
    const first = await startTestEmulator({ stateFile });
    expect(first.restored).toBeNull();
    await changeTenant(first);
    await first.close();

    const second = await startTestEmulator({ stateFile });
    try {
      expect(second.restored).toMatchObject({ path: stateFile, tenantFileChanged: false });
      expect(second.state.getUser(ids.alex)).toMatchObject({ jobTitle: 'Platform Lead', assignedLicenses: [{ skuId: ids.e3, disabledPlans: [] }] });
      expect(second.state.getManagerId(ids.alex)).toBe(ids.fatima);
      expect(second.state.getGroupMemberIds(ids.marketing)).toEqual([ids.megan, ids.alex]);
      expect(second.state.getSku(ids.e3)).toMatchObject({ consumedUnits: 3 });
      // Everything else is as the tenant file has it.
      const fresh = await startTestEmulator();
      try {
        expect(second.state.getUser(ids.megan)).toEqual(fresh.state.getUser(ids.megan));
        expect(second.state.roleAssignments()).toEqual(fresh.state.roleAssignments());
        expect(second.state.getManagerId(ids.megan)).toBe(fresh.state.getManagerId(ids.megan));
      } finally {
        await fresh.close();
      }
    } finally {
      await second.close();
    }
  });

  it('saves soon after a change (debounced), atomically, before any close', async () => {
    const emu = await startTestEmulator({ stateFile, saveDebounceMs: 20 });
    try {
      expect(existsSync(stateFile)).toBe(false);
      await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { department: 'Platform' } });
      await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { officeLocation: 'Utrecht' } });
      await new Promise((r) => setTimeout(r, 200));
      const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
      expect(saved.tenant.users.find((u: { id: string }) => u.id === ids.alex)).toMatchObject({ department: 'Platform', officeLocation: 'Utrecht' });
      expect(readdirSync(dir)).toEqual(['graph-emulator-tenant.json']);
    } finally {
      await emu.close();
    }
  });

  it('a read or a refused write saves nothing', async () => {
    const emu = await startTestEmulator({ stateFile, saveDebounceMs: 1 });
    await call(emu, 'GET', '/users');
    await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { noSuchProperty: 1 } });
    await emu.close();
    expect(existsSync(stateFile)).toBe(false);
  });

  it('without a state file every start serves the tenant file afresh (as tests expect)', async () => {
    const first = await startTestEmulator();
    await changeTenant(first);
    await first.close();
    const second = await startTestEmulator();
    try {
      expect(second.state.getUser(ids.alex)?.jobTitle).not.toBe('Platform Lead');
      expect(second.restored).toBeNull();
    } finally {
      await second.close();
    }
  });

  it('a tenant with relative dates stands still while the emulator is off: a week later nothing new is stale', async () => {
    const t0 = Date.parse('2026-12-01T10:00:00Z');
    const first = await startGraphEmulator({ tenant: DEMO_TENANT, stateFile, now: () => new Date(t0) });
    const org0 = first.state.organization.onPremisesLastSyncDateTime;
    await call(first, 'PATCH', '/users/noah.peeters@fabrikam.nl', { body: { jobTitle: 'Platform Lead' } });
    await first.close();
    const second = await startGraphEmulator({ tenant: DEMO_TENANT, stateFile, now: () => new Date(t0 + 7 * DAY) });
    try {
      expect(second.state.getUser('noah.peeters@fabrikam.nl')?.jobTitle).toBe('Platform Lead');
      expect(Date.parse(String(second.state.organization.onPremisesLastSyncDateTime)) - Date.parse(String(org0))).toBe(7 * DAY);
    } finally {
      await second.close();
    }
  });

  it('a tenant file edited since the save: the saved state is served, and says so', async () => {
    const tenantPath = join(dir, 'tenant.json');
    writeFileSync(tenantPath, readFileSync(TENANT_PATH, 'utf8'));
    const first = await startGraphEmulator({ tenant: tenantPath, stateFile });
    await call(first, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'Platform Lead' } });
    await first.close();
    writeFileSync(tenantPath, readFileSync(TENANT_PATH, 'utf8').replace('"Contoso Test"', '"Contoso Ltd"'));
    const second = await startGraphEmulator({ tenant: tenantPath, stateFile });
    try {
      expect(second.restored?.tenantFileChanged).toBe(true);
      expect(second.state.getUser(ids.alex)?.jobTitle).toBe('Platform Lead');
    } finally {
      await second.close();
    }
  });

  it('a state saved from another tenant file is not served', async () => {
    const first = await startTestEmulator({ stateFile });
    await call(first, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'Platform Lead' } });
    await first.close();
    const other = await startGraphEmulator({ tenant: DEMO_TENANT, stateFile });
    try {
      expect(other.restored).toBeNull();
      expect(other.otherTenantState).toBe(TENANT_PATH);
      expect(other.state.organization.displayName).toBe('Fabrikam');
    } finally {
      await other.close();
    }
  });

  it('a damaged state file stops the start with its path and the fix', async () => {
    writeFileSync(stateFile, '{"savedBy": "graph-emulator", ');
    await expect(startTestEmulator({ stateFile })).rejects.toThrow(TenantFixtureError);
    await expect(startTestEmulator({ stateFile })).rejects.toThrow(new RegExp(`${stateFile}.*delete it`));
  });
});
