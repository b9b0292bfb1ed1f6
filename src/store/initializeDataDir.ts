import { execFile } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The file PGlite (as PostgreSQL) looks for: a data directory without it is initialized (initdb) when opened. */
const PG_VERSION = 'PG_VERSION';
/** The folder inside the data directory where a fresh database is made before it is moved into place. */
const STAGING_PREFIX = '.initdb-';
/** initdb takes about 5 s here; a child still running after this long is stopped and the start fails with a reason. */
const INITDB_TIMEOUT_MS = 5 * 60_000;

/**
 * A plain node process that creates a PGlite database in the folder it is given and closes it. PGlite's package is
 * required by the absolute path the parent resolved, so the child needs neither tsx nor the parent's working directory.
 */
const CHILD_SOURCE = `
const [pglite, target] = process.argv.slice(1);
require(pglite).PGlite.create({ dataDir: target })
  .then((db) => db.close())
  .then(() => process.exit(0), (e) => { process.stderr.write(String((e && e.message) || e)); process.exit(1); });
`;

/**
 * Makes sure `dataDir` holds a database before the bot's own process opens it.
 *
 * Why a process of its own: PGlite's initdb is a second WebAssembly program and a second PostgreSQL instance, and
 * what they allocate is freed but stays resident in the process that ran them (the C heap cannot shrink below its
 * highest block). Measured with the built bot (`npm run bench:built`): about 55 MB of malloc heap and 3 MB of code
 * kept for the life of a bot whose first start ran initdb, against a restart on the same directory. Run in a child,
 * all of it goes back to the system when the child exits; the first start takes about half a second longer.
 *
 * Why a staging folder: the database is made in `.initdb-<pid>` inside `dataDir` (so the same file system, whatever
 * is mounted there), then its entries are moved up with PG_VERSION last. A first start killed half-way leaves no
 * directory that looks like a database but is not one: without PG_VERSION the next start cleans up and begins
 * again, removing only its own staging folders and the entries a fresh database is made of.
 */
export async function initializeDataDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, PG_VERSION))) return;
  for (const name of readdirSync(dataDir)) {
    if (name.startsWith(STAGING_PREFIX)) rmSync(join(dataDir, name), { recursive: true, force: true });
  }
  const staging = join(dataDir, `${STAGING_PREFIX}${process.pid}`);
  await runChild(require.resolve('@electric-sql/pglite'), staging);
  const entries = readdirSync(staging).filter((name) => name !== PG_VERSION);
  for (const name of [...entries, PG_VERSION]) {
    if (name === PG_VERSION) syncDirectory(dataDir);
    rmSync(join(dataDir, name), { recursive: true, force: true });
    renameSync(join(staging, name), join(dataDir, name));
  }
  syncDirectory(dataDir);
  rmSync(staging, { recursive: true, force: true });
}

function runChild(pglite: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', CHILD_SOURCE, pglite, target], { env: process.env, maxBuffer: 1 << 20, timeout: INITDB_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (!error) resolve();
      else if (error.killed) reject(new Error(`initdb did not finish within ${INITDB_TIMEOUT_MS / 60_000} minutes`));
      else reject(new Error(`initdb failed: ${(stderr.trim() || error.message).split('\n')[0]}`));
    });
  });
}

/**
 * The renames above reach the disk before PG_VERSION marks the directory as a database. Windows cannot open a
 * directory as a file; NTFS journals its directory entries itself.
 */
function syncDirectory(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
