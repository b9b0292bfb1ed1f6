import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Files of PGlite's bundle that a running server on an existing database never reads: initdb's catalog sources and
 * SQL scripts, the build system (pgxs), conversions between encodings other than UTF-8 (client and server are both
 * UTF-8), full-text-search dictionaries and ICU collation data (the store uses neither), and the WAL receiver (PGlite
 * never replicates). About 5 of the bundle's 6 MB. Traced (issue #17): from start to a store's statements, the server
 * opens only its time-zone files, `timezonesets/Default` and `plpgsql.so` (the audit log's trigger).
 */
const NOT_NEEDED_RUNNING = [
  /^\/pglite\/share\/postgresql\/[^/]+\.(bki|sql|sample|txt)$/,
  /^\/pglite\/share\/postgresql\/tsearch_data\//,
  /^\/pglite\/lib\/postgresql\/pgxs\//,
  /^\/pglite\/lib\/postgresql\/[a-z0-9_]+_and_[a-z0-9_]+\.so$/,
  /^\/pglite\/lib\/postgresql\/(dict_snowball|libpqwalreceiver)\.so$/,
  /^\/pglite\/icu\//,
];

interface BundledFile {
  path: string;
  start: number;
  end: number;
}

/** The bundle as PGlite 0.5's loader describes it: every file's path and byte range in pglite.data, and its size. */
export interface BundleLayout {
  files: BundledFile[];
  size: number;
}

/** The layout, read once per process; false when this PGlite's loader does not describe it as expected. */
let layout: BundleLayout | false | undefined;

/** A bundle for PGlite's `fsBundle` option, and what to do once the server it was given to has started. */
export interface RunningServerBundle {
  blob: Blob;
  /**
   * Removes the files this bundle left empty from the started server's file system, so that reading one fails with
   * "no such file" instead of finding zeros.
   */
  removeLeftOut(db: PGlite): void;
}

/**
 * The file system bundle for a PGlite that opens an existing database (not initdb, not an in-memory database): the
 * same size as pglite.data, with only the files a running server reads copied in, the rest left as never-written
 * zero pages of a fresh buffer. A buffer this size (6 MB) comes from its own fresh mapping (above glibc's mmap
 * threshold: the bot frees no larger block before it, pgliteWasmModule's read buffer being above the largest
 * threshold), whose pages become resident only when written.
 *
 * Why: PGlite reads the whole 6 MB bundle into one buffer and makes every file of its in-memory file system a view
 * into it, so the buffer stays resident for the life of the store, most of it files only initdb reads (measured in
 * `npm run bench:built`). Null when this PGlite's loader does not describe its bundle as expected (another version)
 * or the bundle cannot be read here: then PGlite reads the whole of it as usual, and reports any real fault itself.
 */
export function runningServerBundle(): RunningServerBundle | null {
  try {
    layout ??= readLayout() ?? false;
    if (!layout) return null;
    const { files } = layout;
    return { blob: new BufferBlob(sparseCopy(layout)), removeLeftOut: (db) => removeLeftOut(db, files) };
  } catch {
    return null;
  }
}

function sparseCopy(layout: BundleLayout): ArrayBuffer {
  const buffer = new ArrayBuffer(layout.size);
  const bytes = new Uint8Array(buffer);
  const fd = openSync(bundlePath(), 'r');
  try {
    for (const file of layout.files) {
      if (!neededRunning(file.path)) continue;
      for (let at = file.start; at < file.end;) {
        const n = readSync(fd, bytes, at, file.end - at, at);
        if (n === 0) throw new Error(`pglite.data ended at ${at} of ${file.end}`);
        at += n;
      }
    }
  } finally {
    closeSync(fd);
  }
  return buffer;
}

function removeLeftOut(db: PGlite, files: readonly BundledFile[]): void {
  const fs = db.Module.FS as unknown as { unlink(path: string): void };
  for (const file of files) {
    if (neededRunning(file.path)) continue;
    try {
      fs.unlink(file.path);
    } catch {
      // Not there (a PGlite that lays out its bundle otherwise): nothing to remove, and no reason to refuse the store.
    }
  }
}

export function neededRunning(path: string): boolean {
  return !NOT_NEEDED_RUNNING.some((pattern) => pattern.test(path));
}

function bundlePath(): string {
  return join(dirname(require.resolve('@electric-sql/pglite')), 'pglite.data');
}

/**
 * The loader's description of pglite.data, from PGlite's own code (the Emscripten file packager writes it there as
 * `{files:[{filename:"…",start:…,end:…},…],remote_package_size:…}`). Checked: the ranges follow each other from 0 to
 * the declared size, which is the file's size.
 */
export function readLayout(): BundleLayout | null {
  const source = readFileSync(require.resolve('@electric-sql/pglite'), 'utf8');
  // Each path parsed into a string of its own: a match's substring would keep the whole half-megabyte source alive.
  const files = [...source.matchAll(/\{filename:("[^"]+"),start:(\d+),end:(\d+)\}/g)].map((m) => ({ path: JSON.parse(m[1]) as string, start: Number(m[2]), end: Number(m[3]) }));
  const size = Number(/remote_package_size:(\d+)/.exec(source)?.[1] ?? NaN);
  let at = 0;
  for (const file of files) {
    if (file.start !== at || file.end < file.start) return null;
    at = file.end;
  }
  if (files.length === 0 || at !== size) return null;
  const fd = openSync(bundlePath(), 'r');
  try {
    // The file must be exactly the declared size: one byte past the end reads nothing.
    if (readSync(fd, Buffer.alloc(1), 0, 1, size) !== 0 || readSync(fd, Buffer.alloc(1), 0, 1, size - 1) !== 1) return null;
  } finally {
    closeSync(fd);
  }
  return { files, size };
}

/** A Blob whose bytes are the buffer itself: PGlite asks for `arrayBuffer()`, and a copy would touch every page. */
class BufferBlob extends Blob {
  constructor(private readonly buffer: ArrayBuffer) {
    super([]);
  }

  override get size(): number {
    return this.buffer.byteLength;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.buffer);
  }
}
