/**
 * Child process: Account Assistant in development mode against the emulator (GRAPH_URL, TENANT_ID), the way
 * `npm run dev:bot` starts it, store in DATA_DIR (a PGlite directory; `memory://` for in-memory).
 *
 * Instrumented from outside src/: Graph calls are watched on undici's diagnostics channels to know how
 * long the bot waits for Graph (the emulator's time plus the loopback round trip), and the HTTP server is
 * observed to time each turn. The p99 target subtracts only the emulator's own time (from its request log, in the
 * parent); the Graph wait measured here also shows what is left without the loopback round trips.
 */
import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { createApp, type AppOptions } from '../../src/app';
import { developmentConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { cpuMs, failStart, profiler, serveParent, settledMemory } from './child';

export interface TurnSample {
  /** From the request's arrival to the end of the response (the turn, replies to the connector included). */
  ms: number;
  /** Wall time with at least one Graph request outstanding during the turn. */
  graphMs: number;
  graphCalls: number;
  /** CPU time of the whole process during the turn: meaningful when turns run one at a time. */
  cpuMs: number;
}

export interface BotStats {
  cpuMs: number;
  graphCalls: number;
  graphMs: number;
  turns: number;
  samples: TurnSample[];
  /** Warnings and errors the bot logged, by event name (a rate limit or a failed turn spoils a benchmark). */
  problems: Record<string, number>;
}

/** Graph wait as a union of intervals: parallel requests (Promise.all in the bot) are not counted twice. */
class GraphClock {
  calls = 0;
  private inFlight = 0;
  private since = 0;
  private total = 0;

  constructor(private readonly origin: string) {}

  /**
   * Watches undici through its diagnostics channels (the bot's Graph transport is an undici pool): a request to
   * the Graph origin starts an interval, the end of its response (or an error) closes it.
   */
  install(): void {
    const open = new WeakSet<object>();
    const end = (request: object) => {
      if (!open.delete(request)) return;
      if (--this.inFlight === 0) this.total += performance.now() - this.since;
    };
    subscribe('undici:request:create', (message) => {
      const { request } = message as { request: { origin: string | URL } };
      if (new URL(String(request.origin)).origin !== this.origin) return;
      open.add(request);
      this.calls++;
      if (this.inFlight++ === 0) this.since = performance.now();
    });
    subscribe('undici:request:trailers', (message) => end((message as { request: object }).request));
    subscribe('undici:request:error', (message) => end((message as { request: object }).request));
  }

  /** Milliseconds waited for Graph so far (including a request still outstanding). */
  waited(): number {
    return this.total + (this.inFlight ? performance.now() - this.since : 0);
  }
}

async function main(): Promise<void> {
  const graphUrl = process.env.GRAPH_URL!;
  const clock = new GraphClock(new URL(graphUrl).origin);
  clock.install();
  const problems: Record<string, number> = {};
  const log = createLogger('info', (line, level) => {
    if (level === 'warn' || level === 'error') {
      const event = (JSON.parse(line) as { event: string }).event;
      problems[event] = (problems[event] ?? 0) + 1;
    }
  });
  const config = {
    ...developmentConfig({}, 'bench', { graphBaseUrl: graphUrl, tenantId: process.env.TENANT_ID! }),
    port: 0,
    store: { dataDir: process.env.DATA_DIR ?? 'memory://' },
  };
  // The per-user rate limit protects Graph from one user's flood; a load test is one user's flood on purpose.
  const options: AppOptions = { log, rateLimit: { burst: 1e9, perMinute: 1e9 } };
  const app = await createApp(config, options);
  const { url } = await app.listen();

  let sampling = false;
  let samples: TurnSample[] = [];
  let turns = 0;
  let at = { cpu: cpuMs(), graphCalls: 0, graphMs: 0 };
  app.server.server.on('request', (req, res) => {
    if (req.url !== '/api/messages') return;
    turns++;
    if (!sampling) return;
    const start = { t: performance.now(), cpu: cpuMs(), calls: clock.calls, graph: clock.waited() };
    res.once('finish', () => {
      samples.push({ ms: performance.now() - start.t, graphMs: clock.waited() - start.graph, graphCalls: clock.calls - start.calls, cpuMs: cpuMs() - start.cpu });
    });
  });

  serveParent({ url }, {
    reset: (args) => {
      sampling = Boolean((args as { sample?: boolean } | undefined)?.sample);
      samples = [];
      turns = 0;
      for (const k of Object.keys(problems)) delete problems[k];
      at = { cpu: cpuMs(), graphCalls: clock.calls, graphMs: clock.waited() };
    },
    stats: (): BotStats => ({
      cpuMs: cpuMs() - at.cpu, graphCalls: clock.calls - at.graphCalls, graphMs: clock.waited() - at.graphMs, turns, samples, problems: { ...problems },
    }),
    memory: () => settledMemory(),
    // A CPU profile of the steady state only (BENCH_PROFILE covers the whole process, start-up included).
    profileStart: () => profiler.start(),
    profileStop: (args) => profiler.stop(String((args as { path: string }).path)),
  }, () => app.close());
}

main().catch(failStart);
