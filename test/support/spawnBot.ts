import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface BotChild {
  child: ChildProcess;
  url: string;
}

/** Starts one bot process (test/support/botProcess.ts) and resolves with its URL once it listens. */
export function startBot(env: Record<string, string>): Promise<BotChild> {
  // tsx as a loader in this very process, not its CLI: the CLI runs the script in a second process, which a SIGKILL
  // of the first would leave running (a crash that is no crash).
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'support', 'botProcess.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`bot process exited with ${code}: ${err.slice(-2000)}`)));
  });
}

/** Ends a bot process: SIGKILL is a crash (nothing runs after it), SIGTERM a clean stop. */
export async function stopBot(bot: BotChild, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  const exited = new Promise((resolve) => bot.child.once('exit', resolve));
  bot.child.kill(signal);
  await exited;
}
