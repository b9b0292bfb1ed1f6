import type { HealthReport } from './server';

/** How long each check may take: a load balancer's probe gives up after a second or two. */
const CHECK_TIMEOUT_MS = 800;

export interface HealthChecks {
  version: string;
  mode: string;
  storeKind: string;
  /** Resolves when the database answers a trivial query. */
  database: () => Promise<void>;
  /** Whether Microsoft Graph answered (cached by the caller: Graph is not asked on every probe). */
  graph: () => Promise<boolean>;
}

/**
 * `/healthz`: the database and Graph, each checked in parallel and each given at most 0.8 s, so the answer comes
 * within a second even when one of them hangs; a check that times out counts as down. 503 names what is down.
 */
export async function checkHealth(checks: HealthChecks): Promise<HealthReport> {
  const [database, graph] = await Promise.all([
    withTimeout(checks.database().then(() => true), CHECK_TIMEOUT_MS),
    withTimeout(checks.graph(), CHECK_TIMEOUT_MS),
  ]);
  const down = [...(database ? [] : (['database'] as const)), ...(graph ? [] : (['graph'] as const))];
  return {
    status: down.length ? 'degraded' : 'ok',
    version: checks.version,
    mode: checks.mode,
    store: checks.storeKind,
    database: database ? 'reachable' : 'unreachable',
    graph: graph ? 'reachable' : 'unreachable',
    down,
  };
}

/** The check's answer, or false when it fails or takes longer than `ms` (it may go on; nobody waits for it). */
function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([check.catch(() => false), late]).finally(() => clearTimeout(timer));
}
