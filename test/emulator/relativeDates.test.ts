import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shiftDateTimes, startGraphEmulator } from '../../src/emulator';
import { sourceOfAuthority } from '../../src/sync/sourceOfAuthority';
import { emulatorDirectory } from '../support/emulatorDirectory';
import { call, startTestEmulator } from './emulatorTestKit';

const DEMO_TENANT = join(__dirname, '../../fixtures/demo-tenant.json');
const demo = JSON.parse(readFileSync(DEMO_TENANT, 'utf8')) as { asOf: string; users: { id: string; displayName: string; onPremisesSyncEnabled?: boolean | null }[] };
const DAY = 24 * 60 * 60_000;
/** The one account fixtures/README.md says is meant to read as stale. */
const STALE_EXAMPLE = 'Willem Post';

describe('the demo tenant is true on any day (fixture dates relative to the start)', () => {
  const synced = demo.users.filter((u) => u.onPremisesSyncEnabled === true);

  it.each([['a week', 7], ['a month', 30], ['no time', 0]])('started %s after the file\'s date, only the stale example reads stale', async (_when, days) => {
    const now = new Date(Date.parse(demo.asOf) + days * DAY + 17_000);
    const emu = await startGraphEmulator({ tenant: DEMO_TENANT, now: () => now });
    try {
      // Read as the bot reads them (GraphDirectory over HTTP) and judged by the bot's own sync rule, at that moment.
      const directory = emulatorDirectory(emu.baseUrl);
      const stale: string[] = [];
      for (const u of synced) {
        const account = await directory.getAccount(u.id);
        if (sourceOfAuthority(account!, now).stale) stale.push(u.displayName);
      }
      expect(synced.length).toBeGreaterThan(30);
      expect(stale).toEqual([STALE_EXAMPLE]);
      const org = await directory.getOrganization();
      expect(org).toMatchObject({ onPremisesSyncEnabled: true });
    } finally {
      await emu.close();
    }
  });

  it('puts the tenant\'s last sync minutes before the start, and keeps the file\'s distances between dates', async () => {
    const now = new Date(Date.parse(demo.asOf) + 7 * DAY);
    const emu = await startGraphEmulator({ tenant: DEMO_TENANT, now: () => now });
    try {
      const org = (await call(emu, 'GET', '/organization')).body.value[0];
      expect(Date.parse(org.onPremisesLastSyncDateTime)).toBe(now.getTime() - 5 * 60_000);
      expect(org.onPremisesLastSyncDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
      const willem = emu.state.allUsers().find((u) => u.displayName === STALE_EXAMPLE)!;
      expect(now.getTime() - Date.parse(String(willem.onPremisesLastSyncDateTime))).toBeGreaterThan(6 * DAY);
    } finally {
      await emu.close();
    }
  });

  it.each([['an afternoon', 4 * 60 * 60_000], ['a week', 7 * DAY]])('left running for %s with the sync cycle on (npm run dev), only the stale example reads stale', async (_span, ms) => {
    const clock = { at: Date.parse(demo.asOf) + 2 * DAY };
    const emu = await startGraphEmulator({ tenant: DEMO_TENANT, now: () => new Date(clock.at), syncEveryMinutes: 30 });
    try {
      const directory = emulatorDirectory(emu.baseUrl);
      clock.at += ms;
      const stale: string[] = [];
      for (const u of synced) {
        if (sourceOfAuthority((await directory.getAccount(u.id))!, new Date(clock.at)).stale) stale.push(u.displayName);
      }
      expect(stale).toEqual([STALE_EXAMPLE]);
      const org = await directory.getOrganization();
      expect(clock.at - Date.parse(org.onPremisesLastSyncDateTime!)).toBeLessThan(30 * 60_000);
    } finally {
      await emu.close();
    }
  });

  it('without the cycle (tests) the dates stay as loaded', async () => {
    const clock = { at: Date.parse(demo.asOf) };
    const emu = await startGraphEmulator({ tenant: DEMO_TENANT, now: () => new Date(clock.at) });
    try {
      const before = emu.state.organization.onPremisesLastSyncDateTime;
      clock.at += DAY;
      await call(emu, 'GET', '/organization');
      expect(emu.state.organization.onPremisesLastSyncDateTime).toBe(before);
    } finally {
      await emu.close();
    }
  });

  it('serves a tenant file without asOf as written', async () => {
    const emu = await startTestEmulator({ now: () => new Date('2030-01-01T00:00:00Z') });
    try {
      const org = (await call(emu, 'GET', '/organization?$select=onPremisesLastSyncDateTime')).body.value[0];
      expect(org.onPremisesLastSyncDateTime).toBe('2026-11-25T07:40:00Z');
    } finally {
      await emu.close();
    }
  });
});

describe('shiftDateTimes', () => {
  it.each([
    ['2026-11-25T07:40:00Z', '2026-11-25T08:40:00Z'],
    ['2026-11-25T07:40:00.5Z', '2026-11-25T08:40:00.500Z'],
    ['2026-11-25T07:40:00+01:00', '2026-11-25T07:40:00Z'],
    ['2026-11-25', '2026-11-25'],
    ['Head of Data', 'Head of Data'],
    ['S-1-5-21-2026-11-25T07:40:00Z', 'S-1-5-21-2026-11-25T07:40:00Z'],
  ])('%s → %s (one hour later)', (from, to) => {
    expect(shiftDateTimes({ a: [{ b: from }] }, 60 * 60_000)).toEqual({ a: [{ b: to }] });
  });
});
