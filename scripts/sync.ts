/**
 * `npm run sync -- <upn-or-id> [property=value …]`: plays an Entra Connect cycle against the running Graph emulator
 * (`npm run dev`), as if the values had been set in on-premises AD. Without properties: a cycle that carried
 * nothing (only the last sync time moves). Environment: GRAPH_EMULATOR_PORT (5050).
 *
 *   npm run sync -- fatima.zahra@fabrikam.nl jobTitle="Head of Data" department="Key Accounts"
 *   npm run sync -- fatima.zahra@fabrikam.nl accountEnabled=false manager=kenji.tanaka@fabrikam.nl
 *   npm run sync -- fatima.zahra@fabrikam.nl department=            (an empty value clears it)
 */
import { canonicalUserProperty, USER_PROPERTY_KINDS } from '../src/emulator/userProperties';

export const USAGE = 'Usage: npm run sync -- <userPrincipalName or id> [property=value …]   e.g. jobTitle="Head of Data"';

/** What to sync: the account as typed, and the values (manager still as typed: a UPN or an id). */
export interface SyncArgs {
  user: string;
  set: Record<string, unknown>;
}

/** A command line that cannot be run; its message is the one line to print. */
export class SyncUsageError extends Error {}

/**
 * The command line as a sync request. Values take the property's type: `true`/`false` for a boolean, a
 * comma-separated list for a collection (`proxyAddresses=SMTP:a@x,smtp:b@y`); `extensionAttribute1=…` and
 * `employeeOrgData.costCenter=…` set one key of a complex property; an empty value is null (cleared). Names the
 * emulator does not know are passed on: it says what is wrong with them.
 */
export function parseSyncArgs(argv: readonly string[]): SyncArgs {
  let user: string | undefined;
  const set: Record<string, unknown> = {};
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    if (eq === -1) {
      if (arg.startsWith('-')) throw new SyncUsageError(`Unknown option '${arg}'. ${USAGE}`);
      if (user !== undefined) throw new SyncUsageError(`One account at a time: '${user}' and '${arg}' were both given (a value with spaces needs quotes: jobTitle="Head of Data"). ${USAGE}`);
      user = arg;
      continue;
    }
    const [name, value] = [arg.slice(0, eq).trim(), arg.slice(eq + 1)];
    if (!/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)?$/.test(name)) throw new SyncUsageError(`'${name}' is not a property name (in '${arg}'). ${USAGE}`);
    const [outer, inner] = /^extensionAttribute([1-9]|1[0-5])$/i.test(name) ? ['onPremisesExtensionAttributes', name] : name.split('.');
    const property = outer.toLowerCase() === 'manager' ? 'manager' : canonicalUserProperty(outer) ?? outer;
    if (inner === undefined) {
      if (property in set) throw new SyncUsageError(`'${property}' is given twice.`);
      set[property] = typedValue(property, value);
    } else {
      const complex = (set[property] ??= {}) as Record<string, unknown>;
      if (typeof complex !== 'object' || inner in complex) throw new SyncUsageError(`'${property}.${inner}' is given twice.`);
      complex[inner] = value === '' ? null : value;
    }
  }
  if (user === undefined || user.trim() === '') throw new SyncUsageError(`Which account? ${USAGE}`);
  return { user, set };
}

function typedValue(property: string, value: string): unknown {
  if (value === '') return null;
  const kind = USER_PROPERTY_KINDS[property];
  if (kind === 'boolean') {
    if (!/^(true|false)$/i.test(value)) throw new SyncUsageError(`${property} is true or false, not '${value}'.`);
    return value.toLowerCase() === 'true';
  }
  if (kind === 'strings') return value.split(',').map((v) => v.trim()).filter(Boolean);
  return value;
}

/** One line: what the sync changed on the account, from its values before and after. */
export function describeSync(upn: string, before: Record<string, unknown>, after: Record<string, unknown>, syncedAt: string): string {
  const changes = Object.keys(after).filter((k) => k !== 'id' && k !== 'onPremisesLastSyncDateTime').map((k) => {
    const [was, now] = [shown(before[k]), shown(after[k])];
    return was === now ? `${k} ${now} (unchanged)` : `${k} ${was} → ${now}`;
  });
  return changes.length === 0
    ? `Synchronized ${upn} at ${syncedAt}: a cycle that carried no change (only its last sync time moved).`
    : `Synchronized ${upn} at ${syncedAt}: ${changes.join(', ')}.`;
}

function shown(value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '(none)';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return value.map(shown).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// ---- the run: resolve, read before, sync, say what changed

interface Emulator {
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

async function main(): Promise<void> {
  const args = parseSyncArgs(process.argv.slice(2));
  const emulator = emulatorAt(`http://127.0.0.1:${process.env.GRAPH_EMULATOR_PORT ?? 5050}`);
  const { set } = args;
  const read = Object.keys(set).filter((k) => k in USER_PROPERTY_KINDS);
  const expand = 'manager' in set ? '&$expand=manager($select=id,userPrincipalName)' : '';
  const before = await account(emulator, args.user, `$select=${['id', 'userPrincipalName', ...read].join(',')}${expand}`);
  const managerUpn = (m: unknown) => (m && typeof m === 'object' ? (m as Record<string, unknown>).userPrincipalName : m) ?? null;
  let newManagerUpn: unknown = null;
  if (typeof set.manager === 'string') {
    const manager = await account(emulator, set.manager, '$select=id,userPrincipalName', 'manager');
    [set.manager, newManagerUpn] = [manager.id, manager.userPrincipalName];
  }
  const synced = await emulator.post('/_simulate/sync', { users: [{ id: before.id, ...(Object.keys(set).length > 0 ? { set } : {}) }] });
  if (synced.status !== 200) throw new SyncUsageError(errorMessage(synced.body, synced.status));
  const after = (synced.body.users as Record<string, unknown>[])[0];
  if ('manager' in after) [before.manager, after.manager] = [managerUpn(before.manager), newManagerUpn];
  process.stdout.write(`${describeSync(String(before.userPrincipalName), before, after, String(after.onPremisesLastSyncDateTime))}\n`);
}

async function account(emulator: Emulator, idOrUpn: string, query: string, role = 'account'): Promise<Record<string, unknown>> {
  const r = await emulator.get(`/v1.0/users/${encodeURIComponent(idOrUpn)}?${query}`);
  if (r.status === 404) throw new SyncUsageError(`No ${role} '${idOrUpn}' in the emulator's tenant (give a userPrincipalName or an object id).`);
  if (r.status !== 200) throw new SyncUsageError(errorMessage(r.body, r.status));
  return r.body;
}

function emulatorAt(url: string): Emulator {
  const request = async (method: string, path: string, body?: unknown) => {
    let response: Response;
    try {
      response = await fetch(url + path, {
        method,
        // A token in case the emulator was started with --require-auth; it accepts any.
        headers: { authorization: 'Bearer development', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new SyncUsageError(`The Graph emulator is not running at ${url} (${causeOf(e)}): start it with \`npm run dev\`, or set GRAPH_EMULATOR_PORT to its port.`);
    }
    const text = await response.text();
    try {
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    } catch {
      throw new SyncUsageError(`${url} answered ${response.status} with something other than JSON: is that the Graph emulator?`);
    }
  };
  return { get: (path) => request('GET', path), post: (path, body) => request('POST', path, body) };
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string } }).cause;
  return cause?.code ?? (e as Error).name ?? 'no answer';
}

function errorMessage(body: Record<string, unknown>, status: number): string {
  const error = body.error as { message?: string } | undefined;
  return error?.message ?? `The emulator answered ${status}.`;
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof SyncUsageError ? e.message : (e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
