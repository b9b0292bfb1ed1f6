/**
 * `npm run bench:ab`: is B cheaper than A per turn? Two bots side by side on one emulator, loaded in turns for ROUNDS
 * rounds of 4 s each after a long warm-up, and compared round by round on CPU milliseconds per turn.
 *
 * Why paired rounds: on this machine the CPU a turn costs wanders by ±20 % from one minute to the next, far more than
 * most changes are worth, so two `npm run bench:throughput` runs one after the other cannot tell a 5 % change from
 * noise. Here A and B are loaded back to back within each round, and what is printed is the median of the per-round
 * ratios B ÷ A, beside the spread of those ratios.
 *
 * A and B are this checkout's bot unless told otherwise:
 * - A_ROOT / B_ROOT=<dir>: another checkout's bot (e.g. `git worktree add /tmp/before HEAD~1`, with its node_modules),
 * - A_FLAGS / B_FLAGS: node's flags for that bot, e.g. B_FLAGS=--max-semi-space-size=32.
 * Run it as A against A once first, and each comparison both ways round (A_ROOT=old B_ROOT=new, then the reverse):
 * on this machine the second bot started came out cheaper by itself (A against A: B ÷ A −12 %, rounds from −26 to +17 %).
 * KINDS picks the turns of the mix (show,syncStatus,change), ROUNDS (8), WARM_UP seconds (20).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ADMINS, DEMO_MIX, mixBodies } from './support/activities';
import type { BackendsReady } from './support/backends';
import type { BotStats } from './support/botServer';
import { startChild, type Child } from './support/child';
import { runLoad } from './support/load';
import { median } from './support/percentile';

type Bot = Child<{ url: string }>;

function flags(name: string): readonly string[] {
  return (process.env[name] ?? '').split(/\s+/).filter(Boolean);
}

async function main(): Promise<void> {
  const kinds = (process.env.KINDS ?? 'show,syncStatus,change').split(',');
  const rounds = Math.max(1, Number(process.env.ROUNDS ?? 8) || 8);
  const warmUp = Math.max(0, Number(process.env.WARM_UP ?? 20) || 0);
  const dirs = [mkdtempSync(join(tmpdir(), 'bench-ab-a-')), mkdtempSync(join(tmpdir(), 'bench-ab-b-'))];
  const started: Child<unknown>[] = [];
  try {
    const backends = await startChild<BackendsReady>('backends');
    started.push(backends);
    const env = (dataDir: string) => ({ GRAPH_URL: backends.ready.graphUrl, TENANT_ID: backends.ready.tenantId, DATA_DIR: dataDir });
    const at = (root: string | undefined) => (root ? { dir: join(root, 'bench', 'support') } : {});
    const a = await startChild<{ url: string }>('botServer', env(dirs[0]), { nodeFlags: flags('A_FLAGS'), ...at(process.env.A_ROOT) });
    started.push(a);
    const b = await startChild<{ url: string }>('botServer', env(dirs[1]), { nodeFlags: flags('B_FLAGS'), ...at(process.env.B_ROOT) });
    started.push(b);
    const bodies = mixBodies({ serviceUrl: backends.ready.connectorUrl, tenantId: backends.ready.tenantId }, DEMO_MIX, DEMO_ADMINS).filter((t) => kinds.includes(t.kind)).map((t) => t.body);
    const load = { connections: 8, seconds: 4 };
    for (const bot of [a, b]) await runLoad(bot.ready.url, bodies, { ...load, seconds: warmUp });
    const cpu = { a: [] as number[], b: [] as number[] };
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Which goes first alternates: a machine that speeds up or slows down within a round favours neither.
      const order: ['a' | 'b', Bot][] = round % 2 === 0 ? [['a', a], ['b', b]] : [['b', b], ['a', a]];
      const each: Record<string, number> = {};
      for (const [name, bot] of order) {
        await bot.call('reset');
        const run = await runLoad(bot.ready.url, bodies, load);
        const stats = await bot.call<BotStats>('stats');
        if (run.failures > 0) throw new Error(`${name}: ${run.failures} turns failed`);
        each[name] = stats.cpuMs / Math.max(1, stats.turns);
      }
      cpu.a.push(each.a);
      cpu.b.push(each.b);
      ratios.push(each.b / each.a);
      console.log(`round ${round + 1}: A ${each.a.toFixed(3)} ms, B ${each.b.toFixed(3)} ms CPU per turn, B ÷ A ${each.b / each.a >= 1 ? '+' : ''}${((each.b / each.a - 1) * 100).toFixed(1)} %`);
    }
    const sorted = [...ratios].sort((x, y) => x - y);
    const pct = (r: number) => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)} %`;
    console.log(`${kinds.join('+')}: A ${median(cpu.a).toFixed(3)} ms, B ${median(cpu.b).toFixed(3)} ms CPU per turn (medians); B ÷ A ${pct(median(ratios))} (rounds from ${pct(sorted[0])} to ${pct(sorted[sorted.length - 1])})`);
  } finally {
    for (const child of started.reverse()) await child.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
