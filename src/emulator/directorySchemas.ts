import { jsonClone } from './jsonClone';
import type { FilterSchema } from './filterPredicate';
import { unknownSelect } from './odataQuery';
import type { GraphObject, TenantState } from './tenantState';
import { canonicalUserProperty, DEFAULT_USER_SELECT, USER_PROPERTY_KINDS } from './userProperties';

/*
 * Which properties each served type has, for $select and $filter validation. Users use the full Graph
 * catalog (userProperties.ts); the other types take a short catalog plus whatever the tenant file holds,
 * because the file may carry any Graph property and the emulator serves it as it is.
 */

export const GROUP_PROPERTIES: Record<string, 'scalar' | 'collection' | 'boolean'> = {
  id: 'scalar', displayName: 'scalar', description: 'scalar', mail: 'scalar', mailNickname: 'scalar',
  mailEnabled: 'boolean', securityEnabled: 'boolean', groupTypes: 'collection', onPremisesSyncEnabled: 'boolean',
  onPremisesLastSyncDateTime: 'scalar', onPremisesSamAccountName: 'scalar', onPremisesSecurityIdentifier: 'scalar',
  onPremisesDomainName: 'scalar', onPremisesNetBiosName: 'scalar', proxyAddresses: 'collection', visibility: 'scalar',
  membershipRule: 'scalar', membershipRuleProcessingState: 'scalar', createdDateTime: 'scalar', classification: 'scalar',
  isAssignableToRole: 'boolean', securityIdentifier: 'scalar', preferredLanguage: 'scalar', renewedDateTime: 'scalar',
  expirationDateTime: 'scalar', assignedLicenses: 'collection', onPremisesProvisioningErrors: 'collection',
};
export const ROLE_PROPERTIES: Record<string, 'scalar'> = { id: 'scalar', displayName: 'scalar', description: 'scalar', roleTemplateId: 'scalar' };

function resolver(catalog: Record<string, string>, extra: () => readonly GraphObject[]) {
  const lower = new Map(Object.keys(catalog).map((k) => [k.toLowerCase(), k]));
  return (name: string): { name: string; collection: boolean; boolean: boolean } | undefined => {
    let canonical = lower.get(name.toLowerCase());
    if (!canonical) {
      // A property only the tenant file knows (an extension attribute, a newer Graph property).
      const sample = extra().find((o) => Object.keys(o).some((k) => k.toLowerCase() === name.toLowerCase()));
      canonical = sample && Object.keys(sample).find((k) => k.toLowerCase() === name.toLowerCase());
      if (!canonical) return undefined;
      const v = sample![canonical];
      return { name: canonical, collection: Array.isArray(v), boolean: typeof v === 'boolean' };
    }
    const kind = catalog[canonical];
    return { name: canonical, collection: kind === 'collection' || kind === 'strings' || kind === 'objects', boolean: kind === 'boolean' };
  };
}

export function userFilterSchema(state: TenantState): FilterSchema {
  const property = resolver(USER_PROPERTY_KINDS, () => []);
  return {
    typeName: 'user',
    property: (name) => property(name) ?? (name.startsWith('extension_') ? { name, collection: false, boolean: false } : undefined),
    lookup(name, value) {
      if (name === 'id') return wrap(state.userById(value));
      if (name === 'userPrincipalName') return wrap(state.userByUpn(value));
      if (name === 'mail') return state.usersWithMail(value);
      return undefined;
    },
  };
}

export function groupFilterSchema(state: TenantState): FilterSchema {
  const property = resolver(GROUP_PROPERTIES, () => state.allGroups().slice(0, 50));
  return { typeName: 'group', property, lookup: (name, value) => (name === 'id' ? wrap(state.group(value)) : undefined) };
}

function wrap(o: GraphObject | undefined): GraphObject[] {
  return o ? [o] : [];
}

/** Canonical names for a user `$select`; 400 for a property users do not have. */
export function userSelect(select: string[] | undefined): string[] | undefined {
  return select?.map((name) => {
    if (name.startsWith('extension_')) return name;
    const canonical = canonicalUserProperty(name);
    if (!canonical) throw unknownSelect(name, 'user');
    return canonical;
  });
}

export function groupSelect(state: TenantState, select: string[] | undefined): string[] | undefined {
  const property = resolver(GROUP_PROPERTIES, () => state.allGroups().slice(0, 50));
  return select?.map((name) => property(name)?.name ?? throwSelect(name, 'group'));
}

export function roleSelect(select: string[] | undefined): string[] | undefined {
  const property = resolver(ROLE_PROPERTIES, () => []);
  return select?.map((name) => property(name)?.name ?? throwSelect(name, 'directoryRole'));
}

/** For directoryObject collections (memberOf, members): any property of any of the types they can hold. */
export function directoryObjectSelect(state: TenantState, select: string[] | undefined): string[] | undefined {
  const group = resolver({ ...GROUP_PROPERTIES, ...ROLE_PROPERTIES }, () => state.allGroups().slice(0, 50));
  return select?.map((name) => canonicalUserProperty(name) ?? group(name)?.name ?? throwSelect(name, 'directoryObject'));
}

function throwSelect(name: string, typeName: string): never {
  throw unknownSelect(name, typeName);
}

const ODATA_TYPES = { user: '#microsoft.graph.user', group: '#microsoft.graph.group', directoryRole: '#microsoft.graph.directoryRole' };

/**
 * One item of a directoryObject collection (members, memberOf): typed with `@odata.type`. A selected
 * property the item's type does not have is left out rather than served as null.
 */
export function directoryObjectJson(kind: 'user' | 'group' | 'directoryRole', object: GraphObject, select: string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.type': ODATA_TYPES[kind] };
  const defaults = kind === 'user' ? DEFAULT_USER_SELECT : Object.keys(object);
  for (const key of select ?? defaults) {
    const belongs =
      key in object ||
      (kind === 'user' ? canonicalUserProperty(key) === key : kind === 'group' ? key in GROUP_PROPERTIES : key in ROLE_PROPERTIES);
    if (belongs) out[key] = jsonClone(object[key] ?? null);
  }
  if (kind === 'user' && 'passwordProfile' in out) out.passwordProfile = null;
  return out;
}
