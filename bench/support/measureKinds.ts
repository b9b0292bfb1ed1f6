import type { Turn, TurnKind } from './activities';
import type { Child } from './child';
import { measureThroughput, type ThroughputRun } from './measureThroughput';
import { median } from './percentile';

/** Issue #17's throughput targets against the stock echo bot in the same run, per kind of turn and for the mix. */
export const KIND_TARGETS: { name: string; kinds: TurnKind[]; ratio: number }[] = [
  { name: 'change turns (a plan stored)', kinds: ['change'], ratio: 0.65 },
  { name: 'show turns', kinds: ['show'], ratio: 0.8 },
  { name: 'sync-status turns', kinds: ['syncStatus'], ratio: 0.8 },
];
export const MIX_TARGET = 0.7;

export interface KindThroughput {
  name: string;
  target: number;
  ours: ThroughputRun[];
  echo: ThroughputRun[];
  ratio: number;
}

/**
 * Each kind of turn alone (its sentences of the mix, from the same admins) against the stock echo bot sent the same
 * activities: alternating runs as for the mix, with a warm-up of at most `warmUpSeconds` (the mix's run warmed both).
 */
export async function measureKinds(
  bot: Child<{ url: string }>, echo: Child<{ url: string }>, mix: (Turn & { body: string })[] | { kind: TurnKind; body: string }[],
  opts: { runs: number; seconds: number; connections: number; warmUpSeconds: number },
): Promise<KindThroughput[]> {
  const result: KindThroughput[] = [];
  for (const target of KIND_TARGETS) {
    const bodies = mix.filter((t) => target.kinds.includes(t.kind)).map((t) => t.body);
    const t = await measureThroughput(bot, echo, bodies, opts);
    const ratio = median(t.ours.map((r) => r.turnsPerSecond)) / median(t.echo.map((r) => r.turnsPerSecond));
    result.push({ name: target.name, target: target.ratio, ours: t.ours, echo: t.echo, ratio });
  }
  return result;
}

/** The table of per-kind runs; returns one verdict line per kind. */
export function printKinds(kinds: KindThroughput[]): [boolean, string][] {
  const w = [30, 10, 10, 8, 30];
  const row = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(w[i])).join(''));
  row(['', 'ours t/s', 'echo t/s', 'ratio', 'runs ours | echo']);
  const runs = (r: ThroughputRun[]) => r.map((x) => x.turnsPerSecond.toFixed(0)).join(', ');
  for (const k of kinds) {
    row([k.name, median(k.ours.map((r) => r.turnsPerSecond)).toFixed(0), median(k.echo.map((r) => r.turnsPerSecond)).toFixed(0), `${(k.ratio * 100).toFixed(0)}%`, `${runs(k.ours)} | ${runs(k.echo)}`]);
  }
  return kinds.map((k) => [k.ratio >= k.target, `${k.name}: ${(k.ratio * 100).toFixed(0)}% of the stock echo bot's throughput (target ≥ ${k.target * 100}%)`]);
}
