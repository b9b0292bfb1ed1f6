import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A durable queue on the local disk for what must reach the database but cannot now (it is unreachable): one file
 * per item, written to a temporary name, fsynced, then renamed, so an item is either whole or absent after a crash.
 * Items come back oldest first. Used for the outcome and audit records of a Graph write that already happened.
 */
export class FileSpool<T> {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async add(item: T): Promise<string> {
    const id = `${Date.now().toString().padStart(15, '0')}-${randomUUID()}`;
    const tmp = join(this.dir, `.${id}.tmp`);
    const file = await open(tmp, 'w');
    try {
      await file.writeFile(JSON.stringify(item));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, join(this.dir, `${id}.json`));
    // The rename itself must survive a power cut too: sync the directory.
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return id;
  }

  /** Oldest first; a file that does not parse (never written whole) is skipped. */
  async list(): Promise<{ id: string; item: T }[]> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json')).sort();
    const out: { id: string; item: T }[] = [];
    for (const name of names) {
      try {
        out.push({ id: name.slice(0, -5), item: JSON.parse(await readFile(join(this.dir, name), 'utf8')) as T });
      } catch {
        // A concurrent replay removed it, or it is unreadable: nothing to do with it here.
      }
    }
    return out;
  }

  async remove(id: string): Promise<void> {
    await unlink(join(this.dir, `${id}.json`)).catch(() => undefined);
  }
}
