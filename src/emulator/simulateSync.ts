import { z } from 'zod';
import { badRequest, GraphError } from './graphError';
import type { GraphObject, TenantState } from './tenantState';
import { checkUserValue } from './userPatch';
import { canonicalUserProperty, ON_PREMISES_MASTERED, USER_PROPERTY_KINDS, type PropertyKind } from './userProperties';

/*
 * Plays Entra Connect for the demo and for tests: a cycle that carries values from on-premises AD into the cloud.
 * A sync is not a Graph client, so the 400 Graph gives a PATCH of an on-premises mastered property does not apply;
 * but it writes only what AD owns, only to synced accounts, and only values Entra would hold. The whole body is
 * checked before anything is written: one bad item and nothing changes.
 */

/** What Entra Connect writes to a synced user (AD's attributes as Graph names them), besides `manager`. */
export const SYNC_WRITTEN_PROPERTIES: ReadonlySet<string> = new Set([
  ...[...ON_PREMISES_MASTERED].filter((p) => p !== 'passwordProfile' && p !== 'onPremisesImmutableId'),
  'accountEnabled', 'onPremisesDistinguishedName', 'onPremisesSamAccountName', 'onPremisesUserPrincipalName',
]);

/** The body: `{"users":[{"id":"<object id>","set":{"department":"Key Accounts"}}]}`. */
const bodySchema = z.strictObject({
  users: z
    .array(z.strictObject({ id: z.string().min(1, 'an object id is required'), set: z.record(z.string(), z.unknown()).optional() }))
    .min(1, 'no users: list at least one (a user without "set" gets only the new sync time)'),
});

const valueSchemas: Record<PropertyKind | 'reference', z.ZodType> = {
  string: z.string().nullable(),
  dateTime: z.string().nullable(),
  boolean: z.boolean(),
  strings: z.array(z.string()).nullable(),
  object: z.record(z.string(), z.string().nullable()),
  objects: z.never(),
  // manager: the manager's object id, or null when AD's manager attribute was cleared.
  reference: z.string().min(1).nullable(),
};

/** One user as the sync left it: id, the properties it set, the new sync time. */
export type SyncedUser = Record<string, unknown> & { id: string; onPremisesLastSyncDateTime: string };

interface PlannedUser {
  user: GraphObject;
  changes: Record<string, unknown>;
  /** undefined: not carried; null: removed. */
  manager?: string | null;
}

/** Validates the whole body, then writes it with `at` as every listed user's last sync. Throws GraphError 400. */
export function simulateSync(state: TenantState, body: unknown, at: Date): SyncedUser[] {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw invalid(describe(parsed.error.issues[0]));
  const seen = new Set<string>();
  const planned = parsed.data.users.map((item, i) => {
    const user = state.userById(item.id);
    if (!user) throw invalid(`users[${i}].id: no user with object id '${clip(item.id)}' (an object id; GET /v1.0/users/{userPrincipalName} gives it)`);
    if (seen.has(user.id)) throw invalid(`users[${i}].id: '${user.id}' is listed twice`);
    seen.add(user.id);
    if (user.onPremisesSyncEnabled !== true) {
      throw invalid(`users[${i}]: ${String(user.userPrincipalName)} is not synchronized (onPremisesSyncEnabled is not true): a sync writes only accounts AD masters; change this one with PATCH /v1.0/users/{id}`);
    }
    return plan(state, user, item.set ?? {}, `users[${i}].set`);
  });
  checkBatch(state, planned);
  const time = at.toISOString().replace('.000Z', 'Z');
  return planned.map(({ user, changes, manager }) => {
    state.updateUser(user, { ...changes, onPremisesLastSyncDateTime: time });
    if (manager === null) state.removeManager(user.id);
    else if (manager !== undefined) state.setManager(user.id, manager);
    const out: SyncedUser = { id: user.id, onPremisesLastSyncDateTime: time };
    for (const name of Object.keys(changes)) out[name] = user[name];
    if (manager !== undefined) out.manager = manager;
    return out;
  });
}

function plan(state: TenantState, user: GraphObject, set: Record<string, unknown>, path: string): PlannedUser {
  const planned: PlannedUser = { user, changes: {} };
  for (const [rawName, value] of Object.entries(set)) {
    const name = rawName.toLowerCase() === 'manager' ? 'manager' : rawName.startsWith('extension_') ? rawName : canonicalUserProperty(rawName);
    const at = `${path}.${rawName}`;
    if (!name) throw invalid(`${at}: users have no property '${clip(rawName)}'`);
    if (name !== 'manager' && !name.startsWith('extension_') && !SYNC_WRITTEN_PROPERTIES.has(name)) {
      throw invalid(`${at}: a sync does not write '${name}' (not an AD attribute Entra Connect carries; the cloud manages it)`);
    }
    if (name in planned.changes || (name === 'manager' && planned.manager !== undefined)) throw invalid(`${at}: '${name}' is set twice`);
    const kind = name === 'manager' ? 'reference' : name.startsWith('extension_') ? 'string' : USER_PROPERTY_KINDS[name];
    const typed = valueSchemas[kind].safeParse(value);
    if (!typed.success) throw invalid(`${at}: wrong type: ${typed.error.issues[0].message}`);
    if (name === 'manager') planned.manager = checkManager(state, user, value as string | null, at);
    else planned.changes[name] = storedValue(state, user, name, kind as PropertyKind, value, at);
  }
  return planned;
}

/** Graph's value rules (userPatch.ts), with where in the body the value was. */
function storedValue(state: TenantState, user: GraphObject, name: string, kind: PropertyKind, value: unknown, at: string): unknown {
  if (value === null && kind === 'strings') return [];
  try {
    return checkUserValue(state, user, name, value);
  } catch (e) {
    if (e instanceof GraphError) throw invalid(`${at}: ${e.message}`);
    throw e;
  }
}

function checkManager(state: TenantState, user: GraphObject, managerId: string | null, at: string): string | null {
  if (managerId === null) return null;
  const manager = state.userById(managerId);
  if (!manager) throw invalid(`${at}: no user with object id '${clip(managerId)}'`);
  if (manager === user) throw invalid(`${at}: a user cannot be their own manager`);
  // AD's manager attribute names an AD object: a cloud-only account cannot be it.
  if (manager.onPremisesSyncEnabled !== true) throw invalid(`${at}: ${String(manager.userPrincipalName)} is not synchronized, so AD cannot name them as manager`);
  return manager.id;
}

/** What only the whole batch shows: two users given one UPN, or managers that would loop. */
function checkBatch(state: TenantState, planned: PlannedUser[]): void {
  const upns = new Set<string>();
  for (const { changes } of planned) {
    const upn = typeof changes.userPrincipalName === 'string' ? changes.userPrincipalName.toLowerCase() : undefined;
    if (upn && upns.has(upn)) throw invalid(`userPrincipalName '${clip(upn)}' is given to two users`);
    if (upn) upns.add(upn);
  }
  const newManagers = new Map(planned.filter((p) => p.manager !== undefined).map((p) => [p.user.id, p.manager]));
  const managerOf = (id: string) => (newManagers.has(id) ? newManagers.get(id) : state.managerOf(id)?.id) ?? null;
  for (const [userId] of newManagers) {
    for (let m = managerOf(userId), hops = 0; m && hops < 10_000; m = managerOf(m), hops++) {
      if (m === userId) throw invalid(`the managers set for ${userId} would make a circular manager reference`);
    }
  }
}

function describe(issue: z.core.$ZodIssue): string {
  const path = issue.path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
  const shape = 'the body is {"users":[{"id":"<object id>","set":{"department":"Key Accounts"}}]}';
  return `${path || 'body'}: ${issue.message} (${shape})`;
}

const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 100)}…` : s);

const invalid = (message: string) => badRequest(`Simulated sync refused: ${message}.`);
