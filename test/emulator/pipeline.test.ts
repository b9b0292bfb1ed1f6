import { request as httpRequest } from 'node:http';
import type { GraphEmulator } from '../../src/emulator';
import { call, ids, q, startTestEmulator } from './emulatorTestKit';

let emu: GraphEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('headers and the request log', () => {
  test.each([
    ['a success', 'GET', `/users/${ids.megan}`, 200],
    ['a 204', 'PATCH', `/users/${ids.alex}`, 204],
    ['a 404', 'GET', '/users/nobody', 404],
    ['an unknown route', 'GET', '/nonsense', 400],
  ])('%s carries a request-id header (uuid)', async (_what, method, path, status) => {
    const r = await call(emu, method, path, method === 'PATCH' ? { body: { jobTitle: 'x' } } : {});
    expect(r.status).toBe(status);
    expect(r.headers.get('request-id')).toMatch(UUID);
  });

  test('client-request-id is echoed, in the header and in innerError', async () => {
    const r = await call(emu, 'GET', '/users/nobody', { headers: { 'client-request-id': 'abc-123' } });
    expect(r.headers.get('client-request-id')).toBe('abc-123');
    expect(r.body.error.innerError['client-request-id']).toBe('abc-123');
  });

  test('the log records method, path, query, selected headers, auth presence, status and request id', async () => {
    emu.clearLog();
    const r = await call(emu, 'GET', `/users${q({ $filter: "displayName eq 'x'" })}`, {
      headers: { Authorization: 'Bearer secret-token', ConsistencyLevel: 'eventual', 'client-request-id': 'c1' },
    });
    expect(emu.requestLog).toEqual([expect.objectContaining({
      method: 'GET', path: '/v1.0/users', query: { $filter: "displayName eq 'x'" }, hasAuth: true, status: 200,
      requestId: r.headers.get('request-id'), headers: expect.objectContaining({ consistencylevel: 'eventual', 'client-request-id': 'c1' }),
    })]);
    expect(JSON.stringify(emu.requestLog)).not.toContain('secret-token');
    await call(emu, 'GET', '/organization');
    expect(emu.requestLog[1].hasAuth).toBe(false);
  });
});

describe('routing and hostile input', () => {
  test.each<[string, string, number, string | RegExp]>([
    ['GET', '/nonsense', 400, "Resource not found for the segment 'nonsense'."],
    ['GET', `/users/${ids.megan}/nonsense`, 400, "Resource not found for the segment 'nonsense'."],
    ['DELETE', '/organization', 405, /not supported/],
    ['GET', '/users/%E0%A4%A', 400, /Invalid URL/],
    ['GET', "/users/'%20or%20'1'='1", 404, /does not exist/],
    ['GET', `/users/${'%27'.repeat(3000)}`, 404, /does not exist/],
    ['GET', `/users?$filter=${'('.repeat(3000)}`, 400, /Invalid filter clause/],
    ['GET', `/users?$filter=${encodeURIComponent("displayName eq '" + 'x'.repeat(4000) + "'")}`, 200, /./],
    ['GET', '/users?$select=', 200, /./],
  ])('%s %s → %d', async (method, path, status, message) => {
    const r = await call(emu, method, path);
    expect(r.status).toBe(status);
    if (status >= 400) expect(r.body.error.message).toMatch(message);
  });

  test.each<[string, number]>([
    ['/v1.0/users/..', 404],
    ['/v1.0/users/../groups', 400],
    ['/v1.0/../../etc/passwd', 400],
    ['//v1.0//users//', 400],
  ])('dot segments reach the server unnormalized and are plain (unknown) ids: %s', async (path, status) => {
    // fetch would normalize `..` away, so this goes through node:http as written.
    const got = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(emu.url);
      const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(got).toBe(status);
  });

  test('beta and unversioned paths are refused; the root describes the emulator', async () => {
    expect((await fetch(`${emu.url}/beta/users`)).status).toBe(400);
    expect(await (await fetch(`${emu.url}/`)).json()).toMatchObject({ baseUrl: emu.baseUrl });
  });

  test('a body over 4 MB is refused and the server stays up', async () => {
    const r = await call(emu, 'PATCH', `/users/${ids.alex}`, { rawBody: 'x'.repeat(5 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect((await call(emu, 'GET', '/organization')).status).toBe(200);
  });

  test('garbage bytes, wrong content and a malformed request line do not take the server down', async () => {
    await call(emu, 'POST', `/users/${ids.alex}/assignLicense`, { rawBody: '\u0000\u00ff{{{' });
    await call(emu, 'POST', '/$batch', { body: { requests: 'nope' } });
    await call(emu, 'POST', '/$batch', { body: { requests: [null, 1, 'x'] } });
    await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { onPremisesExtensionAttributes: { extensionAttribute1: { deep: [1, 2] } } } });
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${emu.url}/v1.0/users`, { method: 'GET', headers: { 'x-bad': 'a' } }, (res) => res.resume().on('end', resolve));
      req.on('error', () => resolve());
      req.end();
    });
    expect((await call(emu, 'GET', '/organization')).status).toBe(200);
  });
});

describe('fault injection', () => {
  test('429 with Retry-After, once, then normal service', async () => {
    const fault = emu.faults.add({ match: { method: 'GET', pathIncludes: '/users' }, status: 429, retryAfterSeconds: 7 });
    const first = await call(emu, 'GET', `/users/${ids.megan}`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.headers.get('request-id')).toMatch(UUID);
    expect(first.body.error.code).toBe('TooManyRequests');
    expect((await call(emu, 'GET', `/users/${ids.megan}`)).status).toBe(200);
    expect([fault.fired, fault.remaining]).toEqual([1, 0]);
    expect(emu.requestLog.filter((e) => e.fault)).toHaveLength(1);
  });

  test.each([503, 504, 500] as const)('%d, as often as asked, only on matching requests', async (status) => {
    const fault = emu.faults.add({ match: { method: 'PATCH' }, status, times: 2 });
    expect((await call(emu, 'GET', `/users/${ids.alex}`)).status).toBe(200);
    expect((await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'a' } })).status).toBe(status);
    expect((await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'b' } })).status).toBe(status);
    expect((await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'c' } })).status).toBe(204);
    expect(fault.fired).toBe(2);
    expect(emu.state.getUser(ids.alex)!.jobTitle).toBe('c');
  });

  test('a rate hits about that share of requests (seeded random)', async () => {
    let seed = 42;
    const seeded = await startTestEmulator({ random: () => ((seed = (seed * 16807) % 2147483647) / 2147483647) });
    try {
      const fault = seeded.faults.add({ rate: 0.3, status: 503 });
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) statuses.push((await call(seeded, 'GET', '/organization')).status);
      const hits = statuses.filter((s) => s === 503).length;
      expect(hits).toBe(fault.fired);
      expect(hits).toBeGreaterThan(15);
      expect(hits).toBeLessThan(45);
    } finally {
      await seeded.close();
    }
  });

  test('delayMs alone slows the answer and then serves it', async () => {
    emu.faults.add({ delayMs: 300 });
    const started = Date.now();
    const r = await call(emu, 'GET', '/organization');
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('hang never answers: the client times out, the server stays up', async () => {
    emu.faults.add({ match: { pathIncludes: 'hang-me' }, hang: true });
    await expect(fetch(`${emu.baseUrl}/users/hang-me`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await call(emu, 'GET', '/organization')).status).toBe(200);
  });

  test('clear() removes every fault; add() refuses nonsense', async () => {
    emu.faults.add({ status: 503, times: 100 });
    emu.faults.clear();
    expect((await call(emu, 'GET', '/organization')).status).toBe(200);
    expect(() => emu.faults.add({})).toThrow(RangeError);
    expect(() => emu.faults.add({ status: 429, rate: 2 })).toThrow(RangeError);
  });
});

describe('$batch', () => {
  const batch = (requests: unknown[]) => call(emu, 'POST', '/$batch', { body: { requests } });

  test('runs each request through the same router and returns one response per id', async () => {
    const r = await batch([
      { id: '1', method: 'GET', url: `/users/${ids.megan}?$select=id,displayName` },
      { id: '2', method: 'PATCH', url: `/users/${ids.megan}`, headers: { 'Content-Type': 'application/json' }, body: { jobTitle: 'x' } },
      { id: '3', method: 'PATCH', url: `users/${ids.alex}`, headers: { 'content-type': 'application/json' }, body: { jobTitle: 'Lead' } },
      { id: '4', method: 'GET', url: '/users/nobody' },
      { id: '5', method: 'GET', url: "/users?$filter=displayName eq 'Patrick O''Brien'&$select=id" },
    ]);
    expect(r.status).toBe(200);
    const byId = Object.fromEntries(r.body.responses.map((x: { id: string }) => [x.id, x]));
    expect(byId['1']).toMatchObject({ status: 200, body: { id: ids.megan, displayName: 'Megan Bowen' } });
    expect(byId['2']).toMatchObject({ status: 400, body: { error: { code: 'Request_BadRequest' } } });
    expect(byId['3']).toMatchObject({ status: 204 });
    expect(byId['4']).toMatchObject({ status: 404 });
    expect(byId['5'].body.value).toEqual([{ id: ids.patrick }]);
    expect(emu.state.getUser(ids.alex)!.jobTitle).toBe('Lead');
    expect(emu.requestLog.filter((e) => e.batchRequestId === r.headers.get('request-id'))).toHaveLength(5);
  });

  test('more than 20 requests is a 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/organization' }));
    const r = await batch(requests);
    expect([r.status, r.body.error.code]).toEqual([400, 'BadRequest']);
    expect((await batch(requests.slice(0, 20))).body.responses).toHaveLength(20);
  });

  test('dependsOn on a failed request gives 424; items can hit faults of their own', async () => {
    emu.faults.add({ match: { pathIncludes: `/users/${ids.pieter}` }, status: 429, retryAfterSeconds: 2 });
    const r = await batch([
      { id: 'a', method: 'GET', url: `/users/${ids.pieter}` },
      { id: 'b', method: 'GET', url: '/organization', dependsOn: ['a'] },
    ]);
    expect(r.body.responses[0]).toMatchObject({ id: 'a', status: 429, headers: { 'Retry-After': '2' } });
    expect(r.body.responses[1]).toMatchObject({ id: 'b', status: 424 });
  });

  test.each([
    ['a body without Content-Type', [{ id: '1', method: 'PATCH', url: `/users/${ids.alex}`, body: { jobTitle: 'x' } }]],
    ['duplicate ids', [{ id: '1', method: 'GET', url: '/organization' }, { id: '1', method: 'GET', url: '/organization' }]],
    ['no requests', []],
  ])('%s is a 400', async (_what, requests) => {
    expect((await batch(requests)).status).toBe(400);
  });

  test('passwords inside a batch are redacted in the log', async () => {
    await batch([{ id: '1', method: 'PATCH', url: `/users/${ids.alex}`, headers: { 'Content-Type': 'application/json' }, body: { passwordProfile: { password: 'B@tchSecret1' } } }]);
    expect(JSON.stringify(emu.requestLog)).not.toContain('B@tchSecret1');
  });
});

describe('authorization, reset and isolation', () => {
  test('requireAuth: 401 InvalidAuthenticationToken without a bearer token', async () => {
    const strict = await startTestEmulator({ requireAuth: true });
    try {
      const r = await call(strict, 'GET', '/organization');
      expect([r.status, r.body.error.code]).toEqual([401, 'InvalidAuthenticationToken']);
      expect((await call(strict, 'GET', '/organization', { headers: { Authorization: 'Bearer anything' } })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  test('reset() restores the tenant, clears faults and the log', async () => {
    await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'Changed' } });
    emu.faults.add({ status: 503, times: 5 });
    emu.reset();
    expect(emu.requestLog).toHaveLength(0);
    expect((await call(emu, 'GET', `/users/${ids.alex}`)).body.jobTitle).toBe('Sales Representative');
  });

  test('two emulators do not share state', async () => {
    const other = await startTestEmulator();
    try {
      await call(other, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'Only here' } });
      expect((await call(emu, 'GET', `/users/${ids.alex}`)).body.jobTitle).toBe('Sales Representative');
      expect((await call(other, 'GET', `/users/${ids.alex}`)).body.jobTitle).toBe('Only here');
    } finally {
      await other.close();
    }
  });
});
