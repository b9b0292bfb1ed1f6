import { badRequest, GraphError, GraphMessages } from './graphError';
import type { GraphObject, PasswordChange, TenantState } from './tenantState';
import {
  canonicalUserProperty, edmTypeOf, MAX_LENGTH, NOT_NULLABLE, ON_PREMISES_MASTERED, READ_ONLY_USER_PROPERTIES,
  WRITABLE_USER_PROPERTIES, type PropertyKind,
} from './userProperties';

/** A PATCH body that passed every check, ready to apply in one step. */
export interface ValidUserPatch {
  changes: Record<string, unknown>;
  passwordChange?: Omit<PasswordChange, 'at'>;
}

/**
 * Validates `PATCH /users/{id}` the way Graph does, in Graph's order: the body is deserialized first
 * (unknown property, read-only property, wrong type), then the directory checks it (on-premises mastered
 * properties of a synced user, then value rules). Nothing is applied unless everything passes.
 */
export function validateUserPatch(state: TenantState, user: GraphObject, body: unknown): ValidUserPatch {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest(GraphMessages.invalidJson, 'BadRequest');
  const entries: [string, unknown, PropertyKind][] = [];
  for (const [rawName, value] of Object.entries(body as Record<string, unknown>)) {
    if (rawName.startsWith('@odata.')) continue; // annotations such as @odata.type are not properties
    if (rawName.startsWith('extension_')) {
      if (value !== null && typeof value !== 'string') throw badRequest(GraphMessages.wrongType('Edm.String'));
      entries.push([rawName, value, 'string']);
      continue;
    }
    const name = canonicalUserProperty(rawName);
    if (!name) throw badRequest(GraphMessages.undeclaredProperty(rawName.slice(0, 200)));
    if (name in READ_ONLY_USER_PROPERTIES) throw badRequest(GraphMessages.readOnlyProperty(name));
    const kind = WRITABLE_USER_PROPERTIES[name];
    checkType(value, kind);
    entries.push([name, value, kind]);
  }
  if (user.onPremisesSyncEnabled === true && entries.some(([name]) => ON_PREMISES_MASTERED.has(name))) {
    throw badRequest(GraphMessages.onPremisesMastered);
  }
  const result: ValidUserPatch = { changes: {} };
  for (const [name, value] of entries) {
    if (name === 'passwordProfile') {
      result.passwordChange = checkPasswordProfile(value as Record<string, unknown>);
      continue;
    }
    result.changes[name] = checkUserValue(state, user, name, value);
  }
  return result;
}

function checkType(value: unknown, kind: PropertyKind): void {
  if (value === null) return; // nullability is a value rule, checked later
  const ok =
    kind === 'string' || kind === 'dateTime' ? typeof value === 'string'
    : kind === 'boolean' ? typeof value === 'boolean'
    : kind === 'strings' ? Array.isArray(value) && value.every((v) => typeof v === 'string')
    : typeof value === 'object' && !Array.isArray(value);
  if (!ok) throw badRequest(GraphMessages.wrongType(edmTypeOf(kind)));
}

/**
 * Graph's value rules for one property (lengths, formats, a UPN on a verified domain and free), once its type is
 * right; the value as it is stored. Also used by the sync simulator: a sync cannot write what Entra would not hold.
 */
export function checkUserValue(state: TenantState, user: GraphObject, name: string, value: unknown): unknown {
  const invalid = () => badRequest(GraphMessages.invalidValue(name));
  if (value === null) {
    if (NOT_NULLABLE.has(name)) throw invalid();
    if (name === 'usageLocation' && Array.isArray(user.assignedLicenses) && user.assignedLicenses.length > 0) throw invalid();
    return WRITABLE_USER_PROPERTIES[name] === 'strings' ? [] : null;
  }
  const max = MAX_LENGTH[name];
  if (typeof value === 'string') {
    // Graph refuses "" for string properties: clearing one takes null.
    if (value.length === 0 || (max !== undefined && [...value].length > max)) throw invalid();
  }
  switch (name) {
    case 'businessPhones': {
      const phones = value as string[];
      if (phones.length > 1 || phones.some((p) => p.length === 0 || p.length > MAX_LENGTH.businessPhones)) throw invalid();
      return [...phones];
    }
    case 'usageLocation':
      if (!/^[A-Za-z]{2}$/.test(value as string)) throw invalid();
      return (value as string).toUpperCase();
    case 'preferredLanguage':
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value as string)) throw invalid();
      return value;
    case 'mail':
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value as string)) throw invalid();
      return value;
    case 'mailNickname':
      if (!/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]+$/.test(value as string) || (value as string).startsWith('.')) throw invalid();
      return value;
    case 'userPrincipalName':
      return checkUserPrincipalName(state, user, value as string);
    case 'employeeHireDate':
    case 'employeeLeaveDateTime':
    case 'birthday':
    case 'hireDate':
      if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value as string) || Number.isNaN(Date.parse(value as string))) {
        throw badRequest(GraphMessages.wrongType('Edm.DateTimeOffset'));
      }
      return new Date(value as string).toISOString().replace('.000Z', 'Z');
    case 'onPremisesExtensionAttributes':
      return mergeStrings(user, name, value as Record<string, unknown>, /^extensionAttribute([1-9]|1[0-5])$/, 1024);
    case 'employeeOrgData':
      return mergeStrings(user, name, value as Record<string, unknown>, /^(division|costCenter)$/, 64);
    default:
      return Array.isArray(value) ? [...value] : value;
  }
}

function checkUserPrincipalName(state: TenantState, user: GraphObject, upn: string): string {
  const at = upn.lastIndexOf('@');
  const [local, domain] = [upn.slice(0, at), upn.slice(at + 1)];
  if (at <= 0 || local.length > 64 || /[\s@"\\]/.test(local) || !domain) throw badRequest(GraphMessages.invalidValue('userPrincipalName'));
  const verified = (state.organization.verifiedDomains as { name: string }[] | undefined) ?? [];
  if (verified.length > 0 && !verified.some((d) => d.name.toLowerCase() === domain.toLowerCase())) {
    throw badRequest(GraphMessages.upnDomain);
  }
  const owner = state.userByUpn(upn);
  if (owner && owner !== user) throw badRequest(GraphMessages.upnTaken);
  return upn;
}

/** Complex values are merged into what the user has, as Graph does for a PATCH of a complex property. */
function mergeStrings(user: GraphObject, name: string, value: Record<string, unknown>, keys: RegExp, max: number): Record<string, unknown> {
  for (const [k, v] of Object.entries(value)) {
    if (!keys.test(k)) throw badRequest(GraphMessages.undeclaredProperty(k.slice(0, 200)));
    if (v !== null && (typeof v !== 'string' || v.length === 0 || v.length > max)) throw badRequest(GraphMessages.invalidValue(name));
  }
  return { ...((user[name] as Record<string, unknown> | null) ?? {}), ...value };
}

/** The password is checked and then forgotten: only the fact of the change is kept. */
function checkPasswordProfile(profile: Record<string, unknown>): Omit<PasswordChange, 'at'> {
  const { password, forceChangePasswordNextSignIn, forceChangePasswordNextSignInWithMfa, ...rest } = profile;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw badRequest(GraphMessages.undeclaredProperty(unknown.slice(0, 200)));
  if (typeof password !== 'string') throw badRequest(GraphMessages.invalidValue('passwordProfile'));
  for (const flag of [forceChangePasswordNextSignIn, forceChangePasswordNextSignInWithMfa]) {
    if (flag !== undefined && flag !== null && typeof flag !== 'boolean') throw badRequest(GraphMessages.wrongType('Edm.Boolean'));
  }
  if (!isComplexEnough(password)) throw new GraphError(400, 'Request_BadRequest', GraphMessages.passwordComplexity);
  return { via: 'passwordProfile', forceChangePasswordNextSignIn: (forceChangePasswordNextSignIn as boolean | undefined) ?? null };
}

/** Entra's default rule: 8–256 characters, three of lower case, upper case, digits and symbols. */
export function isComplexEnough(password: string): boolean {
  if (password.length < 8 || password.length > 256) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}
