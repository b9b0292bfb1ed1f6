import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator } from '../../src/emulator';
import { StartupError } from '../../src/errors';
import { openStore } from '../../src/store';
import { devDataState, resetDevData, tenantStatePath } from '../../scripts/devData';
import { call, ids, TENANT_PATH } from '../emulator/emulatorTestKit';

/** A DATA_DIR as `npm run dev` leaves it: the bot's store with a record in it, and the emulator's changed tenant. */
async function usedDataDir(dataDir: string): Promise<void> {
  const store = await openStore({ dataDir });
  await store.settings.set('approvalsChannel', { id: '19:kept' });
  await store.close();
  const emu = await startGraphEmulator({ tenant: TENANT_PATH, stateFile: tenantStatePath(dataDir) });
  await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'Platform Lead' } });
  await emu.close();
}

let dataDir: string;
beforeEach(() => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'dev-data-')), 'data');
});
afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

describe('npm run dev -- --reset (resetDevData)', () => {
  it('starts the bot\'s history and the emulator\'s tenant over together', async () => {
    await usedDataDir(dataDir);
    expect(devDataState(dataDir)).toEqual({ store: true, tenant: true });

    const removed = resetDevData(dataDir);
    expect(removed).toEqual(expect.arrayContaining(['PG_VERSION', 'graph-emulator-tenant.json']));
    expect(readdirSync(dataDir)).toEqual([]);
    expect(devDataState(dataDir)).toEqual({ store: false, tenant: false });

    const store = await openStore({ dataDir });
    const emu = await startGraphEmulator({ tenant: TENANT_PATH, stateFile: tenantStatePath(dataDir) });
    try {
      expect(await store.settings.get('approvalsChannel')).toBeUndefined();
      expect(emu.restored).toBeNull();
      expect(emu.state.getUser(ids.alex)?.jobTitle).not.toBe('Platform Lead');
    } finally {
      await emu.close();
      await store.close();
    }
  }, 60_000);

  it('refuses while a bot has the directory open, and deletes nothing', async () => {
    await usedDataDir(dataDir);
    const running = await openStore({ dataDir });
    try {
      expect(() => resetDevData(dataDir)).toThrow(StartupError);
      expect(() => resetDevData(dataDir)).toThrow(/in use by another Account Assistant/);
      expect(existsSync(tenantStatePath(dataDir))).toBe(true);
      expect(await running.settings.get('approvalsChannel')).toEqual({ id: '19:kept' });
    } finally {
      await running.close();
    }
  }, 60_000);

  it('refuses a directory that holds anything the bot did not write', async () => {
    await usedDataDir(dataDir);
    writeFileSync(join(dataDir, 'thesis.docx'), 'years of work');
    expect(() => resetDevData(dataDir)).toThrow(/thesis\.docx.*nothing was deleted/);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(tenantStatePath(dataDir))).toBe(true);
  }, 60_000);

  it('a DATA_DIR that does not exist yet is already fresh', () => {
    expect(resetDevData(dataDir)).toEqual([]);
    expect(devDataState(dataDir)).toEqual({ store: false, tenant: false });
  });
});
