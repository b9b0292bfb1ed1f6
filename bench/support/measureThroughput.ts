import type { BotStats } from './botServer';
import type { Child } from './child';
import { runLoad, type LoadResult } from './load';

export interface ThroughputRun extends LoadResult {
  /** CPU time of the server process per turn: what other work on a shared machine inflates least. */
  cpuMsPerTurn: number;
}

export interface Throughput {
  ours: ThroughputRun[];
  echo: ThroughputRun[];
  /** The echo bot with its Bot Framework clients reused as ours are (see echoBot.ts), when it was measured. */
  echoReused?: ThroughputRun[];
  /** The echo bot that also does the Graph requests and the plan insert our turns must (echoWork.ts), when measured. */
  echoMatched?: ThroughputRun[];
  /** Warnings and errors our bot logged during the runs, by event. */
  problems: Record<string, number>;
}

type Server = Child<{ url: string }>;

/** Load before measuring: long enough for the JIT to settle on our bot's code, which is far more than the echo's. */
const WARM_UP_SECONDS = 6;

/**
 * A warm-up run each, then `runs` runs of each server, alternating, so that whatever else the machine is doing
 * falls on both alike.
 */
export async function measureThroughput(ours: Server, echo: Server, bodies: readonly string[], opts: { runs: number; seconds: number; connections: number; echoReused?: Server; echoMatched?: Server; warmUpSeconds?: number }): Promise<Throughput> {
  const load = { connections: opts.connections, seconds: opts.seconds };
  const warmUp = opts.warmUpSeconds ?? WARM_UP_SECONDS;
  for (const server of [ours, echo, opts.echoReused, opts.echoMatched]) if (server && warmUp > 0) await runLoad(server.ready.url, bodies, { ...load, seconds: warmUp });
  const result: Throughput = { ours: [], echo: [], echoReused: opts.echoReused ? [] : undefined, echoMatched: opts.echoMatched ? [] : undefined, problems: {} };
  for (let run = 0; run < opts.runs; run++) {
    result.ours.push(await measuredRun(ours, bodies, load, result.problems));
    result.echo.push(await measuredRun(echo, bodies, load, {}));
    if (opts.echoReused) result.echoReused!.push(await measuredRun(opts.echoReused, bodies, load, {}));
    if (opts.echoMatched) result.echoMatched!.push(await measuredRun(opts.echoMatched, bodies, load, {}));
  }
  return result;
}

async function measuredRun(server: Server, bodies: readonly string[], load: { connections: number; seconds: number }, problems: Record<string, number>): Promise<ThroughputRun> {
  await server.call('reset');
  const run = await runLoad(server.ready.url, bodies, load);
  const stats = await server.call<Pick<BotStats, 'cpuMs' | 'turns'> & Partial<Pick<BotStats, 'problems'>>>('stats');
  for (const [event, n] of Object.entries(stats.problems ?? {})) problems[event] = (problems[event] ?? 0) + n;
  return { ...run, cpuMsPerTurn: stats.cpuMs / Math.max(1, stats.turns) };
}
