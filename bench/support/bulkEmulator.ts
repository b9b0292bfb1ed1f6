/**
 * Child process for `npm run bench:bulk`: the Graph emulator serving the demo tenant plus BULK_USERS generated cloud
 * users ("Bulk User 0001", bulk.user0001@fabrikam.nl, department Sales), so the bot in the parent process is the only
 * thing its memory readings measure. The parent reads the request log and the users' departments over IPC.
 */
import { readFileSync } from 'node:fs';
import { startGraphEmulator, type FaultSpec, type TenantFixtureInput } from '../../src/emulator';
import { DEMO_TENANT } from '../../test/support/botHarness';
import { failStart, serveParent } from './child';

export interface BulkEmulatorReady {
  graphUrl: string;
  /** Every user of the tenant (the demo tenant's and the generated ones). */
  users: number;
  /** The generated users, in order: what the admin pastes and whose departments are checked. */
  bulk: { id: string; upn: string }[];
}

/** One entry of the emulator's request log, as the parent counts them. */
export interface BulkLogEntry {
  method: string;
  path: string;
  status: number;
  /** An item of a $batch (not an HTTP request of its own). */
  inBatch: boolean;
  /** Answered by an injected fault (a throttled item: not carried out). */
  fault: boolean;
}

/** `bulk.user0001@fabrikam.nl` … : the demo tenant with `count` extra cloud-only members of Sales. */
export function bulkTenant(count: number): TenantFixtureInput {
  const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8')) as TenantFixtureInput & { users: Record<string, unknown>[] };
  const extra = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    const upn = `bulk.user${n}@fabrikam.nl`;
    return {
      id: `cccccccc-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
      userPrincipalName: upn, mail: upn, mailNickname: `bulk.user${n}`, displayName: `Bulk User ${n}`, givenName: 'Bulk', surname: `User ${n}`,
      jobTitle: 'Account Manager', department: 'Sales', companyName: 'Fabrikam B.V.', businessPhones: [], accountEnabled: true, userType: 'Member',
      usageLocation: 'NL', proxyAddresses: [`SMTP:${upn}`], assignedLicenses: [], onPremisesSyncEnabled: null,
    };
  });
  return { ...tenant, users: [...tenant.users, ...extra] };
}

/** A seeded generator (mulberry32): the throttled items are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  const count = Number(process.env.BULK_USERS ?? 1_000);
  const tenant = bulkTenant(count);
  const emulator = await startGraphEmulator({ tenant, logLimit: 1_000_000, random: seeded(Number(process.env.BULK_SEED ?? 20_251_125)) });
  const bulk = (tenant.users as Record<string, unknown>[]).slice(-count).map((u) => ({ id: String(u.id), upn: String(u.userPrincipalName) }));
  const ready: BulkEmulatorReady = { graphUrl: emulator.url, users: emulator.state.allUsers().length, bulk };
  serveParent(ready, {
    /** Back to the tenant as loaded: no faults, an empty log. */
    reset: () => emulator.reset(),
    clearLog: () => emulator.clearLog(),
    log: (): BulkLogEntry[] => emulator.requestLog.map((e) => ({ method: e.method, path: e.path, status: e.status, inBatch: Boolean(e.batchRequestId), fault: Boolean(e.fault) })),
    fault: (spec) => void emulator.faults.add(spec as FaultSpec),
    /** How often each fault fired. */
    faults: () => emulator.faults.list().map((f) => f.fired),
    departments: (ids) => (ids as string[]).map((id) => emulator.state.getUser(id)?.department ?? null),
  }, () => emulator.close());
}

if (require.main === module) main().catch(failStart);
