import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

/**
 * Above glibc's largest dynamic mmap threshold (DEFAULT_MMAP_THRESHOLD_MAX, 32 MiB on 64-bit): a block this large
 * is mapped on its own, and freeing it leaves the allocator's thresholds as they were.
 */
const READ_BUFFER_BYTES = 33 * 1024 * 1024;

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * PGlite's WebAssembly, compiled once per process for every PGlite opened in it.
 *
 * - By V8's baseline compiler (Liftoff) only. By default V8 compiles it with Liftoff and then compiles the functions
 *   that run often again with its optimizing compiler, keeping both: in the built bot about 100 MB of resident memory
 *   more, and the tier-up's compilation work on the turns while it happens. The store's statements are small;
 *   measured here a plan insert costs about 15 % more CPU with Liftoff's code than with optimized code (some 0.05 ms),
 *   and opening the store is as fast (eager optimized compilation instead, with `--no-liftoff`, saves the same memory
 *   but adds more than a second to every start). V8 reads the flag when it compiles a module, so it is set first; the
 *   only other WebAssembly in the process is undici's HTTP parser (about 0.5 % of a turn's CPU).
 * - Read into a buffer larger than it needs. PGlite reads its 9 MB module into a buffer of exactly its size; glibc
 *   maps a block that size on its own, and when it is freed raises its threshold for mapping blocks on their own to
 *   9 MB, and the one for giving free memory back to 18 MB. From then on the bot's buffers up to 9 MB come from the
 *   C heap, which keeps up to 18 MB it no longer uses: measured in the built bot (`npm run bench:built`), its malloc
 *   heap grew from 22 MB after 3,000 change turns to 44 MB after 10,000. A block above 32 MiB leaves the thresholds
 *   alone, and its pages past the module's 9 MB are never touched, so never resident.
 */
export function pgliteWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= compile().catch((e: unknown) => {
    compiled = undefined;
    throw e;
  });
  return compiled;
}

async function compile(): Promise<WebAssembly.Module> {
  setFlagsFromString('--liftoff-only');
  const path = join(dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm');
  const size = statSync(path).size;
  const buffer = Buffer.alloc(Math.max(READ_BUFFER_BYTES, size));
  const fd = openSync(path, 'r');
  try {
    for (let read = 0; read < size;) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) throw new Error(`${path} ended after ${read} of ${size} bytes`);
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  return WebAssembly.compile(buffer.subarray(0, size));
}
