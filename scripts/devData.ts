import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../src/errors';
import { DataDirLock } from '../src/store/dataDirLock';

/*
 * `npm run dev` keeps two things in DATA_DIR that must agree: the bot's store (plans, requests, history: PGlite's
 * files) and the Graph emulator's tenant (what those changes did). They start over together: `--reset` removes
 * both, and a fresh DATA_DIR has neither.
 */

/** The emulator's tenant, beside the bot's store. */
export const TENANT_STATE_FILE = 'graph-emulator-tenant.json';

/** What the bot and the emulator write in a DATA_DIR: PGlite's cluster files, the lock, the spool, the tenant state. */
const WRITTEN_BY_US = /^(PG_VERSION|base|global|pg_[a-z_]+(\.conf)?|postgresql(\.auto)?\.conf|postmaster\.(opts|pid)|account-assistant\.lock|spool|graph-emulator-tenant\.json(\.\d+\.tmp)?)$/;

export function tenantStatePath(dataDir: string): string {
  return join(dataDir, TENANT_STATE_FILE);
}

/** What a DATA_DIR holds, for the start-up note when history and tenant cannot agree. */
export function devDataState(dataDir: string): { store: boolean; tenant: boolean } {
  return { store: existsSync(join(dataDir, 'PG_VERSION')), tenant: existsSync(tenantStatePath(dataDir)) };
}

/**
 * Empties DATA_DIR of the bot's store and the emulator's tenant, so both start over. Refuses (StartupError, one
 * line) while another process uses the directory, and when it holds anything else: DATA_DIR may point anywhere,
 * and a reset deletes only what the bot wrote. Returns the names it removed.
 */
export function resetDevData(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  const entries = readdirSync(dataDir);
  const foreign = entries.filter((name) => !WRITTEN_BY_US.test(name));
  if (foreign.length > 0) {
    throw new StartupError(`--reset: DATA_DIR ${dataDir} holds files the bot did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); `
      + 'nothing was deleted. Point DATA_DIR at a directory of its own, or empty it yourself.');
  }
  // The bot's own lock: a reset under a running bot would pull its database away.
  DataDirLock.acquire(dataDir).release();
  for (const name of entries) rmSync(join(dataDir, name), { recursive: true, force: true });
  return entries;
}
