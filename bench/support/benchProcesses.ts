/**
 * The processes of a benchmark: the emulator with the fake connector, our bot on them, and (when asked) the
 * echo bot. Our bot's store is a PGlite directory, as `npm run dev:bot` has it: an in-memory store would grow
 * with every stored plan and read as a leak in the memory check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackendsReady } from './backends';
import { startChild, type Child } from './child';

export interface BenchProcesses {
  backends: Child<BackendsReady>;
  bot: Child<{ url: string }>;
  echo?: Child<{ url: string }>;
  /** The echo bot with its Bot Framework clients reused as ours are. */
  echoReused?: Child<{ url: string }>;
  /** The echo bot with its clients reused and the Graph requests and plan insert our turns must make (echoWork.ts). */
  echoMatched?: Child<{ url: string }>;
  stop(): Promise<void>;
}

/**
 * `tenant`: BENCH_TENANT for the emulator (default the demo tenant). `echo`: true starts both echo bots, 'stock'
 * or 'reused' only that one. `matched`: also the echo bot that does the Graph requests and the store write our turns must.
 */
export async function startBenchProcesses(opts: { tenant?: string; echo?: boolean | 'stock' | 'reused'; matched?: boolean } = {}): Promise<BenchProcesses> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const started: Child<unknown>[] = [];
  try {
    const backends = await startChild<BackendsReady>('backends', opts.tenant ? { BENCH_TENANT: opts.tenant } : {});
    started.push(backends);
    const bot = await startChild<{ url: string }>('botServer', { GRAPH_URL: backends.ready.graphUrl, TENANT_ID: backends.ready.tenantId, DATA_DIR: dataDir });
    started.push(bot);
    const echo = opts.echo === true || opts.echo === 'stock' ? await startChild<{ url: string }>('echoBot') : undefined;
    if (echo) started.push(echo);
    const echoReused = opts.echo === true || opts.echo === 'reused' ? await startChild<{ url: string }>('echoBot', { ECHO_CLIENTS: 'reused' }) : undefined;
    if (echoReused) started.push(echoReused);
    const echoMatched = opts.matched
      ? await startChild<{ url: string }>('echoBot', { ECHO_CLIENTS: 'reused', ECHO_WORK: 'matched', GRAPH_URL: backends.ready.graphUrl, TENANT_ID: backends.ready.tenantId })
      : undefined;
    if (echoMatched) started.push(echoMatched);
    return { backends, bot, echo, echoReused, echoMatched, stop: () => stopAll(started, dataDir) };
  } catch (e) {
    await stopAll(started, dataDir);
    throw e;
  }
}

async function stopAll(children: Child<unknown>[], dataDir: string): Promise<void> {
  for (const child of children.reverse()) await child.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
