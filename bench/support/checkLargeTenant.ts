/**
 * The large-tenant check: the emulator seeded with generated users (test/emulator/largeTenant.ts),
 * names resolved through whole bot turns. Every turn must stay within two Graph requests and never list the
 * users without a `$filter` or `$search`; the bot's settled memory is compared before and after many turns.
 */
import { messageActivity } from './activities';
import type { GraphLog } from './backends';
import { startBenchProcesses } from './benchProcesses';
import { settled, type Memory } from './measureMemory';
import { runLoad } from './load';

export interface NameCheck {
  text: string;
  graphRequests: GraphLog['requests'];
  /** Users listed without a $filter, a $search or an id: a full scan of the directory through Graph. */
  listsAllUsers: boolean;
}

export interface LargeTenantResult {
  users: number;
  names: NameCheck[];
  memory: { before: Memory; after: Memory; turns: number; failures: number };
}

/** Sync-status questions need nothing but the account: the Graph requests of the turn are the resolution's. */
const NAMES = [
  "is Liam O'Brien 80008 synced?", // one exact display name among 100,000
  'is Zoë Müller synced?', // 1,000 people answer to it: a choice card of the first ten
  'is Noor synced?', // a first name shared by 10,000
  'is user4242@contoso.com synced?', // by sign-in name
  'is Xavier Nobody synced?', // nobody: the filter, then the search for suggestions
];

export async function checkLargeTenant(users: number, turns: number): Promise<LargeTenantResult> {
  const p = await startBenchProcesses({ tenant: `large:${users}` });
  try {
    const { backends, bot } = p;
    const ctx = { serviceUrl: backends.ready.connectorUrl, tenantId: backends.ready.tenantId };
    const bodies = NAMES.map((text) => JSON.stringify(messageActivity(ctx, backends.ready.adminId, text)));
    const post = async (body: string) => (await fetch(`${bot.ready.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer();
    // The caller's roles are read once and cached: warm them, as any working session would have.
    await post(bodies[0]);

    const names: NameCheck[] = [];
    for (const [i, body] of bodies.entries()) {
      await backends.call('reset');
      await post(body);
      const { graph } = await backends.call<{ graph: GraphLog }>('stats', { requests: true });
      names.push({ text: NAMES[i], graphRequests: graph.requests, listsAllUsers: graph.requests.some(listsAllUsers) });
    }

    await runLoad(bot.ready.url, bodies, { connections: 2, amount: Math.min(200, turns) });
    const before = await settled(bot);
    const run = await runLoad(bot.ready.url, bodies, { connections: 2, amount: turns });
    const after = await settled(bot);
    await backends.call('reset');
    return { users: backends.ready.users, names, memory: { before, after, turns: run.turns, failures: run.failures } };
  } finally {
    await p.stop();
  }
}

function listsAllUsers(r: GraphLog['requests'][number]): boolean {
  return r.method === 'GET' && /^\/v1\.0\/users\/?$/i.test(r.path) && r.query.$filter === undefined && r.query.$search === undefined;
}
