import type { ChangeableProperty } from '../language/request';

/**
 * Where each Graph property of a user is mastered when the account is synchronized from on-premises AD,
 * and how to change it there (../shared/reference/entra-sync.md §2–§3).
 */
export interface PropertyAuthority {
  /** The AD attribute that feeds the Graph property. */
  adAttribute: string;
  /** `Set-ADUser` parameter, when one exists; otherwise the attribute is set with -Replace. */
  setAdUserParameter?: string;
  /** True when Graph accepts a write for a synchronized account. */
  cloudWritableWhenSynced: boolean;
}

export const PROPERTY_AUTHORITY: Record<ChangeableProperty, PropertyAuthority> = {
  displayName: { adAttribute: 'displayName', setAdUserParameter: 'DisplayName', cloudWritableWhenSynced: false },
  givenName: { adAttribute: 'givenName', setAdUserParameter: 'GivenName', cloudWritableWhenSynced: false },
  surname: { adAttribute: 'sn', setAdUserParameter: 'Surname', cloudWritableWhenSynced: false },
  jobTitle: { adAttribute: 'title', setAdUserParameter: 'Title', cloudWritableWhenSynced: false },
  department: { adAttribute: 'department', setAdUserParameter: 'Department', cloudWritableWhenSynced: false },
  companyName: { adAttribute: 'company', setAdUserParameter: 'Company', cloudWritableWhenSynced: false },
  officeLocation: { adAttribute: 'physicalDeliveryOfficeName', setAdUserParameter: 'Office', cloudWritableWhenSynced: false },
  streetAddress: { adAttribute: 'streetAddress', setAdUserParameter: 'StreetAddress', cloudWritableWhenSynced: false },
  city: { adAttribute: 'l', setAdUserParameter: 'City', cloudWritableWhenSynced: false },
  state: { adAttribute: 'st', setAdUserParameter: 'State', cloudWritableWhenSynced: false },
  postalCode: { adAttribute: 'postalCode', setAdUserParameter: 'PostalCode', cloudWritableWhenSynced: false },
  // Set-ADUser -Country writes only `c`; the country name and numeric code need -Replace (see powerShell.ts).
  country: { adAttribute: 'c, co, countryCode', cloudWritableWhenSynced: false },
  businessPhones: { adAttribute: 'telephoneNumber', setAdUserParameter: 'OfficePhone', cloudWritableWhenSynced: false },
  mobilePhone: { adAttribute: 'mobile', setAdUserParameter: 'MobilePhone', cloudWritableWhenSynced: false },
  faxNumber: { adAttribute: 'facsimileTelephoneNumber', setAdUserParameter: 'Fax', cloudWritableWhenSynced: false },
  employeeId: { adAttribute: 'employeeID', setAdUserParameter: 'EmployeeID', cloudWritableWhenSynced: false },
  employeeType: { adAttribute: 'employeeType', cloudWritableWhenSynced: false },
  preferredLanguage: { adAttribute: 'preferredLanguage', cloudWritableWhenSynced: false },
  manager: { adAttribute: 'manager', setAdUserParameter: 'Manager', cloudWritableWhenSynced: false },
  // Writable in the cloud, but AD's msExchUsageLocation, when set, overwrites it at the next sync.
  usageLocation: { adAttribute: 'msExchUsageLocation', cloudWritableWhenSynced: true },
  // Accepted by Graph, but sync reverts it while AD keeps the account enabled: an emergency measure only.
  accountEnabled: { adAttribute: 'userAccountControl', cloudWritableWhenSynced: true },
};

/** Properties of a synchronized account that only on-premises AD can change. */
export function onPremisesMasteredProperties(): ChangeableProperty[] {
  return (Object.keys(PROPERTY_AUTHORITY) as ChangeableProperty[]).filter((p) => !PROPERTY_AUTHORITY[p].cloudWritableWhenSynced);
}
