/**
 * `npm run bench:throughput`: only the throughput comparison of `npm run bench` (our bot against the echo bot,
 * 3 × 4 s or RUNS × 4 s, medians), for quick before/after checks of a change. `KINDS=show,syncStatus,change` picks which turns
 * of the mix to send, e.g. `KINDS=change` for the confirmation-card turns alone. `MATCHED=1` also measures an echo bot
 * that makes the Graph requests and the plan insert our turns of those kinds must (support/echoWork.ts): no target,
 * but the ratio to it is our own work's share.
 */
import { DEMO_ADMINS, DEMO_MIX, mixBodies } from './support/activities';
import { startBenchProcesses } from './support/benchProcesses';
import { measureThroughput } from './support/measureThroughput';
import { median } from './support/percentile';

async function main(): Promise<void> {
  const kinds = (process.env.KINDS ?? 'show,syncStatus,change').split(',');
  const matched = process.env.MATCHED === '1';
  const p = await startBenchProcesses({ echo: true, matched });
  try {
    const ctx = { serviceUrl: p.backends.ready.connectorUrl, tenantId: p.backends.ready.tenantId };
    const bodies = mixBodies(ctx, DEMO_MIX, DEMO_ADMINS).filter((t) => kinds.includes(t.kind)).map((t) => t.body);
    const t = await measureThroughput(p.bot, p.echo!, bodies, { runs: Math.max(1, Math.trunc(Number(process.env.RUNS ?? 3)) || 3), seconds: 4, connections: 8, echoReused: p.echoReused, echoMatched: p.echoMatched });
    // A failing turn is a fast one: no ratio means anything with any.
    const failed = [t.ours, t.echo, t.echoReused ?? [], t.echoMatched ?? []].flat().reduce((n, r) => n + r.failures, 0);
    if (failed > 0) throw new Error(`${failed} turns failed`);
    const ours = median(t.ours.map((r) => r.turnsPerSecond));
    const echo = median(t.echo.map((r) => r.turnsPerSecond));
    const reused = median(t.echoReused!.map((r) => r.turnsPerSecond));
    const cpu = (runs: { cpuMsPerTurn: number }[]) => median(runs.map((r) => r.cpuMsPerTurn)).toFixed(2);
    const runs = (r: { turnsPerSecond: number }[]) => r.map((x) => x.turnsPerSecond.toFixed(0)).join(', ');
    console.log(`${kinds.join('+')}: ours ${ours.toFixed(0)} turns/s (${cpu(t.ours)} ms CPU per turn), echo ${echo.toFixed(0)} (${cpu(t.echo)} ms), ratio ${((ours / echo) * 100).toFixed(0)}%`);
    console.log(`  echo with its clients reused as ours: ${reused.toFixed(0)} (${cpu(t.echoReused!)} ms), ratio ${((ours / reused) * 100).toFixed(0)}%`);
    if (t.echoMatched) {
      const m = median(t.echoMatched.map((r) => r.turnsPerSecond));
      console.log(`  echo with clients reused and the Graph requests and plan insert our turns must make: ${m.toFixed(0)} (${cpu(t.echoMatched)} ms), ratio ${((ours / m) * 100).toFixed(0)}%`);
    }
    console.log(`runs: ours ${runs(t.ours)}; echo ${runs(t.echo)}; echo, clients reused ${runs(t.echoReused!)}${t.echoMatched ? `; echo, work matched ${runs(t.echoMatched)}` : ''}`);
  } finally {
    await p.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
