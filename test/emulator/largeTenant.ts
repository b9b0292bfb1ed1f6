import type { TenantFixtureInput } from '../../src/emulator';

const FIRST = ['Megan', 'Alex', 'Patrick', 'José', 'Fatima', 'Pieter', 'Adele', 'Zoë', 'Liam', 'Noor'];
const LAST = ["O'Brien", 'Bowen', 'Wilber', 'Álvarez', 'El Amrani', 'Bakker', 'Vance', 'Müller', 'Jansen', 'de Vries'];

/** A synthetic tenant of `count` users (every 3rd synced, every 10th with a manager), for load tests. */
export function largeTenant(count: number): TenantFixtureInput {
  const id = (n: number) => `aaaaaaaa-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const users = Array.from({ length: count }, (_, n) => {
    const [first, last] = [FIRST[n % 10], LAST[Math.floor(n / 10) % 10]];
    const upn = `user${n}@contoso.com`;
    return {
      id: id(n), userPrincipalName: upn, mail: upn, displayName: `${first} ${last} ${n}`, givenName: first, surname: last,
      jobTitle: n % 7 === 0 ? 'Engineer' : 'Analyst', department: `Dept ${n % 50}`, businessPhones: [], accountEnabled: n % 13 !== 0,
      usageLocation: 'NL', onPremisesSyncEnabled: n % 3 === 0 ? true : null, onPremisesSamAccountName: `user${n}`,
      ...(n > 0 && n % 10 === 0 ? { manager: id(n - 10) } : {}),
    };
  });
  return {
    organization: { id: 'org', displayName: 'Large', verifiedDomains: [{ name: 'contoso.com', isDefault: true }] },
    users,
    groups: [{ id: 'g1', displayName: 'Everyone', securityEnabled: true, mailEnabled: false, groupTypes: [], members: users.slice(0, 5000).map((u) => u.id) }],
  };
}
