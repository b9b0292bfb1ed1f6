import type { BackendsReady } from './backends';
import type { BotStats } from './botServer';
import type { Child } from './child';

export interface OwnTime {
  /** The whole turn, request in to response out, replies to the connector included (ms). */
  turn: number[];
  /** The turn minus the emulator's own handling time: what the p99 target is about. */
  withoutEmulator: number[];
  /** The turn minus all time spent waiting for Graph (the emulator plus the loopback round trips). */
  withoutGraphWait: number[];
  /** CPU time of the bot process during the turn: what other work on the machine inflates least. */
  cpu: number[];
  graphCalls: number[];
}

/**
 * Turns one at a time (one connection), so each turn's Graph requests in the emulator's log are its own.
 * The bot times each turn from inside its process; the emulator's log gives the time it spent per turn.
 */
export async function measureOwnTime(bot: Child<{ url: string }>, backends: Child<BackendsReady>, bodies: readonly string[], count: number): Promise<OwnTime> {
  await bot.call('reset', { sample: true });
  const emulatorMs: number[] = [];
  for (let i = 0; i < count; i++) {
    await backends.call('reset');
    const r = await fetch(`${bot.ready.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i % bodies.length] });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`turn ${i} answered ${r.status}`);
    emulatorMs.push((await backends.call<{ graph: { emulatorMs: number } }>('stats')).graph.emulatorMs);
  }
  const { samples } = await bot.call<BotStats>('stats');
  await bot.call('reset');
  if (samples.length !== count) throw new Error(`expected ${count} timed turns, the bot timed ${samples.length}`);
  return {
    turn: samples.map((s) => s.ms),
    withoutEmulator: samples.map((s, i) => s.ms - emulatorMs[i]),
    withoutGraphWait: samples.map((s) => s.ms - s.graphMs),
    cpu: samples.map((s) => s.cpuMs),
    graphCalls: samples.map((s) => s.graphCalls),
  };
}
