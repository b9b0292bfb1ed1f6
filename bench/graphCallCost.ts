/**
 * `npm run bench:graphcall`: what one Graph read costs the bot's process in CPU, and the emulator's process,
 * against what a whole echo-bot turn costs. The throughput targets of #17 compare our turns with an echo bot that makes
 * no outside call; a show turn must read the person from Graph once. This isolates that read: GraphDirectory.getAccount
 * through the same Graph client, middleware and undici pool as the bot, one call at a time and 8 at once, against the
 * emulator in a process of its own (as `npm run bench` has it). Prints CPU milliseconds per call for both processes.
 */
import { performance } from 'node:perf_hooks';
import type { BackendsReady, GraphLog } from './support/backends';
import { benchDirectory } from './support/benchDirectory';
import { startChild } from './support/child';

const CALLS = Number(process.env.CALLS ?? 4000);

async function main(): Promise<void> {
  const backends = await startChild<BackendsReady>('backends', {});
  try {
    const { directory, close } = benchDirectory(backends.ready.graphUrl, backends.ready.tenantId);
    const id = backends.ready.adminId;
    for (let i = 0; i < 500; i++) await directory.getAccount(id);
    for (const parallel of [1, 8]) {
      await backends.call('reset');
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const each = Math.ceil(CALLS / parallel);
      await Promise.all(Array.from({ length: parallel }, async () => {
        for (let i = 0; i < each; i++) await directory.getAccount(id);
      }));
      const calls = each * parallel;
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const stats = await backends.call<{ cpuMs: number; graph: GraphLog }>('stats');
      const ms = (n: number) => (n / calls).toFixed(3);
      console.log(`${parallel} at once: client ${ms((cpu.user + cpu.system) / 1000)} ms CPU per read (user ${ms(cpu.user / 1000)}, system ${ms(cpu.system / 1000)}); emulator process ${ms(stats.cpuMs)} ms; ${(calls / (wall / 1000)).toFixed(0)} reads/s; ${stats.graph.count} requests`);
    }
    await close();
  } finally {
    await backends.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
