/**
 * `npm run dev`: the Graph emulator with a tenant, the bot in development mode, and the Microsoft 365 Agents
 * Playground as a Teams-like chat client. `npm run dev:bot` (`--no-playground`): emulator and bot only.
 *
 * Environment: PORT (bot, 3978), GRAPH_EMULATOR_PORT (5050), TENANT_FIXTURE (fixtures/demo-tenant.json),
 * DATA_DIR (.data), PLAYGROUND_USER (an account id of the tenant; the demo admin by default).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '../src/app';
import { developmentConfig } from '../src/config';
import { startGraphEmulator } from '../src/emulator';
import { createLogger } from '../src/logger';
import { version } from '../src/version';
import { writePlaygroundConfig } from './playgroundConfig';

const root = resolve(__dirname, '..');

async function main(): Promise<void> {
  const withPlayground = !process.argv.includes('--no-playground');
  const tenantPath = resolve(process.env.TENANT_FIXTURE ?? join(root, 'fixtures/demo-tenant.json'));
  const emulator = await startGraphEmulator({ tenant: tenantPath, port: Number(process.env.GRAPH_EMULATOR_PORT ?? 5050) });
  const tenantId = String(emulator.state.organization.id);

  const config = developmentConfig(process.env, version, { graphBaseUrl: emulator.url, tenantId });
  const log = createLogger(config.logLevel);
  const app = await createApp(config, { log });
  const { url } = await app.listen();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Graph emulator: ${emulator.baseUrl}  (tenant ${tenantPath})`);
  out(`Bot:            ${url}/api/messages  (development mode: no authentication, 127.0.0.1 only)`);

  let playground: ChildProcess | undefined;
  if (withPlayground) playground = startPlayground(tenantPath, url, out);

  const stop = async () => {
    playground?.kill();
    await app.close();
    await emulator.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** The playground reads its users from .m365agentsplayground.yml, written from the tenant so they are real accounts. */
function startPlayground(tenantPath: string, botUrl: string, out: (line: string) => void): ChildProcess {
  const cfg = writePlaygroundConfig({ tenantPath, outPath: join(root, '.m365agentsplayground.yml'), currentUserId: process.env.PLAYGROUND_USER });
  // The playground always runs xdg-open and exits when there is none (servers, CI): give it a no-op one.
  const shimDir = join(root, '.data', 'bin');
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(join(shimDir, 'xdg-open'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(shimDir, 'xdg-open'), 0o755);
  const bin = join(root, 'node_modules', '.bin', 'agentsplayground');
  const child = spawn(bin, ['-e', `${botUrl}/api/messages`, '-c', 'msteams'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PATH: `${shimDir}:${process.env.PATH}` },
  });
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
  out(`Playground:     http://localhost:56150  (signed in as ${cfg.currentUser.name})`);
  return child;
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
