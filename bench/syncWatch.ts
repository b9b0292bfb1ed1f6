/**
 * `npm run bench:syncwatch`: Graph requests per watcher tick for 1, 20 and 1,000 watched hand-overs (issue #14, item 3),
 * counted in the emulator's request log (top-level requests: a `$batch` of 20 reads is one). The watcher reads every
 * due watch of a tick together, so the count is ceil(n / 20), never n. Also part of `npm run bench`.
 */
import './support/quietDeprecations';
import { startGraphEmulator } from '../src/emulator';
import type { Json } from '../src/store/json';
import { SYNC_WATCH_KIND, SYNC_WATCH_TTL_MS, type SyncWatch } from '../src/syncWatch/watchedChange';
import { largeTenant } from '../test/emulator/largeTenant';
import { startHarness } from '../test/support/botHarness';

export interface WatchTick {
  items: number;
  requests: number;
  /** The most a tick may cost: one `$batch` per 20 watched accounts. */
  fewest: number;
  ms: number;
}

export const WATCH_SIZES = [1, 20, 1_000];

export async function countSyncWatchRequests(sizes: readonly number[] = WATCH_SIZES): Promise<WatchTick[]> {
  const most = Math.max(...sizes);
  // Every third generated user is synced: enough distinct synced accounts for the largest tick.
  const emulator = await startGraphEmulator({ tenant: largeTenant(most * 3) });
  const h = await startHarness({ emulator });
  const synced = emulator.state.allUsers().filter((u) => u.onPremisesSyncEnabled === true).map((u) => String(u.id));
  const rows: WatchTick[] = [];
  try {
    for (const items of sizes) {
      const now = new Date();
      for (let i = 0; i < items; i++) await h.app.store.jobs.add({ kind: SYNC_WATCH_KIND, dueAt: now.toISOString(), payload: watchOf(synced[i], now) as unknown as Json, ownerId: null });
      emulator.clearLog();
      const started = performance.now();
      const settled = await h.app.runJobs();
      const ms = performance.now() - started;
      if (settled !== items) throw new Error(`the watcher settled ${settled} of ${items} watches in one tick`);
      rows.push({ items, requests: emulator.requestLog.filter((e) => !e.batchRequestId).length, fewest: Math.ceil(items / 20), ms });
    }
  } finally {
    await h.close();
    await emulator.close();
  }
  return rows;
}

/** A hand-over of a department a minute ago: no sync yet, nothing to tell, looked at again later. */
function watchOf(targetId: string, now: Date): SyncWatch {
  const plan = { targetId, synced: true, items: [], script: null, warnings: [] };
  return {
    targetId, targetName: targetId, expected: [{ property: 'department', value: 'Key Accounts' }],
    handedOverAt: new Date(now.getTime() - 60_000).toISOString(), expiresAt: new Date(now.getTime() + SYNC_WATCH_TTL_MS).toISOString(),
    adminId: '00000000-0000-4000-8000-000000000001', language: 'en', timeZone: null, card: null, view: { targetName: targetId, plan, planId: '' },
  };
}

/** Prints the table; returns whether every tick stayed within one request per 20 watched accounts. */
export function printSyncWatchCounts(rows: WatchTick[]): boolean {
  console.log('watched items   Graph requests per tick   at most (ceil(n / 20))   tick ms');
  for (const r of rows) console.log(`${String(r.items).padEnd(16)}${String(r.requests).padEnd(26)}${String(r.fewest).padEnd(25)}${r.ms.toFixed(0)}`);
  return rows.every((r) => r.requests <= r.fewest);
}

if (require.main === module) {
  countSyncWatchRequests()
    .then((rows) => {
      console.log('Post-sync watcher: Graph requests per tick (emulator request log)');
      process.exitCode = printSyncWatchCounts(rows) ? 0 : 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
