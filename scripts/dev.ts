/**
 * `npm run dev`: the Graph emulator with a tenant, the bot in development mode, and the Microsoft 365 Agents
 * Playground as a Teams-like chat client. `npm run dev:bot` (`--no-playground`): emulator and bot only.
 * The emulator's tenant is kept in DATA_DIR beside the bot's store; `--reset` starts both over.
 *
 * Environment: PORT (bot, 3978), GRAPH_EMULATOR_PORT (5050), TENANT_FIXTURE (fixtures/demo-tenant.json),
 * DATA_DIR (.data), PLAYGROUND_USER (an account id of the tenant; the demo admin by default).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createApp } from '../src/app';
import { developmentConfig } from '../src/config';
import { startGraphEmulator, type GraphEmulator } from '../src/emulator';
import { StartupError } from '../src/errors';
import { createLogger } from '../src/logger';
import { isInMemory } from '../src/store/pgliteClient';
import { version } from '../src/version';
import { devDataState, resetDevData, tenantStatePath } from './devData';
import { writePlaygroundConfig } from './playgroundConfig';

const root = resolve(__dirname, '..');
const out = (line = '') => process.stdout.write(`${line}\n`);
/** Paths as the user typed them: relative to where npm runs, when inside it. */
const shown = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path) || '.');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withPlayground = !args.includes('--no-playground');
  const tenantPath = resolve(process.env.TENANT_FIXTURE ?? join(root, 'fixtures/demo-tenant.json'));
  // Where the bot's store lives, read as the bot will read it (the Graph URL is not known yet and not needed here).
  const store = developmentConfig(process.env, version, { graphBaseUrl: '', tenantId: '' }).store;
  // With DATABASE_URL the history is in that database and DATA_DIR (.data) holds only the spool and the tenant.
  const dataDir = isInMemory(store.dataDir ?? process.env.DATA_DIR ?? '.data') ? undefined : resolve(store.dataDir ?? process.env.DATA_DIR ?? '.data');
  const notes: string[] = [];

  if (args.includes('--reset')) {
    if (!dataDir || store.databaseUrl) throw new StartupError('--reset starts over the embedded store in DATA_DIR; with DATABASE_URL or an in-memory DATA_DIR the history is not there: empty that database yourself.');
    const removed = resetDevData(dataDir);
    notes.push(removed.length > 0 ? `Started over: history and tenant in ${shown(dataDir)} removed.` : `Started over (${shown(dataDir)} was empty).`);
  } else if (dataDir) {
    const held = devDataState(dataDir);
    if (held.store && !held.tenant) notes.push(`${shown(dataDir)} has history from a run that did not keep its tenant: \`npm run dev -- --reset\` starts both over.`);
  }

  // The tenant is kept beside the bot's store, so a restart keeps tenant and history in step.
  const emulator = await startGraphEmulator({
    tenant: tenantPath, port: Number(process.env.GRAPH_EMULATOR_PORT ?? 5050), stateFile: dataDir && tenantStatePath(dataDir), syncEveryMinutes: 30,
  });
  notes.push(...emulatorNotes(emulator, tenantPath));
  const tenantId = String(emulator.state.organization.id);

  const config = developmentConfig(process.env, version, { graphBaseUrl: emulator.url, tenantId });
  const log = createLogger(config.logLevel);
  const app = await createApp(config, { log });
  const { url } = await app.listen();

  const children: { playground?: ChildProcess } = {};
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    children.playground?.kill();
    await app.close();
    await emulator.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop());

  const banner = (chat?: { url: string; user: string }) => {
    out();
    out(`Account Assistant ${version} is ready (development mode: no sign-in, 127.0.0.1 only).`);
    if (chat) out(`  Chat:   ${chat.url}   (open it in a browser; you are ${chat.user})`);
    out(`  Bot:    ${url}/api/messages`);
    out(`  Graph:  ${emulator.baseUrl}   (the emulator, tenant ${String(emulator.state.organization.displayName)} from ${shown(tenantPath)})`);
    // Which token writes: the app's (GRAPH_MODE=application) or each chat user's own, issued by the emulator.
    if (config.graphMode === 'delegated') out('  Mode:   delegated: every write carries the chat user\'s own token (issued by the emulator), and their roles decide');
    out(`  Data:   ${!dataDir ? 'in memory: history and tenant start over at every start'
      : store.databaseUrl ? `history in DATABASE_URL's database, tenant in ${shown(dataDir)}`
        : `${shown(dataDir)}   (history and tenant are kept across restarts; \`npm run dev -- --reset\` starts over)`}`);
    for (const note of notes) out(`  Note:   ${note}`);
    out();
    out(chat ? 'Try "help" or "is Fatima Zahra synchronized?"; the README\'s try-list (section "Two commands") has more. Ctrl+C stops.'
      : 'Post Bot Framework activities to the bot; the README\'s "Two commands" section says how. Ctrl+C stops.');
  };
  if (!withPlayground) return banner();
  children.playground = startPlayground(tenantPath, url, banner, () => stopping);
}

/** What a newcomer should know about where the tenant came from, when it is not simply the tenant file. */
function emulatorNotes(emulator: GraphEmulator, tenantPath: string): string[] {
  if (emulator.otherTenantState) return [`the tenant kept in DATA_DIR was ${shown(emulator.otherTenantState)}'s; it is replaced by ${shown(tenantPath)}'s.`];
  if (!emulator.restored) return [];
  return emulator.restored.tenantFileChanged
    ? [`${shown(tenantPath)} changed since the tenant was kept: the kept tenant is served; \`npm run dev -- --reset\` loads the file (and clears the history).`]
    : [];
}

/**
 * Starts the Microsoft 365 Agents Playground and prints the banner once it listens (it takes another port when
 * 56150 is taken, so the address comes from what it says). Its own start-up lines are not repeated; anything
 * else it prints is passed on.
 */
function startPlayground(
  tenantPath: string, botUrl: string, ready: (chat: { url: string; user: string }) => void, stopping: () => boolean,
): ChildProcess {
  // The playground reads its users from .m365agentsplayground.yml, written from the tenant so they are real accounts.
  const cfg = writePlaygroundConfig({ tenantPath, outPath: join(root, '.m365agentsplayground.yml'), currentUserId: process.env.PLAYGROUND_USER });
  // It always runs xdg-open and exits when there is none (servers, CI): give it a no-op one, outside DATA_DIR.
  const shimDir = join(root, 'node_modules', '.cache', 'account-assistant', 'bin');
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(join(shimDir, 'xdg-open'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(shimDir, 'xdg-open'), 0o755);
  const bin = join(root, 'node_modules', '.bin', 'agentsplayground');
  const child = spawn(bin, ['-e', `${botUrl}/api/messages`, '-c', 'msteams', '--disable-telemetry'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PATH: `${shimDir}:${process.env.PATH}` },
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const listening = /^Listening on (\d+)\s*$/.exec(line);
    if (listening) return ready({ url: `http://localhost:${listening[1]}`, user: cfg.currentUser.name });
    if (line.trim() !== '') out(`playground: ${line}`);
  });
  child.on('exit', (code) => {
    if (!stopping()) out(`The playground stopped (exit code ${code ?? 'none'}); the bot and the emulator still run. Ctrl+C stops them.`);
  });
  return child;
}

main().catch((e) => {
  const error = e as NodeJS.ErrnoException & { port?: number };
  // Most often a second `npm run dev`: say which port and what to do, not Node's "listen EADDRINUSE".
  const message = error.code === 'EADDRINUSE'
    ? `Port ${error.port ?? ''} is in use (is another \`npm run dev\` running?): stop it, or set PORT (bot) and GRAPH_EMULATOR_PORT (emulator).`
    : error.message;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
