/**
 * The built bot (issue #17): `npm start`'s code, compiled by `npm run build` into dist/, run by plain `node` — no tsx.
 *
 * 1. Memory. `node dist/src/index.js` is production mode only (loadProductionConfig: "nothing in the environment
 *    can switch production into it"), and production authenticates every /api/messages request with a Bot Framework
 *    token signed by Microsoft, which a benchmark cannot mint: the entry point itself cannot take turns from the
 *    bench's client. So the bot under load is the same compiled modules started the way botServer.ts starts them
 *    (dist/src/app.js's createApp with developmentConfig from dist/src/config.js, on the bench's Graph emulator and
 *    fake connector), in a plain `node --expose-gc` process that loads nothing but dist/ and node_modules/ (it
 *    reports how many .ts modules it loaded: none). Beside it, the stock echo bot in a plain process as well
 *    (echoBot.ts's code, its body parser from dist/), so neither pays for tsx. Idle resident memory (settledMemory) after
 *    BENCH_TURNS change turns (a plan stored each) and after 3× as many; the embedded default (PGlite in a data
 *    directory) and, printed beside it, PostgreSQL (DATABASE_URL: a fresh database on TEST_DATABASE_URL's server).
 * 2. Start-up. `node dist/src/index.js` itself, in production mode against the emulator (a fake managed-identity
 *    endpoint gives its Graph token; the emulator accepts any), started twice on the same temporary DATA_DIR: the
 *    time from spawn until GET /healthz answers 200 (database and Graph reachable), the second start timed.
 *
 * Alone: `npm run bench:built` (builds first). BENCH_TURNS (10,000), BENCH_CONNECTIONS (8); BENCH_HEAPSNAPSHOT=<dir> writes
 * a heap snapshot of each process at each reading (compare the bot's with the echo bot's to see what the heap holds).
 */
import './quietDeprecations';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DEMO_ADMINS, DEMO_MIX, mixBodies } from './activities';
import type { BackendsReady } from './backends';
import { attachChild, startChild, type Child } from './child';
import { checkMix } from './checkMix';
import { runLoad } from './load';
import { MEMORY_NOISE_MB, settled, type Memory } from './measureMemory';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
/** Issue #17: the built bot's resident memory after BENCH_TURNS change turns, against the echo bot's in the same run. */
export const BUILT_MEMORY_TARGET = 2;
/** Issue #17: `npm start` with an existing data directory healthy within this long. */
export const STARTUP_TARGET_MS = 3_000;

/** `npm run build` (tsc into dist/); returns how long it took. */
export async function buildBot(): Promise<number> {
  const t0 = performance.now();
  const child = spawn('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run build exited with ${code}`);
  return performance.now() - t0;
}

/**
 * The plain-node child: BUILT_ROLE=bot (the compiled app in development mode, as botServer.ts has it) or echo (the
 * stock echo bot). CommonJS, evaluated with `node -e` from the repository root; modules from dist/ and node_modules/.
 */
const CHILD_SOURCE = String.raw`
'use strict';
const { join } = require('node:path');
const dist = process.env.BUILT_DIST;
const mb = (n) => Math.round((n / 1048576) * 10) / 10;
// Idle, the way an operator reads a process between bursts: after a burst of turns V8 keeps the young generation it
// grew (tens of MB, committed but empty) until its memory reducer shrinks it, a few seconds into the quiet. So: full
// collections each second until the committed heap has stopped shrinking for 3 s (at most 20 s), then the reading.
async function settledMemory() {
  const v8 = require('node:v8');
  let low = Infinity;
  let steady = 0;
  for (let i = 0; i < 20 && steady < 3; i++) {
    global.gc();
    await new Promise((r) => setTimeout(r, 1000));
    const committed = v8.getHeapStatistics().total_physical_size;
    if (committed < low - 262144) { low = committed; steady = 0; } else steady++;
  }
  global.gc();
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  const reading = { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external), arrayBuffersMB: mb(m.arrayBuffers), heapCommittedMB: mb(h.total_physical_size), regionsMB: rssRegions() };
  // BENCH_HEAPSNAPSHOT=<dir>: a heap snapshot beside each reading, to see what the heap holds (after the reading: writing
  // one allocates a great deal, which would inflate it).
  if (process.env.BENCH_HEAPSNAPSHOT) v8.writeHeapSnapshot(join(process.env.BENCH_HEAPSNAPSHOT, (process.env.BUILT_ROLE || 'bot') + '-' + (process.env.DATABASE_URL ? 'postgres' : 'embedded') + '-' + Date.now() + '.heapsnapshot'));
  return reading;
}
// Where the resident memory is, from /proc/self/smaps: the node binary's pages, other files (shared libraries), the
// malloc heap, executable anonymous pages (code compiled at run time), anonymous mappings of 64 MB or more (a
// WebAssembly memory: PGlite's), and the other anonymous pages (V8's heap, malloc's arenas, buffers).
function rssRegions() {
  const kb = { node: 0, files: 0, malloc: 0, code: 0, wasmMemory: 0, anonymous: 0 };
  let kind = null;
  for (const line of require('node:fs').readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const size = parseInt(head[2], 16) - parseInt(head[1], 16);
      const path = head[4];
      kind = path.endsWith('/node') ? 'node' : path === '[heap]' ? 'malloc' : path.startsWith('/') ? 'files'
        : head[3].includes('x') ? 'code' : size >= 64 * 1048576 ? 'wasmMemory' : 'anonymous';
    } else if (kind && line.startsWith('Rss:')) kb[kind] += parseInt(line.slice(4), 10);
  }
  const out = {};
  for (const k of Object.keys(kb)) out[k] = mb(kb[k] * 1024);
  return out;
}
function loaded() {
  const files = Object.keys(require.cache);
  return { dist: files.filter((f) => f.startsWith(dist + '/')).length, ts: files.filter((f) => /\.[cm]?tsx?$/.test(f)).length, tsx: files.filter((f) => f.includes('/node_modules/tsx/')).length, execArgv: process.execArgv };
}
function serve(payload, handlers, onStop) {
  process.on('message', (m) => {
    const handler = handlers[m.command];
    Promise.resolve()
      .then(() => (handler ? handler(m.args) : Promise.reject(new Error('unknown command ' + m.command))))
      .then((result) => process.send({ id: m.id, result: result === undefined ? null : result }), (e) => process.send({ id: m.id, error: String((e && e.message) || e) }));
  });
  const stop = () => void onStop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  process.send({ type: 'ready', payload });
}
async function bot() {
  const { createApp } = require(join(dist, 'src/app.js'));
  const { developmentConfig } = require(join(dist, 'src/config.js'));
  const { createLogger } = require(join(dist, 'src/logger.js'));
  const problems = {};
  const log = createLogger('info', (line, level) => {
    if (level === 'warn' || level === 'error') {
      const event = JSON.parse(line).event;
      problems[event] = (problems[event] || 0) + 1;
    }
  });
  const store = process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, spoolDir: process.env.SPOOL_DIR } : { dataDir: process.env.DATA_DIR };
  const config = { ...developmentConfig({}, 'bench', { graphBaseUrl: process.env.GRAPH_URL, tenantId: process.env.TENANT_ID }), port: 0, store };
  // As botServer.ts: the per-user rate limit would refuse a load test, which is one user's flood on purpose.
  const app = await createApp(config, { log, rateLimit: { burst: 1e9, perMinute: 1e9 } });
  const { url } = await app.listen();
  serve({ url, loaded: loaded(), store: app.store.kind }, {
    memory: () => settledMemory(),
    stats: () => ({ problems: { ...problems } }),
  }, () => app.close());
}
async function echo() {
  const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
  const restify = require('restify');
  const { jsonBodies } = require(join(dist, 'src/server.js'));
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const handler = new ActivityHandler();
  handler.onMessage(async (context, next) => {
    await context.sendActivity('You said: ' + (context.activity.text || ''));
    await next();
  });
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(jsonBodies());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => handler.run(context));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  serve({ url: 'http://127.0.0.1:' + server.address().port, loaded: loaded() }, { memory: () => settledMemory(), stats: () => ({ problems: {} }) }, async () => {
    await new Promise((resolve) => {
      server.close(() => resolve());
      server.server.closeIdleConnections();
    });
  });
}
(process.env.BUILT_ROLE === 'echo' ? echo() : bot()).catch((e) => {
  process.send && process.send({ type: 'error', error: String((e && e.stack) || e) });
  process.exit(1);
});
`;

interface BuiltReady {
  url: string;
  loaded: { dist: number; ts: number; tsx: number; execArgv: string[] };
  store?: string;
}

/** The environment of a plain child: ours without tsx's hooks, should NODE_OPTIONS carry them. */
function plainEnv(extra: Record<string, string>): Record<string, string> {
  const env = { ...process.env, ...extra } as Record<string, string>;
  if (env.NODE_OPTIONS?.includes('tsx')) delete env.NODE_OPTIONS;
  return env;
}

async function startBuilt(role: 'bot' | 'echo', env: Record<string, string>): Promise<Child<BuiltReady>> {
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--no-deprecation', '-e', CHILD_SOURCE], {
    cwd: ROOT,
    env: plainEnv({ ...env, BUILT_ROLE: role, BUILT_DIST: DIST }),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const started = await attachChild<BuiltReady>(child, `built ${role}`);
  const l = started.ready.loaded;
  if (l.ts > 0 || l.tsx > 0 || l.dist === 0) throw new Error(`the built ${role} is not tsx-free: ${JSON.stringify(l)}`);
  return started;
}

export interface MemoryPoint {
  turns: number;
  bot: Memory;
  echo: Memory;
}

export interface BuiltMemory {
  store: string;
  points: MemoryPoint[];
  failures: number;
  problems: Record<string, number>;
  /** Modules the bot loaded from dist/ (and none from tsx). */
  distModules: number;
  seconds: number;
}

/**
 * Settled memory of the built bot and the echo bot, both fresh, after `turns` change turns and after `turns × 3`
 * (each sent the same change activities by the same admins; the echo bot answers each with a text).
 */
export async function measureBuiltMemory(opts: { turns: number; connections: number; databaseUrl?: string }): Promise<BuiltMemory> {
  const t0 = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-built-'));
  const started: Child<unknown>[] = [];
  try {
    const backends = await startChild<BackendsReady>('backends');
    started.push(backends);
    const store: Record<string, string> = opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl, SPOOL_DIR: join(dataDir, 'spool') } : { DATA_DIR: dataDir };
    const bot = await startBuilt('bot', { GRAPH_URL: backends.ready.graphUrl, TENANT_ID: backends.ready.tenantId, ...store });
    started.push(bot);
    const echo = await startBuilt('echo', {});
    started.push(echo);
    const ctx = { serviceUrl: backends.ready.connectorUrl, tenantId: backends.ready.tenantId };
    const changes = mixBodies(ctx, DEMO_MIX, DEMO_ADMINS).filter((t) => t.kind === 'change');
    const wrong = await checkMix(bot.ready.url, backends, changes);
    if (wrong.length) throw new Error(`the built bot's change turns do not answer as they should:\n  ${wrong.join('\n  ')}`);
    const bodies = changes.map((t) => t.body);
    const points: MemoryPoint[] = [];
    let failures = 0;
    let done = 0;
    for (const upTo of [opts.turns, opts.turns * 3]) {
      const amount = upTo - done;
      const ours = await runLoad(bot.ready.url, bodies, { connections: opts.connections, amount });
      const theirs = await runLoad(echo.ready.url, bodies, { connections: opts.connections, amount });
      failures += ours.failures + theirs.failures;
      done = upTo;
      points.push({ turns: upTo, bot: await settled(bot), echo: await settled(echo) });
    }
    const { problems } = await bot.call<{ problems: Record<string, number> }>('stats');
    return { store: bot.ready.store === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL', points, failures, problems, distModules: bot.ready.loaded.dist, seconds: (performance.now() - t0) / 1000 };
  } finally {
    for (const child of started.reverse()) await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A fresh database for the bench on TEST_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/test):
 * its URL and how to drop it, or why there is none.
 */
export async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> } | { error: string }> {
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `bench_built_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: base, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.end().catch(() => undefined);
    return { error: `PostgreSQL at ${base.replace(/\/\/[^@]*@/, '//…@')} not usable: ${(e as Error).message}` };
  }
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

export interface StartTime {
  /** From spawn until the entry point logged `server.started`. */
  listeningMs: number;
  /** From spawn until GET /healthz answered 200. */
  healthyMs: number;
}

/**
 * `node dist/src/index.js` twice on the same fresh DATA_DIR, in production mode against the bench's emulator: each
 * start timed from spawn until /healthz answers 200; the process is stopped (SIGTERM) between the two.
 */
export async function measureStartup(): Promise<StartTime[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const backends = await startChild<BackendsReady>('backends');
  // App Service's managed-identity endpoint, as @azure/identity reads it from IDENTITY_ENDPOINT and IDENTITY_HEADER.
  const identity = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: 'bench-token', expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: 'https://graph.microsoft.com', token_type: 'Bearer' }));
  });
  try {
    await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const tenant = backends.ready.tenantId;
    const env = plainEnv({
      MicrosoftAppId: '0b5e7c1e-3c4b-4d2a-9f4e-6a7b8c9d0e1f', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: tenant, MicrosoftAppPassword: 'bench',
      ALLOWED_TENANT_IDS: tenant, GRAPH_AUTH: 'managedIdentity', IDENTITY_ENDPOINT: `http://127.0.0.1:${(identity.address() as AddressInfo).port}/msi/token`, IDENTITY_HEADER: 'bench',
      GRAPH_BASE_URL: backends.ready.graphUrl, ALLOW_CUSTOM_GRAPH_URL: 'true', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info',
    });
    const times: StartTime[] = [];
    for (let i = 0; i < 2; i++) times.push(await startOnce(env, port));
    return times;
  } finally {
    identity.close();
    await backends.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startOnce(env: Record<string, string>, port: number): Promise<StartTime> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(DIST, 'src', 'index.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  let output = '';
  let listeningMs = NaN;
  child.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
    if (Number.isNaN(listeningMs) && output.includes('"server.started"')) listeningMs = performance.now() - t0;
  });
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  try {
    for (;;) {
      if (exited) throw new Error(`node dist/src/index.js exited before it was healthy:\n${output}`);
      if (performance.now() - t0 > 60_000) throw new Error(`node dist/src/index.js not healthy after 60 s:\n${output}`);
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      }, () => 0);
      if (status === 200) return { listeningMs, healthyMs: performance.now() - t0 };
      await new Promise((resolve) => setTimeout(resolve, status === 0 ? 10 : 50));
    }
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(kill, 5_000);
    await gone;
    clearTimeout(timer);
    process.removeListener('exit', kill);
  }
}

function freePort(): Promise<number> {
  const s = createServer();
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as AddressInfo;
    s.close(() => resolve(port));
  }));
}

export interface BuiltResult {
  buildMs: number;
  embedded: BuiltMemory;
  postgres: BuiltMemory | { error: string };
  startup: StartTime[];
}

/** Everything above, in order: build, memory on the embedded store, memory on PostgreSQL, start-up. */
export async function measureBuilt(opts: { turns: number; connections: number }): Promise<BuiltResult> {
  const buildMs = await buildBot();
  const embedded = await measureBuiltMemory(opts);
  const db = await benchDatabase();
  let postgres: BuiltMemory | { error: string };
  if ('error' in db) postgres = db;
  else {
    try {
      postgres = await measureBuiltMemory({ ...opts, databaseUrl: db.url });
    } finally {
      await db.drop();
    }
  }
  const startup = await measureStartup();
  return { buildMs, embedded, postgres, startup };
}

const mb = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;

/** The table of the built bot; returns its verdicts (memory ≤ 2× the echo bot's, flat, start-up ≤ 3 s). */
export function printBuilt(r: BuiltResult, noise: { rss: number; heap: number }): [boolean, string][] {
  const w = [26, 22, 22, 22];
  const row = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(w[i])).join(''));
  const runs = [r.embedded, ...('error' in r.postgres ? [] : [r.postgres])];
  console.log(`(npm run build ${(r.buildMs / 1000).toFixed(1)} s; plain node, ${r.embedded.distModules} modules from dist/, none through tsx)`);
  row(['RSS MB (heap MB)', ...runs.map((m) => `bot, ${m.store.replace(/ \(.*\)$/, '')}`), 'echo bot (same run)']);
  for (const i of [0, 1]) {
    const e = r.embedded.points[i];
    row([`after ${e.turns.toLocaleString('en')} change turns`, ...runs.map((m) => `${m.points[i].bot.rssMB.toFixed(0)} (${m.points[i].bot.heapUsedMB.toFixed(0)})`), `${e.echo.rssMB.toFixed(0)} (${e.echo.heapUsedMB.toFixed(0)})`]);
  }
  const growth = (m: BuiltMemory) => ({ rss: m.points[1].bot.rssMB - m.points[0].bot.rssMB, heap: m.points[1].bot.heapUsedMB - m.points[0].bot.heapUsedMB });
  row(['growth', ...runs.map((m) => `${mb(growth(m).rss)} (${mb(growth(m).heap)})`), `${mb(r.embedded.points[1].echo.rssMB - r.embedded.points[0].echo.rssMB)} (${mb(r.embedded.points[1].echo.heapUsedMB - r.embedded.points[0].echo.heapUsedMB)})`]);
  row(['bot ÷ echo bot at first', ...runs.map((m) => `${(m.points[0].bot.rssMB / m.points[0].echo.rssMB).toFixed(2)}×`), '']);
  const committed = (p: MemoryPoint) => (p.bot.heapCommittedMB === undefined ? '?' : p.bot.heapCommittedMB.toFixed(0));
  for (const m of runs) console.log(`  ${m.store}: ${m.seconds.toFixed(0)} s; external ${m.points[0].bot.externalMB.toFixed(0)} → ${m.points[1].bot.externalMB.toFixed(0)} MB, array buffers ${m.points[0].bot.arrayBuffersMB.toFixed(0)} → ${m.points[1].bot.arrayBuffersMB.toFixed(0)} MB, JavaScript heap committed ${committed(m.points[0])} → ${committed(m.points[1])} MB`);
  const regions = (m?: Memory) => (m?.regionsMB ? Object.entries(m.regionsMB).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ') : '?');
  for (const m of runs) console.log(`  RSS by mapping, ${m.store}: ${regions(m.points[0].bot)}`);
  console.log(`  RSS by mapping, echo bot: ${regions(r.embedded.points[0].echo)}`);
  if ('error' in r.postgres) console.log(`  PostgreSQL not measured: ${r.postgres.error}`);
  const [first, second] = r.startup;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`start-up of node dist/src/index.js (production mode, same DATA_DIR): first ${s(first.healthyMs)} to /healthz 200 (listening at ${s(first.listeningMs)}); second ${s(second.healthyMs)} (listening at ${s(second.listeningMs)})`);

  const e0 = r.embedded.points[0];
  const g = growth(r.embedded);
  const ratio = e0.bot.rssMB / e0.echo.rssMB;
  const pg = 'error' in r.postgres ? 'PostgreSQL not measured' : `with DATABASE_URL (PostgreSQL) ${r.postgres.points[0].bot.rssMB.toFixed(0)} MB, ${(r.postgres.points[0].bot.rssMB / r.postgres.points[0].echo.rssMB).toFixed(2)}×`;
  const pgFlat = 'error' in r.postgres ? '' : `; PostgreSQL ${mb(growth(r.postgres).rss)} MB, heap ${mb(growth(r.postgres).heap)} MB`;
  const failures = runs.reduce((n, m) => n + m.failures, 0);
  const problems = Object.assign({}, ...runs.map((m) => m.problems)) as Record<string, number>;
  return [
    [ratio <= BUILT_MEMORY_TARGET, `built bot's RSS after ${e0.turns.toLocaleString('en')} change turns, embedded store: ${e0.bot.rssMB.toFixed(0)} MB = ${ratio.toFixed(2)}× the echo bot's ${e0.echo.rssMB.toFixed(0)} MB (target ≤ ${BUILT_MEMORY_TARGET}×; ${pg})`],
    [g.rss <= noise.rss && g.heap <= noise.heap, `built bot's memory flat from ${e0.turns.toLocaleString('en')} to ${r.embedded.points[1].turns.toLocaleString('en')} change turns, embedded store: RSS ${mb(g.rss)} MB ≤ ${noise.rss}, heap ${mb(g.heap)} MB ≤ ${noise.heap}${pgFlat}`],
    [second.healthyMs <= STARTUP_TARGET_MS, `node dist/src/index.js with an existing DATA_DIR healthy in ${s(second.healthyMs)} (target ≤ ${STARTUP_TARGET_MS / 1000} s; first start on an empty one ${s(first.healthyMs)})`],
    [failures === 0 && Object.keys(problems).length === 0, `built bot: every turn answered 200, no warnings logged (${failures} failed${Object.keys(problems).length ? `; ${JSON.stringify(problems)}` : ''})`],
  ];
}

if (require.main === module) {
  const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback) || fallback;
  measureBuilt({ turns: env('BENCH_TURNS', 10_000), connections: env('BENCH_CONNECTIONS', 8) })
    .then((r) => {
      console.log('\nthe built bot (npm run build; plain node, no tsx)');
      const verdicts = printBuilt(r, MEMORY_NOISE_MB);
      console.log('');
      for (const [ok, text] of verdicts) console.log(`${ok ? 'met   ' : 'MISSED'} ${text}`);
      process.exitCode = verdicts.every(([ok]) => ok) ? 0 : 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
