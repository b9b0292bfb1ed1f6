import { planChanges } from '../../src/changes/planChanges';
import type { Account } from '../../src/directory/account';
import { ACCOUNT_SELECT } from '../../src/directory/account';
import type { ChangeableProperty } from '../../src/language/request';
import { onPremisesMasteredProperties, PROPERTY_AUTHORITY } from '../../src/sync/propertyAuthority';

// For a synchronized account Graph refuses (or sync undoes) a cloud write of an AD-mastered property: each one
// must be planned as the on-premises command, never as part of the PATCH (../shared/reference/entra-sync.md §2).

function account(over: Partial<Account>): Account {
  const a = Object.fromEntries(ACCOUNT_SELECT.map((k) => [k, null])) as unknown as Account;
  return { ...a, id: 'u1', userPrincipalName: 'u@x', businessPhones: [], assignedLicenses: [], onPremisesProvisioningErrors: [], ...over };
}
const synced = account({ onPremisesSyncEnabled: true, onPremisesSamAccountName: 'fzahra', usageLocation: 'NL', country: 'Netherlands', preferredLanguage: 'en-US', accountEnabled: true });
const everything = { allowed: () => true as const };

/** A valid new value for every profile property, and the AD command it becomes for a synced account. */
const AD_MASTERED: [ChangeableProperty, string, string][] = [
  ['displayName', 'Fatima Z.', "Set-ADUser -Identity 'fzahra' -DisplayName 'Fatima Z.'"],
  ['givenName', 'Fati', "Set-ADUser -Identity 'fzahra' -GivenName 'Fati'"],
  ['surname', 'Zahra-Amrani', "Set-ADUser -Identity 'fzahra' -Surname 'Zahra-Amrani'"],
  ['jobTitle', 'Head of Data', "Set-ADUser -Identity 'fzahra' -Title 'Head of Data'"],
  ['department', 'Data', "Set-ADUser -Identity 'fzahra' -Department 'Data'"],
  ['companyName', 'Fabrikam BV', "Set-ADUser -Identity 'fzahra' -Company 'Fabrikam BV'"],
  ['officeLocation', 'Utrecht', "Set-ADUser -Identity 'fzahra' -Office 'Utrecht'"],
  ['streetAddress', 'Stationsplein 1', "Set-ADUser -Identity 'fzahra' -StreetAddress 'Stationsplein 1'"],
  ['city', 'Utrecht', "Set-ADUser -Identity 'fzahra' -City 'Utrecht'"],
  ['state', 'Utrecht', "Set-ADUser -Identity 'fzahra' -State 'Utrecht'"],
  ['postalCode', '3511 AB', "Set-ADUser -Identity 'fzahra' -PostalCode '3511 AB'"],
  ['mobilePhone', '+31 6 12345678', "Set-ADUser -Identity 'fzahra' -MobilePhone '+31 6 12345678'"],
  ['employeeId', '40411', "Set-ADUser -Identity 'fzahra' -EmployeeID '40411'"],
  ['employeeType', 'Contractor', "Set-ADUser -Identity 'fzahra' -Replace @{employeeType='Contractor'}"],
  ['preferredLanguage', 'nl-NL', "Set-ADUser -Identity 'fzahra' -Replace @{preferredLanguage='nl-NL'}"],
];

describe('property authority of a synchronized account', () => {
  it('only the usage location and an emergency block are written in the cloud', () => {
    const cloud = (Object.keys(PROPERTY_AUTHORITY) as ChangeableProperty[]).filter((p) => PROPERTY_AUTHORITY[p].cloudWritableWhenSynced);
    expect(cloud.sort()).toEqual(['accountEnabled', 'usageLocation']);
    expect(onPremisesMasteredProperties()).toEqual(expect.arrayContaining(['preferredLanguage', 'employeeType', 'manager', 'country']));
  });

  it.each(AD_MASTERED)('%s %j is planned as the AD command, not a Graph write', (property, value, command) => {
    const plan = planChanges(synced, [{ property, value }], everything);
    expect(plan.items).toEqual([expect.objectContaining({ kind: 'onPremises', property, command })]);
    expect(plan.items.some((i) => i.kind === 'cloud')).toBe(false);
    expect(plan.script).toContain(command);
  });

  it('the preferred language of a synced account goes to AD even when other changes go to the cloud', () => {
    const plan = planChanges(synced, [{ property: 'preferredLanguage', value: 'nl-nl' }, { property: 'usageLocation', value: 'Japan' }], everything);
    expect(plan.items).toEqual([
      { kind: 'onPremises', property: 'preferredLanguage', before: 'en-US', after: 'nl-NL', command: "Set-ADUser -Identity 'fzahra' -Replace @{preferredLanguage='nl-NL'}" },
      { kind: 'cloud', property: 'usageLocation', before: 'NL', after: 'JP', write: { op: 'patch', patch: { usageLocation: 'JP' } } },
    ]);
  });

  it('the preferred language of a cloud-only account is a Graph write', () => {
    const plan = planChanges({ ...synced, onPremisesSyncEnabled: null, onPremisesSamAccountName: null }, [{ property: 'preferredLanguage', value: 'nl-NL' }], everything);
    expect(plan.items).toEqual([expect.objectContaining({ kind: 'cloud', property: 'preferredLanguage', write: { op: 'patch', patch: { preferredLanguage: 'nl-NL' } } })]);
  });
});
