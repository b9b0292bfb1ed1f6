/**
 * `npm run bench:bulk`: one change for 1,000 people through the real bot over HTTP (issue #15), in a tenant of the
 * demo tenant plus BENCH_BULK_USERS (1,000) generated cloud users, department Sales:
 *
 * 1. The preview: the demo admin pastes "set the department to Operations for:" and the 1,000 sign-in names.
 * 2. Apply (`bulk.apply`) until its job is done: at most 55 Graph requests (50 `$batch` of 20 writes, a few reads).
 * 3. The same Apply with 10% of the `$batch` write items throttled (429, Retry-After 1; a seeded draw, so the same
 *    items every run): everyone ends in Operations, and each PATCH was carried out exactly once (a throttled item was
 *    answered by the fault, not carried out, and is marked so in the emulator's request log).
 *
 * Graph requests are the HTTP requests the emulator received (a `POST /$batch` is one; its items are counted apart).
 * The emulator runs in a child process (support/bulkEmulator.ts): the memory readings are the bot's process (the bot,
 * the fake Teams connector and this driver). Also part of `npm run bench`.
 */
import './support/quietDeprecations';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { GraphEmulator } from '../src/emulator';
import { people, requireCard, shown, startHarness } from '../test/support/botHarness';
import { startChild } from './support/child';
import type { BulkEmulatorReady, BulkLogEntry } from './support/bulkEmulator';

const USERS = Number(process.env.BENCH_BULK_USERS ?? 1_000) || 1_000;
/** The most Graph requests an Apply for 1,000 people may take: 50 `$batch` of 20 writes, and a few reads. */
export const BULK_APPLY_TARGET = 55;
const THROTTLE_RATE = 0.1;

export interface Memory {
  rssMB: number;
  heapUsedMB: number;
}

export interface BulkStep {
  /** HTTP requests the emulator received (a `POST /$batch` counts once). */
  requests: number;
  batches: number;
  /** Write items inside the `$batch` requests (PATCH, POST, DELETE), throttled ones included. */
  writeItems: number;
  /** Items answered by the throttling fault (not carried out). */
  throttledItems: number;
  /** Read items inside the `$batch` requests. */
  readItems: number;
  ms: number;
  /** Settled (after full collections) before and after; the peak while the step ran. */
  memory: { before: Memory; after: Memory; peak: Memory };
  /** The top-level requests by method and path (ids as {id}), most first. */
  byPath: [string, number][];
  /** The `$batch` items by method and path, most first. */
  itemsByPath: [string, number][];
}

export interface BulkResult {
  users: number;
  people: number;
  preview: BulkStep;
  apply: BulkStep;
  throttled: BulkStep & {
    /** People whose department is Operations afterwards. */
    inOperations: number;
    /** People whose PATCH was carried out exactly once / more than once / never. */
    landedOnce: number;
    landedTwice: number;
    neverLanded: number;
    /** What the bot's card says at the end. */
    summary: string;
  };
  /** The clean Apply's card summary and everyone's department afterwards. */
  applySummary: string;
  applyInOperations: number;
}

/** `global.gc` without `--expose-gc` on the command line (tsx runs this file). */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;

async function settledMemory(gc: () => void): Promise<Memory> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 300));
  gc();
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed) };
}

/** Runs `work` between two settled memory readings, sampling the peak every 20 ms. */
async function measured<T>(gc: () => void, work: () => Promise<T>): Promise<{ result: T; ms: number; memory: BulkStep['memory'] }> {
  const before = await settledMemory(gc);
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const started = performance.now();
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  sample();
  const after = await settledMemory(gc);
  return { result, ms, memory: { before, after, peak: { rssMB: mb(peak.rss), heapUsedMB: mb(peak.heap) } } };
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const shape = (e: BulkLogEntry) => `${e.method} ${e.path.replace('/v1.0', '').replace(GUID, '{id}')}`;

function grouped(entries: BulkLogEntry[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(shape(e), (counts.get(shape(e)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function stepOf(log: BulkLogEntry[], ms: number, memory: BulkStep['memory']): BulkStep {
  const top = log.filter((e) => !e.inBatch);
  const items = log.filter((e) => e.inBatch);
  return {
    requests: top.length,
    batches: top.filter((e) => e.method === 'POST' && e.path.endsWith('/$batch')).length,
    writeItems: items.filter((e) => e.method !== 'GET').length,
    throttledItems: items.filter((e) => e.fault && e.status === 429).length,
    readItems: items.filter((e) => e.method === 'GET').length,
    ms, memory, byPath: grouped(top), itemsByPath: grouped(items),
  };
}

const planIdOf = (card: unknown): string => {
  const m = JSON.stringify(card).match(/"planId":"([^"]+)"/);
  if (!m) throw new Error('the preview card has no planId');
  return m[1];
};

export async function measureBulkChange(users = USERS): Promise<BulkResult> {
  const gc = collector();
  const graph = await startChild<BulkEmulatorReady>('bulkEmulator', { BULK_USERS: String(users) });
  const { graphUrl, bulk } = graph.ready;
  // The harness needs only the emulator's address; the emulator itself lives in the child.
  const h = await startHarness({ emulator: { url: graphUrl, baseUrl: `${graphUrl}/v1.0`, close: async () => undefined } as unknown as GraphEmulator });
  const ids = bulk.map((b) => b.id);
  const request = `set the department to Operations for:\n${bulk.map((b) => b.upn).join('\n')}`;
  const log = () => graph.call<BulkLogEntry[]>('log');
  const inOperations = async () => (await graph.call<(string | null)[]>('departments', ids)).filter((d) => d === 'Operations').length;

  const preview = async (): Promise<string> => {
    const [reply] = await h.say(request, people.daan);
    const card = requireCard(reply);
    const text = shown(card);
    if (!new RegExp(`Change ${users.toLocaleString('en')} people|Change ${users} people`).test(text)) {
      throw new Error(`the preview is not for ${users} people: ${text.slice(0, 300)}`);
    }
    return planIdOf(card);
  };
  const apply = async (planId: string): Promise<string> => {
    const sentBefore = h.connector.sent.length;
    const r = await h.act('bulk.apply', { planId }, people.daan, { replyToId: 'bulk-card' });
    if (r.status !== 200) throw new Error(`bulk.apply answered ${r.status}`);
    await h.app.runJobs();
    const update = h.connector.sent.slice(sentBefore).filter((s) => s.kind === 'update').pop();
    return update ? (shown(requireCard(update)).match(/Done:[^\n]*/)?.[0] ?? '(no summary on the card)') : '(the card was not updated)';
  };

  try {
    // Warm-up: the bot's first turn (the caller's roles, the language model) is not what a bulk change costs.
    await h.say('show Noah Peeters', people.daan);

    await graph.call('clearLog');
    const p = await measured(gc, preview);
    const previewStep = stepOf(await log(), p.ms, p.memory);

    await graph.call('clearLog');
    const a = await measured(gc, () => apply(p.result));
    const applyStep = stepOf(await log(), a.ms, a.memory);
    const applyInOperations = await inOperations();

    // The same change again on a fresh tenant, now with 10% of the write items throttled.
    await graph.call('reset');
    const planId = await preview();
    await graph.call('fault', { match: { method: 'PATCH', inBatch: true }, rate: THROTTLE_RATE, status: 429, retryAfterSeconds: 1 });
    await graph.call('clearLog');
    const t = await measured(gc, () => apply(planId));
    const throttledLog = await log();
    const landed = new Map<string, number>();
    for (const e of throttledLog) {
      if (!e.inBatch || e.method !== 'PATCH' || e.fault || e.status >= 300) continue;
      const id = e.path.split('/').pop()!.toLowerCase();
      landed.set(id, (landed.get(id) ?? 0) + 1);
    }
    const times = ids.map((id) => landed.get(id.toLowerCase()) ?? 0);
    return {
      users: graph.ready.users, people: users, preview: previewStep, apply: applyStep, applySummary: a.result, applyInOperations,
      throttled: {
        ...stepOf(throttledLog, t.ms, t.memory), inOperations: await inOperations(), summary: t.result,
        landedOnce: times.filter((n) => n === 1).length, landedTwice: times.filter((n) => n > 1).length, neverLanded: times.filter((n) => n === 0).length,
      },
    };
  } finally {
    await h.close();
    await graph.stop();
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
const memoryLine = (m: BulkStep['memory']) =>
  `RSS ${m.before.rssMB} → ${m.after.rssMB} MB (${signed(m.after.rssMB - m.before.rssMB)}, peak ${signed(m.peak.rssMB - m.before.rssMB)}), ` +
  `heap ${m.before.heapUsedMB} → ${m.after.heapUsedMB} MB (${signed(m.after.heapUsedMB - m.before.heapUsedMB)}, peak ${signed(m.peak.heapUsedMB - m.before.heapUsedMB)})`;
const paths = (rows: [string, number][]) => rows.map(([p, n]) => `${n}× ${p}`).join('; ');

/** Prints the section; returns whether the Apply stayed within the target and the throttled run wrote everyone once. */
export function printBulkChange(r: BulkResult): boolean {
  const { preview: p, apply: a, throttled: t } = r;
  const applyOk = a.requests <= BULK_APPLY_TARGET;
  const throttledOk = t.inOperations === r.people && t.landedOnce === r.people;
  console.log(`tenant: ${r.users.toLocaleString('en')} users; one department change for ${r.people.toLocaleString('en')} people (a pasted list of sign-in names), through bot turns over HTTP`);
  console.log(`preview               ${p.requests} Graph request(s) (${p.batches} $batch, ${p.readItems} read items), ${s(p.ms)}; bot ${memoryLine(p.memory)}`);
  console.log(`                      by path: ${paths(p.byPath)}`);
  console.log(`apply                 ${a.requests} Graph request(s) (target ≤ ${BULK_APPLY_TARGET}: ${applyOk ? 'ok' : 'over'}), ${a.batches} $batch, ${a.writeItems} write items, ${a.readItems} read items, ${s(a.ms)}; bot ${memoryLine(a.memory)}`);
  console.log(`                      by path: ${paths(a.byPath)}`);
  if (a.readItems) console.log(`                      $batch items: ${paths(a.itemsByPath)}`);
  console.log(`                      card: ${r.applySummary}; ${r.applyInOperations} of ${r.people} in Operations`);
  console.log(`apply, 10% throttled  ${t.requests} Graph request(s), ${t.batches} $batch, ${t.writeItems} write items (${t.throttledItems} answered 429, Retry-After 1), ${s(t.ms)}; bot ${memoryLine(t.memory)}`);
  console.log(`                      by path: ${paths(t.byPath)}`);
  console.log(`                      card: ${t.summary}; ${t.inOperations} of ${r.people} in Operations; PATCH carried out exactly once for ${t.landedOnce}, more than once for ${t.landedTwice}, never for ${t.neverLanded} (${throttledOk ? 'ok' : 'WRONG'})`);
  return applyOk && throttledOk;
}

if (require.main === module) {
  measureBulkChange()
    .then((r) => {
      console.log('Bulk change: Graph requests, time and bot memory (emulator request log)');
      process.exitCode = printBulkChange(r) ? 0 : 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
