/**
 * `npm run bench:profile [file]`: a CPU profile of the bot in its steady state — warmed up, then 8 s under the
 * benchmark's load — for chrome://inspect or any .cpuprofile viewer. Start-up (initdb, module loading) is left out.
 * `KINDS=change` (or show, syncStatus) profiles those turns of the mix alone; `TARGET=echo` (or `echoReused`) profiles an
 * echo bot under the same load instead, to compare where the two spend their time. `ALLOC=1` records allocations instead of
 * CPU time (a `.heapprofile`): what the garbage collector's share comes from.
 */
import { resolve } from 'node:path';
import { DEMO_ADMINS, DEMO_MIX, mixBodies } from './support/activities';
import { startBenchProcesses } from './support/benchProcesses';
import { runLoad } from './support/load';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'bot.cpuprofile');
  const target = process.env.TARGET ?? 'bot';
  const p = await startBenchProcesses({ echo: target === 'echo' ? 'stock' : target === 'echoReused' ? 'reused' : false });
  try {
    const kinds = (process.env.KINDS ?? 'show,syncStatus,change').split(',');
    const bodies = mixBodies({ serviceUrl: p.backends.ready.connectorUrl, tenantId: p.backends.ready.tenantId }, DEMO_MIX, DEMO_ADMINS).filter((t) => kinds.includes(t.kind)).map((t) => t.body);
    const server = { bot: p.bot, echo: p.echo, echoReused: p.echoReused }[target];
    if (!server) throw new Error(`TARGET is bot, echo or echoReused, not ${target}`);
    await runLoad(server.ready.url, bodies, { connections: 8, seconds: 5 });
    await server.call('profileStart');
    const run = await runLoad(server.ready.url, bodies, { connections: 8, seconds: 8 });
    await server.call('profileStop', { path: out });
    console.log(`${Math.round(run.turnsPerSecond)} turns/s while profiled; profile written to ${out}`);
  } finally {
    await p.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
