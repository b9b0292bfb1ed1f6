import type { BotStats } from './botServer';
import type { Child } from './child';
import { runLoad } from './load';

export interface Memory {
  rssMB: number;
  heapUsedMB: number;
  externalMB: number;
  arrayBuffersMB: number;
  /** V8's heap as resident pages (used or not), where the reading says. */
  heapCommittedMB?: number;
  /** Resident memory by kind of mapping (the built bots: node binary, files, malloc, code, wasmMemory, anonymous). */
  regionsMB?: Record<string, number>;
}

/** Settled memory of an idle bot wanders by this much between readings (RSS ±20 MB, heap ±1 MB, JIT code a few MB more while warming): more is growth. */
export const MEMORY_NOISE_MB = { rss: 20, heap: 5 };

export interface MemoryGrowth {
  warmUpTurns: number;
  turns: number;
  before: Memory;
  after: Memory;
  /** Warnings or errors the bot logged during the turns (a failing turn does less and leaks less). */
  problems: Record<string, number>;
  failures: number;
}

/**
 * Settled memory (after full collections) of the bot after a warm-up, and again after `turns` more turns
 * under load: the warm-up lets the heap, the JIT and the store's page cache reach their working size first.
 */
export async function measureMemory(bot: Child<{ url: string }>, bodies: readonly string[], opts: { warmUpTurns: number; turns: number; connections: number }): Promise<MemoryGrowth> {
  const warm = await runLoad(bot.ready.url, bodies, { connections: opts.connections, amount: opts.warmUpTurns });
  const before = await settled(bot);
  await bot.call('reset');
  const run = await runLoad(bot.ready.url, bodies, { connections: opts.connections, amount: opts.turns });
  const stats = await bot.call<BotStats>('stats');
  const after = await settled(bot);
  return { warmUpTurns: opts.warmUpTurns, turns: run.turns, before, after, problems: stats.problems, failures: warm.failures + run.failures };
}

/**
 * The lowest of three settled readings: the resident set of an idle process still wanders by ±20 MB between
 * readings (the allocator hands pages back when it pleases), the lowest is the one closest to what is live.
 */
export async function settled(child: Child<unknown>): Promise<Memory> {
  const readings: Memory[] = [];
  for (let i = 0; i < 3; i++) readings.push(await child.call<Memory>('memory'));
  return readings.reduce((low, m) => (m.rssMB < low.rssMB ? m : low));
}
