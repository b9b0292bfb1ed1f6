import type { AccountSummary } from './directory';

/** A user account as the bot sees it: Graph v1.0 property names, onPremises* fields included. */
export interface Account {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  department: string | null;
  companyName: string | null;
  officeLocation: string | null;
  businessPhones: string[];
  mobilePhone: string | null;
  faxNumber: string | null;
  streetAddress: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  employeeId: string | null;
  employeeType: string | null;
  preferredLanguage: string | null;
  usageLocation: string | null;
  accountEnabled: boolean | null;
  userType?: string | null;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  onPremisesSyncEnabled: boolean | null;
  onPremisesLastSyncDateTime: string | null;
  onPremisesImmutableId: string | null;
  onPremisesDomainName: string | null;
  onPremisesSamAccountName: string | null;
  onPremisesUserPrincipalName: string | null;
  onPremisesDistinguishedName: string | null;
  onPremisesSecurityIdentifier: string | null;
  onPremisesProvisioningErrors: { category?: string; propertyCausingError?: string; value?: string; occurredDateTime?: string }[];
  /**
   * The manager, expanded into the read that found the account (`$expand=manager`): null when there is none,
   * absent when the read did not expand it (a `$search`). Saves the profile and approvals a round trip.
   */
  manager?: AccountSummary | null;
}

/** The `$select` list for every account read: Graph returns no onPremises* field unless asked. */
export const ACCOUNT_SELECT: (keyof Account)[] = [
  'id', 'userPrincipalName', 'mail', 'displayName', 'givenName', 'surname', 'jobTitle', 'department',
  'companyName', 'officeLocation', 'businessPhones', 'mobilePhone', 'faxNumber', 'streetAddress', 'city',
  'state', 'postalCode', 'country', 'employeeId', 'employeeType', 'preferredLanguage', 'usageLocation',
  'accountEnabled', 'userType', 'assignedLicenses', 'onPremisesSyncEnabled', 'onPremisesLastSyncDateTime',
  'onPremisesImmutableId', 'onPremisesDomainName', 'onPremisesSamAccountName', 'onPremisesUserPrincipalName',
  'onPremisesDistinguishedName', 'onPremisesSecurityIdentifier', 'onPremisesProvisioningErrors',
];
