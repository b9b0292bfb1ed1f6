import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import type { Context } from '@microsoft/microsoft-graph-client';
import { PooledHttpHandler } from '../../src/directory/graph/pooledHttpHandler';
import { plainHeaders } from '../../src/directory/graph/plainHeaders';

let server: Server;
let base = '';
let seen: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url === '/hang') return;
      if (req.url === '/drop') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"partial":');
        return void setTimeout(() => res.destroy(), 20);
      }
      // Not chained: restify (loaded by other test files in the same process) patches writeHead to return nothing.
      if (req.url === '/empty') {
        res.writeHead(204);
        return void res.end();
      }
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'request-id': 'r-1' });
      res.end(JSON.stringify({ echo: body || null, ü: 'ünïcode' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => (seen = []));

const run = async (path: string, options: RequestInit = {}): Promise<Response> => {
  // Every Graph call carries the retry middleware's signal; here it turns a hang into a clear failure.
  const context = { request: `${base}${path}`, options: { signal: AbortSignal.timeout(5_000), ...options } } as Context;
  await new PooledHttpHandler().execute(context);
  return context.response!;
};

describe('PooledHttpHandler', () => {
  it("takes undici's pool, errors and request call from their own files, the very ones undici's index uses, without loading the rest", async () => {
    const loaded = (file: string) => Object.keys(require.cache).some((k) => k.endsWith(file));
    // This file's modules (jest keeps each test file's apart): the handler loaded undici's pool, not its index, so
    // dispatchers have no `request` of their own — the handler must bring it (a read through it is the proof).
    expect(loaded('/undici/lib/dispatcher/pool.js')).toBe(true);
    expect(loaded('/undici/index.js')).toBe(false);
    expect(loaded('/undici/lib/web/fetch/index.js')).toBe(false);
    expect('request' in require('undici/lib/dispatcher/pool').prototype).toBe(false);
    const response = await run('/pool');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ echo: null, ü: 'ünïcode' });
    // Loaded in a registry of its own, so that the prototype methods the index adds stay out of the other tests.
    jest.isolateModules(() => {
      const undici = require('undici') as typeof import('undici');
      expect(require('undici/lib/dispatcher/pool')).toBe(undici.Pool);
      expect(require('undici/lib/core/errors')).toBe(undici.errors);
      // The index copies its calls onto every dispatcher; the handler applies the same request call to its pool.
      expect(require('undici/lib/api/api-request')).toBe(undici.Pool.prototype.request);
    });
  });

  it('sends method, headers and body, and answers a Response with status, headers and the body as text and JSON', async () => {
    const r = await run('/v1.0/users/x', { method: 'PATCH', headers: { 'content-type': 'application/json', 'client-request-id': 'c-1' }, body: JSON.stringify({ jobTitle: 'Lead' }) });
    expect(seen[0]).toMatchObject({ method: 'PATCH', url: '/v1.0/users/x', body: '{"jobTitle":"Lead"}', headers: { 'client-request-id': 'c-1', 'content-length': '19' } });
    expect([r.status, r.ok, r.headers.get('request-id')]).toEqual([200, true, 'r-1']);
    expect(await r.text()).toBe('{"echo":"{\\"jobTitle\\":\\"Lead\\"}","ü":"ünïcode"}');
    expect(await (await run('/x')).json()).toEqual({ echo: null, ü: 'ünïcode' });
  });

  it('answers errors as Responses (the transport maps them) and a 204 with an empty body', async () => {
    expect((await run('/missing')).status).toBe(404);
    const empty = await run('/empty');
    expect([empty.status, await empty.text()]).toEqual([204, '']);
  });

  it('rejects with the abort reason when the retry middleware gives up on an attempt', async () => {
    await expect(run('/hang', { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('reads bytes and clones like any Response', async () => {
    const r = await run('/x');
    const copy = r.clone();
    expect(new TextDecoder().decode(await r.arrayBuffer())).toContain('ünïcode');
    expect(await (await copy.blob()).text()).toContain('ünïcode');
    expect((await copy.blob()).type).toBe('application/json');
  });

  it('fails, rather than waits, when the connection drops mid-response', async () => {
    await expect(run('/drop')).rejects.toThrow(/aborted|closed the connection/);
  });

  // A raw server: the first connection (and the third) breaks as soon as a request arrives, the others answer.
  // A kept-alive connection the server had just closed looks the same.
  it.each([
    ['closed under it before any answer', (socket: Socket) => socket.destroy(), /other side closed|socket|ECONNRESET/i],
    ['reset', (socket: Socket) => socket.resetAndDestroy(), /ECONNRESET/],
  ])('sends a read again when the connection is %s; a write, never', async (_how, breakIt, writeError) => {
    let connections = 0;
    const breaking = createTcpServer((socket) => {
      const broken = ++connections === 1 || connections === 3;
      socket.once('data', () => {
        if (broken) return void breakIt(socket);
        socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}');
      });
    });
    await new Promise<void>((r) => breaking.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(breaking.address() as AddressInfo).port}/v1.0/users/x`;
    try {
      const read = { request: url, options: { signal: AbortSignal.timeout(5_000) } } as Context;
      await new PooledHttpHandler().execute(read);
      expect([read.response!.status, connections]).toEqual([200, 2]);
      const write = { request: url, options: { method: 'PATCH', body: '{}', signal: AbortSignal.timeout(5_000) } } as Context;
      await expect(new PooledHttpHandler().execute(write)).rejects.toThrow(writeError);
      expect(connections).toBe(3);
    } finally {
      await new Promise((r) => breaking.close(r));
    }
  });

  it('gives up an attempt on time while the connection is still being made', async () => {
    // Accepts TCP, never answers the TLS handshake: undici alone would wait for its own connect timeout.
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const started = Date.now();
    try {
      const context = { request: `https://127.0.0.1:${(silent.address() as AddressInfo).port}/v1.0/users/x`, options: { signal: AbortSignal.timeout(300) } } as Context;
      await expect(new PooledHttpHandler().execute(context)).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('refuses a protocol that is not HTTP', async () => {
    await expect(new PooledHttpHandler().execute({ request: 'file:///etc/passwd', options: {} } as Context)).rejects.toThrow(/unsupported protocol/);
  });
});

describe('plainHeaders', () => {
  it('takes objects, Headers and pairs, with lower-case names', () => {
    expect(plainHeaders({ ConsistencyLevel: 'eventual' })).toEqual({ consistencylevel: 'eventual' });
    expect(plainHeaders(new Headers({ 'Client-Request-Id': 'a' }))).toEqual({ 'client-request-id': 'a' });
    expect(plainHeaders([['Accept', 'x']])).toEqual({ accept: 'x' });
    expect(plainHeaders(undefined)).toEqual({});
  });
});
