/*
 * What Graph v1.0 knows about user properties: their types, which ones a PATCH may set, their length
 * limits, and which ones on-premises AD owns for a synchronized user (entra-sync.md §2 and §6).
 */

export type PropertyKind = 'string' | 'boolean' | 'strings' | 'dateTime' | 'object' | 'objects';

/** Graph returns exactly these when a user is read without $select. */
export const DEFAULT_USER_SELECT = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
  'preferredLanguage', 'surname', 'userPrincipalName', 'id',
] as const;

/** Properties a PATCH may set, with their Edm kind. */
export const WRITABLE_USER_PROPERTIES: Record<string, PropertyKind> = {
  aboutMe: 'string', accountEnabled: 'boolean', ageGroup: 'string', birthday: 'dateTime', businessPhones: 'strings',
  city: 'string', companyName: 'string', consentProvidedForMinor: 'string', country: 'string', department: 'string',
  displayName: 'string', employeeHireDate: 'dateTime', employeeLeaveDateTime: 'dateTime', employeeId: 'string',
  employeeOrgData: 'object', employeeType: 'string', faxNumber: 'string', givenName: 'string', hireDate: 'dateTime',
  interests: 'strings', jobTitle: 'string', mail: 'string', mailNickname: 'string', mobilePhone: 'string', mySite: 'string',
  officeLocation: 'string', onPremisesExtensionAttributes: 'object', onPremisesImmutableId: 'string', otherMails: 'strings',
  passwordPolicies: 'string', passwordProfile: 'object', pastProjects: 'strings', postalCode: 'string',
  preferredDataLocation: 'string', preferredLanguage: 'string', preferredName: 'string', responsibilities: 'strings',
  schools: 'strings', showInAddressList: 'boolean', skills: 'strings', state: 'string', streetAddress: 'string',
  surname: 'string', usageLocation: 'string', userPrincipalName: 'string', userType: 'string',
};

/** Properties Graph serves but no PATCH may set. */
export const READ_ONLY_USER_PROPERTIES: Record<string, PropertyKind> = {
  id: 'string', assignedLicenses: 'objects', assignedPlans: 'objects', createdDateTime: 'dateTime', creationType: 'string',
  deletedDateTime: 'dateTime', externalUserState: 'string', externalUserStateChangeDateTime: 'dateTime',
  identities: 'objects', imAddresses: 'strings', isResourceAccount: 'boolean', lastPasswordChangeDateTime: 'dateTime',
  licenseAssignmentStates: 'objects', onPremisesDistinguishedName: 'string', onPremisesDomainName: 'string',
  onPremisesLastSyncDateTime: 'dateTime', onPremisesProvisioningErrors: 'objects', onPremisesSamAccountName: 'string',
  onPremisesSecurityIdentifier: 'string', onPremisesSyncEnabled: 'boolean', onPremisesUserPrincipalName: 'string',
  provisionedPlans: 'objects', proxyAddresses: 'strings', securityIdentifier: 'string',
  signInSessionsValidFromDateTime: 'dateTime',
};

/** Every known user property, for $select / $filter validation. */
export const USER_PROPERTY_KINDS: Record<string, PropertyKind> = { ...READ_ONLY_USER_PROPERTIES, ...WRITABLE_USER_PROPERTIES };

/**
 * AD-mastered for `onPremisesSyncEnabled: true` (entra-sync.md §2). `passwordProfile` is here because without
 * writeback a synced user's password is AD's too; `onPremisesImmutableId` because it is the sync anchor.
 */
export const ON_PREMISES_MASTERED = new Set([
  'displayName', 'givenName', 'surname', 'jobTitle', 'department', 'companyName', 'officeLocation', 'streetAddress',
  'city', 'state', 'postalCode', 'country', 'businessPhones', 'mobilePhone', 'faxNumber', 'employeeId', 'employeeType',
  'mail', 'mailNickname', 'proxyAddresses', 'userPrincipalName', 'preferredLanguage', 'onPremisesExtensionAttributes',
  'employeeOrgData', 'employeeHireDate', 'passwordProfile', 'onPremisesImmutableId',
]);

/** Length limits in characters (entra-sync.md §6; the rest from Graph's user resource page). */
export const MAX_LENGTH: Record<string, number> = {
  jobTitle: 128, department: 64, displayName: 256, givenName: 64, surname: 64, companyName: 64, city: 128, state: 128,
  country: 128, postalCode: 40, streetAddress: 1024, mobilePhone: 64, employeeId: 16, mailNickname: 64,
  officeLocation: 128, faxNumber: 64, employeeType: 64, businessPhones: 64, userPrincipalName: 113, mail: 254,
  preferredLanguage: 35, usageLocation: 2,
};

/** Properties that must keep a value: Graph refuses null for them. */
export const NOT_NULLABLE = new Set(['displayName', 'userPrincipalName', 'accountEnabled', 'mailNickname']);

const EDM: Record<PropertyKind, string> = {
  string: 'Edm.String', boolean: 'Edm.Boolean', strings: 'Collection(Edm.String)', dateTime: 'Edm.DateTimeOffset',
  object: 'microsoft.graph.complexType', objects: 'Collection(microsoft.graph.complexType)',
};

/** The Edm type name Graph puts in its type-conversion errors. */
export function edmTypeOf(kind: PropertyKind): string {
  return EDM[kind];
}

const lowerToCanonical = new Map(Object.keys(USER_PROPERTY_KINDS).map((k) => [k.toLowerCase(), k]));

/** Graph matches property names case-insensitively; returns the canonical spelling or undefined. */
export function canonicalUserProperty(name: string): string | undefined {
  return lowerToCanonical.get(name.toLowerCase());
}
