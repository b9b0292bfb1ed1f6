import type { Group } from '../../src/directory/directory';
import { findNearGroups, rankGroups } from '../../src/directory/nearGroups';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { DEMO_TENANT } from '../support/botHarness';
import { emulatorDirectory } from '../support/emulatorDirectory';

let emu: GraphEmulator;
let dir: ReturnType<typeof emulatorDirectory>;
beforeAll(async () => {
  emu = await startGraphEmulator({ tenant: DEMO_TENANT });
  dir = emulatorDirectory(emu.url);
});
afterAll(() => emu.close());
beforeEach(() => emu.clearLog());

const group = (id: string, displayName: string): Group => ({
  id, displayName, mail: null, mailEnabled: false, securityEnabled: true, groupTypes: [], onPremisesSyncEnabled: null,
  onPremisesSamAccountName: null, membershipRule: null, isAssignableToRole: false,
});

describe('near group names', () => {
  it.each([
    ['Servce Desk', ['IT Service Desk', 'Service Desk Admins']],
    ['Logistcs Planers', ['Logistics Planners', 'Logistiek Planning']],
    ['Sales Eurpe', ['Sales Europe']],
    ['Tokio Office', ['Tokyo Office']],
  ])('%s → %j first', async (query, expected) => {
    const names = (await findNearGroups(dir, query)).map((g) => g.displayName);
    expect(names.slice(0, expected.length)).toEqual(expected);
    expect(names.length).toBeLessThanOrEqual(5);
  });

  it('asks Graph once, with $search on display names and ConsistencyLevel eventual; never lists all groups', async () => {
    await findNearGroups(dir, 'Servce Desk');
    expect(emu.requestLog).toHaveLength(1);
    const [r] = emu.requestLog;
    expect(r.path).toMatch(/\/groups$/);
    expect(r.status).toBe(200);
    expect(r.query.$search).toBe('"displayName:ser" OR "displayName:des"');
    expect(r.headers.consistencylevel).toBe('eventual');
  });

  it('offers nothing for a name like no group', async () => {
    expect(await findNearGroups(dir, 'Zorblax')).toEqual([]);
  });

  it('ranks by edit distance and leaves out what is too unlike', () => {
    const ranked = rankGroups('Finanse', [group('1', 'Finance Approvers'), group('2', 'Finance'), group('3', 'Facilities')]);
    expect(ranked.map((g) => g.displayName)).toEqual(['Finance', 'Finance Approvers']);
  });

  it('a query word with a quote or backslash reaches Graph escaped, not as syntax', async () => {
    await findNearGroups(dir, 'a"b\\c Desk');
    expect(emu.requestLog.every((r) => r.status === 200)).toBe(true);
  });
});
