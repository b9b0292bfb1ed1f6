/**
 * One load run with autocannon: every connection posts the given activities in turn, over keep-alive, as fast
 * as the server answers. Returns what the benchmark reports; a non-2xx answer or a socket error spoils a run.
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  /** Run for this long … */
  seconds?: number;
  /** … or until this many turns are answered. */
  amount?: number;
}

export interface LoadResult {
  turns: number;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

export async function runLoad(url: string, bodies: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
    timeout: 30,
    requests: bodies.map((body) => ({ method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, body })),
  });
  const turns = result['2xx'];
  return {
    turns,
    turnsPerSecond: turns / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
