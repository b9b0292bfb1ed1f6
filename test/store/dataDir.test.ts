import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartupError } from '../../src/errors';
import { DataDirLock } from '../../src/store/dataDirLock';
import { PgliteClient } from '../../src/store/pgliteClient';

/** One process per embedded data directory; a damaged one stops the start with one line that names it. */
describe('the embedded data directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aa-datadir-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a second opener is refused at once, naming the directory and the fix; after close it opens again', async () => {
    const first = await PgliteClient.open(dir);
    const started = Date.now();
    const second = PgliteClient.open(dir);
    await expect(second).rejects.toBeInstanceOf(StartupError);
    await expect(second).rejects.toThrow(new RegExp(`DATA_DIR ${dir} is in use by another Account Assistant \\(process ${process.pid} .*DATABASE_URL`));
    expect(Date.now() - started).toBeLessThan(1_000);
    await first.close();
    const again = await PgliteClient.open(dir);
    await again.close();
  }, 60_000);

  it('a lock left by a process that is gone is taken over', async () => {
    // A child that exits at once: its pid is dead by the time the lock is read.
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(join(dir, 'account-assistant.lock'), JSON.stringify({ pid: child.pid, host: require('node:os').hostname(), startedAt: '2026-12-01T00:00:00Z' }));
    const lock = DataDirLock.acquire(dir);
    expect(JSON.parse(readFileSync(join(dir, 'account-assistant.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('a new directory gets its database from a process of its own, moved into place with nothing left over', async () => {
    writeFileSync(join(dir, 'README.txt'), 'the deployer\'s own file');
    const client = await PgliteClient.open(dir);
    await client.query('CREATE TABLE kept (n int)');
    await client.close();
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('.initdb-'))).toEqual([]);
    expect(readFileSync(join(dir, 'README.txt'), 'utf8')).toBe('the deployer\'s own file');
    const again = await PgliteClient.open(dir);
    expect((await again.query('SELECT count(*)::int AS n FROM kept')).rows).toEqual([{ n: 0 }]);
    await again.close();
  }, 60_000);

  it('a first start killed half-way (a staging folder, some entries, no PG_VERSION) is cleaned up and begins again', async () => {
    mkdirSync(join(dir, '.initdb-4242', 'base'), { recursive: true });
    writeFileSync(join(dir, '.initdb-4242', 'base', 'half'), 'x');
    mkdirSync(join(dir, 'global'));
    writeFileSync(join(dir, 'global', 'pg_control'), 'half moved');
    const client = await PgliteClient.open(dir);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.close();
    expect(readdirSync(dir).filter((name) => name.startsWith('.initdb-'))).toEqual([]);
  }, 60_000);

  it('a damaged directory stops the start with one line naming it, never a stack trace', async () => {
    const client = await PgliteClient.open(dir);
    await client.close();
    writeFileSync(join(dir, 'global', 'pg_control'), 'not a control file');
    const opening = PgliteClient.open(dir);
    await expect(opening).rejects.toBeInstanceOf(StartupError);
    await expect(opening).rejects.toThrow(new RegExp(`DATA_DIR ${dir} cannot be opened as the bot's database .*restore it from a backup`));
    // The lock was given back: after repair the directory opens.
    expect(() => DataDirLock.acquire(dir).release()).not.toThrow();
  }, 60_000);
});
