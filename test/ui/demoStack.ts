import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { writePlaygroundConfig } from '../../scripts/playgroundConfig';

const ROOT = join(__dirname, '..', '..');

export interface DemoStack {
  /** The playground's web UI. */
  playgroundUrl: string;
  botUrl: string;
  graphUrl: string;
  /** Everything the stack printed (dev.ts, the bot's log, the playground). */
  logPath: string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * `npm run dev` as a newcomer runs it (scripts/dev.ts: Graph emulator, bot in development mode, Agents Playground),
 * on free ports with its own DATA_DIR, playground config and logs in `workDir`, so it meets no running demo and
 * starts from the fixture. The playground is told through its own environment variables: its port
 * (TEAMSAPPTESTER_PORT), its config file, its log file, and not to open a browser (dev.ts still writes its
 * gitignored `.m365agentsplayground.yml` and `.data/bin/xdg-open`, which the playground then does not use).
 * dev.ts runs in a process group of its own, so stop() ends the bot and the playground together, also when dev.ts
 * has died.
 */
export async function startDemoStack(workDir: string, opts: { timeoutMs: number; user?: string }): Promise<DemoStack> {
  const [botPort, graphPort, playgroundPort] = [await freePort(), await freePort(), await freePort()];
  const configPath = join(workDir, 'm365agentsplayground.yml');
  writePlaygroundConfig({ tenantPath: join(ROOT, 'fixtures', 'demo-tenant.json'), outPath: configPath, currentUserId: opts.user });
  const logPath = join(workDir, 'stack.log');
  const log = createWriteStream(logPath);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(botPort),
    GRAPH_EMULATOR_PORT: String(graphPort),
    DATA_DIR: join(workDir, 'data'),
    PLAYGROUND_USER: opts.user ?? '',
    TEAMSAPPTESTER_PORT: String(playgroundPort),
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    M365_AGENTS_PLAYGROUND_LOGFILE: join(workDir, 'playground.log'),
    // A Dutch admin's clock: the playground sends its own time zone as the activities' localTimezone.
    TZ: 'Europe/Amsterdam',
  };
  if (!opts.user) delete env.PLAYGROUND_USER;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'dev.ts')], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));

  const stop = async () => {
    const group = -child.pid!;
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(group, s);
        return true;
      } catch {
        return false; // the group is gone already
      }
    };
    if (signal('SIGTERM')) {
      for (let i = 0; i < 30 && signal(0 as unknown as NodeJS.Signals); i++) await sleep(100);
      signal('SIGKILL');
    }
    log.end();
  };
  stopOnExit.add(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  });

  const stack: DemoStack = {
    playgroundUrl: `http://127.0.0.1:${playgroundPort}`,
    botUrl: `http://127.0.0.1:${botPort}`,
    graphUrl: `http://127.0.0.1:${graphPort}/v1.0`,
    logPath,
    stop,
  };
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`npm run dev ${exited} before it was ready:\n${tail(logPath)}`);
    }
    if ((await answers(`${stack.botUrl}/healthz`)) && (await answers(stack.playgroundUrl))) return stack;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`npm run dev was not ready within ${opts.timeoutMs / 1000} s (bot /healthz and the playground's page):\n${tail(logPath)}`);
    }
    await sleep(200);
  }
}

export function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Last-resort cleanup for an exit that skips the normal path (an uncaught error, process.exit): kill what was started.
 * Synchronous, as 'exit' handlers must be.
 */
export const stopOnExit = new Set<() => void>();
process.on('exit', () => {
  for (const stop of stopOnExit) stop();
});
