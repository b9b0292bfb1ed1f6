import { readFileSync } from 'node:fs';
import { resolveAccount } from '../../src/directory/accountResolver';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { DEMO_TENANT, people } from '../support/botHarness';
import { emulatorDirectory } from '../support/emulatorDirectory';

// Dutch surnames often start with a particle: "Jan van Dijk" is Jan, surname "van Dijk". The look-up must
// search for the surname "van Dijk" (everything after the first name), never for "van" alone: that matches every
// "van …" and "Van…" in the tenant, and in a large one the right person drops out of the first page.

/** Jan van Dijk as a Dutch directory often writes him (surname first), and people the surname "van" alone would find. */
const EXTRA_USERS = [
  user('1a5e0a11-0000-4000-8000-000000000001', 'jan.vandijk', 'Dijk, Jan van', 'Jan', 'van Dijk'),
  user('1a5e0a11-0000-4000-8000-000000000002', 'jan.vandenberg', 'Jan Vandenberg', 'Jan', 'Vandenberg'),
  user('1a5e0a11-0000-4000-8000-000000000003', 'pieter.vanleeuwen', 'Pieter van Leeuwen', 'Pieter', 'van Leeuwen'),
  user('1a5e0a11-0000-4000-8000-000000000004', 'jan.vandam', 'Jan van Dam', 'Jan', 'van Dam'),
];

function user(id: string, alias: string, displayName: string, givenName: string, surname: string) {
  return { id, userPrincipalName: `${alias}@fabrikam.nl`, mail: `${alias}@fabrikam.nl`, displayName, givenName, surname, accountEnabled: true, onPremisesSyncEnabled: null };
}

let emu: GraphEmulator;
let dir: ReturnType<typeof emulatorDirectory>;
beforeAll(async () => {
  const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8'));
  tenant.users.push(...EXTRA_USERS);
  emu = await startGraphEmulator({ tenant });
  dir = emulatorDirectory(emu.url);
});
afterAll(() => emu.close());

const upns = (accounts: { userPrincipalName: string }[]) => accounts.map((a) => a.userPrincipalName).sort();

describe('a name whose surname has more than one word', () => {
  it('the name look-up finds the surname "van Dijk", and nobody whose surname merely starts with "van"', async () => {
    const found = upns(await dir.findAccounts({ by: 'name', value: 'Jan van Dijk' }, 50));
    expect(found).toContain('jan.vandijk@fabrikam.nl');
    expect(found).not.toContain('jan.vandenberg@fabrikam.nl');
    expect(found).not.toContain('jan.vandam@fabrikam.nl');
    expect(found).not.toContain('pieter.vanleeuwen@fabrikam.nl');
    expect(found).not.toContain('eva.vanderberg@fabrikam.nl');
  });

  it('the particle is not taken for the whole surname with a longer one either', async () => {
    const found = upns(await dir.findAccounts({ by: 'name', value: 'Eva van der Berg' }, 50));
    expect(found).toContain('eva.vanderberg@fabrikam.nl');
    expect(found).not.toContain('jan.vandenberg@fabrikam.nl');
    expect(found).not.toContain('jan.vandijk@fabrikam.nl');
    expect(found).not.toContain('jan.vandam@fabrikam.nl');
  });

  it.each([
    ['Jan van Dijk', 'jan.vandijk@fabrikam.nl'],
    ['jan van dijk', 'jan.vandijk@fabrikam.nl'],
    ['Jan van Dam', 'jan.vandam@fabrikam.nl'],
    ['Jan Vandenberg', 'jan.vandenberg@fabrikam.nl'],
  ])('%s resolves to one person: %s, in one Graph request', async (query, upn) => {
    emu.clearLog();
    const r = await resolveAccount(dir, query, people.daan);
    expect(r.kind === 'one' && r.account.userPrincipalName).toBe(upn);
    expect(emu.requestLog).toHaveLength(1);
  });
});
