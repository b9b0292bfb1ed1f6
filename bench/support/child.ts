/**
 * The benchmarks' processes: each server (our bot, the echo bot, the emulator with the fake connector) runs in
 * a process of its own, so the load generator, the Graph emulator and the bot under test do not share an event
 * loop and each one's CPU time can be read on its own. Parent and child talk over Node's IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

export interface Child<Ready> {
  ready: Ready;
  /** Runs a command in the child and resolves with its answer. */
  call<T = unknown>(command: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

interface Message {
  id?: number;
  type?: 'ready' | 'error';
  result?: unknown;
  error?: string;
  payload?: unknown;
}

export interface ChildOptions {
  /** The directory of the script: another checkout's bench/support (`npm run bench:ab`'s A_ROOT and B_ROOT). */
  dir?: string;
  /** Node's own flags for the child, before tsx's (`npm run bench:ab`'s A_FLAGS and B_FLAGS). */
  nodeFlags?: readonly string[];
}

/**
 * Starts `bench/support/<script>.ts` under tsx with `--expose-gc`; resolves when it reports ready.
 * BENCH_PROFILE=<dir> writes CPU profiles of each child there when it stops, one per thread and named by process
 * and thread id (Node refuses --cpu-prof in NODE_OPTIONS).
 */
export async function startChild<Ready>(script: string, env: Record<string, string> = {}, opts: ChildOptions = {}): Promise<Child<Ready>> {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child: ChildProcess = fork(join(opts.dir ?? __dirname, `${script}.ts`), [], {
    execArgv: [...(opts.nodeFlags ?? []), '--import', 'tsx', '--expose-gc', '--no-deprecation', ...profile],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return attachChild<Ready>(child, script);
}

/**
 * The parent's side of a child started with an IPC channel (forked under tsx above, or plain `node` for the built
 * bot in builtBot.ts): resolves when it reports ready.
 */
export async function attachChild<Ready>(child: ChildProcess, script: string): Promise<Child<Ready>> {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let exited = false;
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    child.on('message', (m: Message) => {
      if (m.type === 'ready') resolve(m.payload as Ready);
      else if (m.type === 'error') reject(new Error(`${script}: ${m.error}`));
      else if (m.id !== undefined) {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(`${script}: ${m.error}`));
        else p?.resolve(m.result);
      }
    });
  });
  child.on('exit', () => {
    exited = true;
    for (const p of pending.values()) p.reject(new Error(`${script} exited`));
  });
  // Never leave a server behind when the benchmark itself ends early.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return {
    ready,
    call: <T>(command: string, args?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, command, args });
      }),
    stop: async () => {
      process.removeListener('exit', kill);
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

type Handler = (args: unknown) => unknown | Promise<unknown>;

/** In a child: answers the parent's commands and reports `payload` as ready. */
export function serveParent(payload: unknown, handlers: Record<string, Handler>, onStop: () => Promise<void>): void {
  process.on('message', (m: { id: number; command: string; args?: unknown }) => {
    const handler = handlers[m.command];
    Promise.resolve()
      .then(() => (handler ? handler(m.args) : Promise.reject(new Error(`unknown command ${m.command}`))))
      .then(
        (result) => process.send!({ id: m.id, result: result ?? null }),
        (e: unknown) => process.send!({ id: m.id, error: (e as Error)?.message ?? String(e) }),
      );
  });
  const stop = () => void onStop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // The parent went away (crash, Ctrl-C): do not outlive it.
  process.once('disconnect', stop);
  process.send!({ type: 'ready', payload });
}

/** In a child: report a start-up failure to the parent and exit. */
export function failStart(e: unknown): never {
  process.send?.({ type: 'error', error: (e as Error)?.stack ?? String(e) });
  process.exit(1);
}

/** CPU time of this process in milliseconds (user + system). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Memory after full collections (needs --expose-gc), in MB. Freed pages leave the resident set a little after a
 * collection, not at once: measured straight after one, RSS still counts up to 200 MB of garbage under load.
 */
export async function settledMemory(): Promise<{ rssMB: number; heapUsedMB: number; externalMB: number; arrayBuffersMB: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external), arrayBuffersMB: mb(m.arrayBuffers) };
}

/**
 * The V8 profiler of this process, over the inspector protocol: CPU time, or with ALLOC=1 every allocation
 * (sampled each 4 KB, including what the collector has freed since) for a `.heapprofile`.
 */
export const profiler = {
  session: null as Session | null,
  allocations: Boolean(process.env.ALLOC),
  async start(): Promise<void> {
    this.session = new Session();
    this.session.connect();
    if (this.allocations) {
      await this.post('HeapProfiler.enable');
      await this.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    } else {
      await this.post('Profiler.enable');
      await this.post('Profiler.start');
    }
  },
  async stop(path: string): Promise<void> {
    const { profile } = (await this.post(this.allocations ? 'HeapProfiler.stopSampling' : 'Profiler.stop')) as { profile: unknown };
    writeFileSync(path, JSON.stringify(profile));
    this.session?.disconnect();
    this.session = null;
  },
  post(method: string, params?: object): Promise<unknown> {
    return new Promise((resolve, reject) => this.session!.post(method, params as never, (e, r) => (e ? reject(e) : resolve(r))));
  },
};
