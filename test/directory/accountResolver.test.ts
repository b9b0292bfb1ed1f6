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

  it.each([
    ['Jan', 'jan.devries@fabrikam.nl'],
    ['jan', 'jan.devries@fabrikam.nl'],
    ['hendrik', 'hendrik.mulder@fabrikam.nl'],
  ])('a whole first or last name wins over names that merely start with it: %s → %s', async (query, upn) => {
    const r = await resolveAccount(dir, query, people.daan);
    expect(upnOf(r)).toBe(upn);
  });

  it('a name that is whole in no one\'s name still matches by prefix', async () => {
    const r = await resolveAccount(dir, 'Jans', people.daan);
    expect(upnOf(r)).toEqual(['anouk.jansen@fabrikam.nl', 'lieke.janssen@fabrikam.nl']);
  });

  it('suggests close names when none matches', async () => {
    const r = await resolveAccount(dir, 'Fatma Zahra', people.daan);
    expect(r.kind).toBe('none');
    expect(upnOf(r)).toContain('fatima.zahra@fabrikam.nl');
  });

  it('an address on a domain that is not the tenant\'s: the same local part on its verified domains, as a suggestion only', async () => {
    const domains = async () => ['fabrikam.nl', 'fabrikam.onmicrosoft.com'];
    const r = await resolveAccount(dir, 'pieter.bakker@fabrikam.com', people.daan, { verifiedDomains: domains });
    expect(r).toMatchObject({ kind: 'none', otherDomain: true });
    expect(upnOf(r)).toEqual(['pieter.bakker@fabrikam.nl']);
    // The exact look-up, then one request for every verified domain at once.
    expect(emu.requestLog).toHaveLength(2);
    expect(emu.requestLog[1].query.$filter).toBe(
      "userPrincipalName in ('pieter.bakker@fabrikam.nl','pieter.bakker@fabrikam.onmicrosoft.com') or mail in ('pieter.bakker@fabrikam.nl','pieter.bakker@fabrikam.onmicrosoft.com')",
    );
  });

  it('an address on one of the tenant\'s own domains is looked for on the others, without saying it is foreign', async () => {
    const r = await resolveAccount(dir, 'pieter.bakker@fabrikam.onmicrosoft.com', people.daan, { verifiedDomains: async () => ['fabrikam.nl', 'fabrikam.onmicrosoft.com'] });
    expect(r.kind).toBe('none');
    expect('otherDomain' in r).toBe(false);
    expect(upnOf(r)).toEqual(['pieter.bakker@fabrikam.nl']);
  });

  it('an unknown address with no one by its local part suggests nobody', async () => {
    const r = await resolveAccount(dir, 'nobody.here@fabrikam.com', people.daan, { verifiedDomains: async () => ['fabrikam.nl'] });
    expect(upnOf(r)).toEqual([]);
  });

  it('uses at most two Graph requests and never lists all users', async () => {
    await resolveAccount(dir, 'Wilhelmina Zwartkop', people.daan);
    const users = emu.requestLog.filter((e) => e.path.endsWith('/users'));
    expect(emu.requestLog.length).toBeLessThanOrEqual(2);
    expect(users.every((e) => '$filter' in e.query || '$search' in e.query)).toBe(true);
  });
});
