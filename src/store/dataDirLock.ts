import { closeSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StartupError } from '../errors';

const FILE = 'account-assistant.lock';
/** The holder touches the file this often; a lock untouched for STALE_MS is a crashed holder's. */
const HEARTBEAT_MS = 5_000;
const STALE_MS = 30_000;

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  /** When the holding process started (ms): tells a restarted container's PID 1 from this same process. */
  processStart?: number;
}

const PROCESS_START = Math.round(Date.now() - process.uptime() * 1000);

/**
 * One process per embedded data directory. PGlite is a single-process database: a second bot on the same DATA_DIR
 * would open it too, and one bot's plans and audit records would vanish under the other. The lock is a file in the
 * directory, created exclusively, naming its holder and touched every few seconds. A lock left by a process that is
 * gone (same host, dead pid, or untouched for 30 s) is taken over, so a crash or a restart never needs a hand.
 */
export class DataDirLock {
  private released = false;

  private constructor(private readonly path: string, private readonly holder: Holder, private readonly heartbeat: NodeJS.Timeout) {}

  /** Takes the lock or throws a StartupError naming the directory, the holder and the fix. */
  static acquire(dataDir: string): DataDirLock {
    const path = join(dataDir, FILE);
    const me: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), processStart: PROCESS_START };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        try {
          writeSync(fd, JSON.stringify(me));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        const heartbeat = setInterval(() => touch(path), HEARTBEAT_MS);
        heartbeat.unref();
        return new DataDirLock(path, me, heartbeat);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') throw new StartupError(`DATA_DIR ${dataDir} cannot be locked for this process (${code ?? 'error'}): check that it exists and is writable.`);
        const holder = readHolder(path);
        if (!isStale(path, holder)) throw new StartupError(inUse(dataDir, holder));
        try {
          unlinkSync(path);
        } catch {
          // Another newcomer took it away first: the next attempt decides.
        }
      }
    }
    throw new StartupError(inUse(dataDir, readHolder(path)));
  }

  /** Gives the lock up, if it is still this process's. */
  release(): void {
    if (this.released) return;
    this.released = true;
    clearInterval(this.heartbeat);
    const holder = readHolder(this.path);
    if (holder && holder.pid === this.holder.pid && holder.host === this.holder.host && holder.startedAt === this.holder.startedAt) {
      try {
        unlinkSync(this.path);
      } catch {
        // Already gone.
      }
    }
  }
}

function inUse(dataDir: string, holder: Holder | null): string {
  const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.startedAt}` : 'another process';
  return `DATA_DIR ${dataDir} is in use by another Account Assistant (${who}). Run one process per data directory; `
    + 'for several instances, set DATABASE_URL to a PostgreSQL database they share.';
}

function readHolder(path: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function isStale(path: string, holder: Holder | null): boolean {
  if (holder && holder.host === hostname()) {
    // This very pid but an earlier process start: a previous life (a container's PID 1 restarted), not a rival.
    if (holder.pid === process.pid) return (holder.processStart ?? 0) < PROCESS_START - 1_000;
    if (!isAlive(holder.pid)) return true;
  }
  try {
    return Date.now() - statSync(path).mtimeMs > STALE_MS;
  } catch {
    return true;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // The directory went away: the database will say so on its next statement.
  }
}
