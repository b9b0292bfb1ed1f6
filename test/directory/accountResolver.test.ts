import { resolveAccount } from '../../src/directory/accountResolver';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { DEMO_TENANT, people } from '../support/botHarness';
import { emulatorDirectory } from '../support/emulatorDirectory';

let emu: GraphEmulator;
let dir: ReturnType<typeof emulatorDirectory>;
beforeAll(async () => {
  emu = await startGraphEmulator({ tenant: DEMO_TENANT });
  dir = emulatorDirectory(emu.url);
});
afterAll(() => emu.close());
beforeEach(() => emu.clearLog());

const upnOf = (r: Awaited<ReturnType<typeof resolveAccount>>) =>
  r.kind === 'one' ? r.account.userPrincipalName : r.kind === 'many' ? r.candidates.map((c) => c.userPrincipalName).sort() : r.suggestions.map((s) => s.userPrincipalName);

describe('resolveAccount against the emulator', () => {
  it.each([
    ['Fatima Zahra', 'fatima.zahra@fabrikam.nl'],
    ['fatima zahra', 'fatima.zahra@fabrikam.nl'],
    ['FATIMA.ZAHRA@fabrikam.nl', 'fatima.zahra@fabrikam.nl'],
    ["Siobhán O'Brien", 'siobhan.obrien@fabrikam.nl'],
    ['Siobhán O’Brien', 'siobhan.obrien@fabrikam.nl'],
    ["Ciarán D'Arcy", 'ciaran.darcy@fabrikam.nl'],
    ['Zoe Dijkstra', 'zoe.dijkstra@fabrikam.nl'],
    ['Zoë Dijkstra', 'zoe.dijkstra@fabrikam.nl'],
    ['Jose Munoz', 'jose.munoz@fabrikam.nl'],
    ['Jan de Vries', 'jan.devries@fabrikam.nl'],
    ['Kenji', 'kenji.watanabe@fabrikam.nl'],
    ['Watanabe', 'kenji.watanabe@fabrikam.nl'],
  ])('%s → one: %s', async (query, upn) => {
    const r = await resolveAccount(dir, query, people.daan);
    expect(r.kind).toBe('one');
    expect(upnOf(r)).toBe(upn);
  });

  it('"me" is the caller', async () => {
    const r = await resolveAccount(dir, 'me', people.daan);
    expect(upnOf(r)).toBe('daan.visser@fabrikam.nl');
  });

  it('asks between two people sharing a first name, never picks', async () => {
    const r = await resolveAccount(dir, 'Tom', people.daan);
    expect(r.kind).toBe('many');
    expect(upnOf(r)).toEqual(['tom.baker@fabrikam.nl', 'tom.hendriks@fabrikam.nl']);
  });

  it('suggests close names when none matches', async () => {
    const r = await resolveAccount(dir, 'Fatma Zahra', people.daan);
    expect(r.kind).toBe('none');
    expect(upnOf(r)).toContain('fatima.zahra@fabrikam.nl');
  });

  it('uses at most two Graph requests and never lists all users', async () => {
    await resolveAccount(dir, 'Wilhelmina Zwartkop', people.daan);
    const users = emu.requestLog.filter((e) => e.path.endsWith('/users'));
    expect(emu.requestLog.length).toBeLessThanOrEqual(2);
    expect(users.every((e) => '$filter' in e.query || '$search' in e.query)).toBe(true);
  });
});
