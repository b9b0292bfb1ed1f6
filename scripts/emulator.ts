/**
 * Runs the Graph emulator on its own: `tsx scripts/emulator.ts [--port 5050] [--tenant path] [--host 127.0.0.1]
 * [--require-auth] [--state-file path]`. Defaults come from GRAPH_EMULATOR_PORT (5050) and TENANT_FIXTURE
 * (fixtures/demo-tenant.json). With --state-file the tenant's changes are kept there across restarts.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startGraphEmulator, TenantFixtureError } from '../src/emulator';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.GRAPH_EMULATOR_PORT ?? '5050' },
      tenant: { type: 'string', default: process.env.TENANT_FIXTURE ?? 'fixtures/demo-tenant.json' },
      host: { type: 'string', default: '127.0.0.1' },
      'require-auth': { type: 'boolean', default: false },
      'state-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: tsx scripts/emulator.ts [--port 5050] [--tenant fixtures/demo-tenant.json] [--host 127.0.0.1] [--require-auth] [--state-file path]');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not '${values.port}'`);
  const tenant = resolve(values.tenant!);
  const stateFile = values['state-file'] && resolve(values['state-file']);
  const emulator = await startGraphEmulator({ tenant, port, host: values.host, requireAuth: values['require-auth'], stateFile, syncEveryMinutes: 30 });
  console.log(`Graph emulator serving ${tenant}${emulator.restored ? ` as kept in ${stateFile} (saved ${emulator.restored.savedAt})` : ''}`);
  console.log(`  ${emulator.baseUrl}   (e.g. ${emulator.baseUrl}/users?$top=5)`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof TenantFixtureError ? e.message : e);
  process.exit(1);
});
