/**
 * Child process: the Graph emulator and a fast fake Bot Framework connector, the two services a bot turn
 * talks to. Environment: BENCH_TENANT = a tenant file path (default the demo tenant) or `large:<count>`
 * (test/emulator/largeTenant.ts, plus one User Administrator to chat as).
 *
 * The connector is not test/support/fakeConnector.ts: that one keeps every activity for assertions, which
 * would grow without bound under load. This one drains the body, counts, and answers like the connector;
 * it keeps the replies only when asked (`reset {keepReplies: true}`), to check what a few turns answered.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startGraphEmulator, type TenantFixtureInput } from '../../src/emulator';
import { largeTenant } from '../../test/emulator/largeTenant';
import { cpuMs, failStart, serveParent, settledMemory } from './child';

export interface BackendsReady {
  graphUrl: string;
  connectorUrl: string;
  tenantId: string;
  /** The user to chat as: the demo admin, or the generated tenant's administrator. */
  adminId: string;
  users: number;
}

/** What the emulator answered since the last reset. */
export interface GraphLog {
  count: number;
  /** Sum of the emulator's own handling time per request (its request log's durationMs). */
  emulatorMs: number;
  requests: { method: string; path: string; query: Record<string, string>; status: number; durationMs: number }[];
}

const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const DEMO_ADMIN = 'c2d4a037-922c-45fd-8286-ec9d58f61fb6';

function tenant(): { fixture: TenantFixtureInput | string; adminId: string } {
  const spec = process.env.BENCH_TENANT ?? join(__dirname, '..', '..', 'fixtures', 'demo-tenant.json');
  const large = /^large:(\d+)$/.exec(spec);
  if (!large) return { fixture: spec, adminId: DEMO_ADMIN };
  const t = largeTenant(Number(large[1]));
  const adminId = t.users[0].id as string;
  return {
    fixture: {
      ...t,
      directoryRoles: [{ id: 'bbbbbbbb-0000-4000-8000-000000000001', roleTemplateId: USER_ADMINISTRATOR, displayName: 'User Administrator', members: [adminId] }],
    },
    adminId,
  };
}

async function main(): Promise<void> {
  const { fixture, adminId } = tenant();
  const emulator = await startGraphEmulator({ tenant: fixture, logLimit: 1_000_000 });
  let posts = 0;
  // Replies are kept only while the parent checks what the turns answer, never under load.
  let kept: string[] | null = null;
  const connector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => kept && chunks.push(chunk));
    req.on('end', () => {
      posts++;
      kept?.push(Buffer.concat(chunks).toString('utf8'));
      const body = `{"id":"activity-${posts}"}`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  connector.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  let cpuAtReset = cpuMs();

  const graphLog = (withRequests: boolean): GraphLog => {
    const entries = emulator.requestLog.filter((e) => !e.batchRequestId);
    return {
      count: entries.length,
      emulatorMs: entries.reduce((sum, e) => sum + e.durationMs, 0),
      requests: withRequests ? entries.map((e) => ({ method: e.method, path: e.path, query: e.query, status: e.status, durationMs: e.durationMs })) : [],
    };
  };
  const ready: BackendsReady = {
    graphUrl: emulator.url,
    connectorUrl: `http://127.0.0.1:${(connector.address() as AddressInfo).port}`,
    tenantId: String(emulator.state.organization.id),
    adminId,
    users: emulator.state.allUsers().length,
  };
  serveParent(ready, {
    reset: (args) => {
      emulator.clearLog();
      posts = 0;
      kept = (args as { keepReplies?: boolean } | undefined)?.keepReplies ? [] : null;
      cpuAtReset = cpuMs();
    },
    stats: (args) => ({ graph: graphLog(Boolean((args as { requests?: boolean } | undefined)?.requests)), posts, cpuMs: cpuMs() - cpuAtReset }),
    replies: () => kept ?? [],
    memory: () => settledMemory(),
  }, async () => {
    connector.closeAllConnections();
    await new Promise<void>((resolve) => connector.close(() => resolve()));
    await emulator.close();
  });
}

main().catch(failStart);
