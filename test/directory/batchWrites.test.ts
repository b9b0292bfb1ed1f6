import type { BatchWrite } from '../../src/directory/directory';
import { createCredential } from '../../src/directory/graph/credential';
import { createGraphClient } from '../../src/directory/graph/graphClient';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { GraphTransport } from '../../src/directory/graph/graphTransport';
import { DEFAULT_RETRY } from '../../src/directory/graph/retryBudgetMiddleware';
import type { GraphEmulator } from '../../src/emulator';
import type { LoggedRequest } from '../../src/emulator/requestLog';
import { ids, startTestEmulator } from '../emulator/emulatorTestKit';

/*
 * GraphDirectory.writeBatch over real HTTP (the bot's Graph client and middleware) against the emulator, with faults
 * injected on single items and on the whole `POST /$batch`; the emulator's request log counts what was sent.
 */

let emu: GraphEmulator;
let waits: number[];
/** Short attempts, so a lost answer times out in a second; Retry-After waits are recorded, not slept. */
const RETRY = { ...DEFAULT_RETRY, attemptTimeoutMs: 1_000, budgetMs: 2_000 };
let transport: GraphTransport;
let dir: GraphDirectory;

beforeAll(async () => {
  emu = await startTestEmulator({ now: () => new Date('2026-12-01T09:30:00.250Z') });
  transport = new GraphTransport(createGraphClient({ baseUrl: emu.url, credential: createCredential({ kind: 'development' }), retry: RETRY }));
  dir = new GraphDirectory(transport, new URL(emu.url).origin, { sleep: async (ms) => void waits.push(ms) });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  waits = [];
});

const batches = () => emu.requestLog.filter((e) => e.path === '/v1.0/$batch');
const items = () => emu.requestLog.filter((e) => e.batchRequestId !== undefined);
const sent = (e: LoggedRequest) => ({ method: e.method, path: e.path, query: e.query, body: e.body ?? null });
const patch = (userId: string, p: Record<string, unknown>): BatchWrite => ({ userId, write: { op: 'patch', patch: p } });

describe('each batched write is the request its single-item method sends', () => {
  const cases: [string, () => Promise<unknown>, BatchWrite][] = [
    ['updateAccount', () => dir.updateAccount(ids.alex, { jobTitle: 'Lead' }), patch(ids.alex, { jobTitle: 'Lead' })],
    ['setManager', () => dir.setManager(ids.alex, ids.fatima), { userId: ids.alex, write: { op: 'manager', managerId: ids.fatima } }],
    ['setManager(null) of a synced user (400, AD’s)', () => dir.setManager(ids.megan, null), { userId: ids.megan, write: { op: 'manager', managerId: null } }],
    ['setManager(null) without a manager', () => dir.setManager(ids.alex, null), { userId: ids.alex, write: { op: 'manager', managerId: null } }],
    ['assignLicenses (add)', () => dir.assignLicenses(ids.alex, [ids.e3], []), { userId: ids.alex, write: { op: 'licence', skuId: ids.e3, assign: true } }],
    ['assignLicenses (remove)', () => dir.assignLicenses(ids.megan, [], [ids.e3]), { userId: ids.megan, write: { op: 'licence', skuId: ids.e3, assign: false } }],
    ['addGroupMember', () => dir.addGroupMember(ids.salesTeam, ids.patrick), { userId: ids.patrick, write: { op: 'membership', groupId: ids.salesTeam, add: true } }],
    ['removeGroupMember', () => dir.removeGroupMember(ids.salesTeam, ids.alex), { userId: ids.alex, write: { op: 'membership', groupId: ids.salesTeam, add: false } }],
    ['revokeSignInSessions', () => dir.revokeSignInSessions(ids.megan), { userId: ids.megan, write: { op: 'revokeSessions' } }],
  ];

  test.each(cases)('%s', async (_name, single, item) => {
    const okAlone = await single().then(() => true, () => false);
    const alone = emu.requestLog.map(sent);
    const after = emu.state.snapshot(null);
    emu.reset();
    expect((await dir.writeBatch([item]))[0].ok).toBe(okAlone);
    expect(items().map(sent)).toEqual(alone);
    expect(emu.state.snapshot(null)).toEqual(after);
  });
});

describe('writeBatch', () => {
  test('45 mixed writes: 3 $batch requests, every result in order, progress after each batch', async () => {
    const writes: BatchWrite[] = [];
    for (let i = 0; i < 9; i++) {
      writes.push(patch(ids.alex, { officeLocation: `Room ${i}` }));
      writes.push({ userId: ids.patrick, write: { op: 'membership', groupId: ids.salesTeam, add: true } }); // already a member after the first
      writes.push({ userId: ids.jose, write: { op: 'membership', groupId: ids.marketing, add: false } }); // not a member: done all the same
      writes.push({ userId: ids.megan, write: { op: 'revokeSessions' } });
      writes.push(patch(ids.megan, { jobTitle: 'Lead' })); // synced: AD's to change
    }
    const progress: number[] = [];
    const results = await dir.writeBatch(writes, { onProgress: (n) => progress.push(n) });
    expect(batches()).toHaveLength(3);
    expect(items()).toHaveLength(45);
    expect(results).toHaveLength(45);
    results.forEach((r, i) => {
      if (i % 5 === 4) expect(r).toMatchObject({ ok: false, code: 'ACCOUNT_SYNCED', status: 400, graphCode: 'Request_BadRequest', mayHaveLanded: false });
      else expect(r).toMatchObject({ ok: true });
    });
    expect(emu.state.getGroupMemberIds(ids.salesTeam)).toContain(ids.patrick);
    expect(emu.state.getSignInRevocations(ids.megan)).toHaveLength(9);
    expect(progress).toHaveLength(3);
    expect(progress[2]).toBe(45);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  test('no items: no request', async () => {
    expect(await dir.writeBatch([])).toEqual([]);
    expect(emu.requestLog).toHaveLength(0);
  });

  test('a throttled item is sent again after its Retry-After, alone, and lands once', async () => {
    emu.faults.add({ match: { method: 'PATCH', pathIncludes: ids.patrick, inBatch: true }, status: 429, retryAfterSeconds: 7 });
    const results = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' }), patch(ids.patrick, { jobTitle: 'P' }), patch(ids.jose, { jobTitle: 'J' })]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(batches()).toHaveLength(2);
    expect(waits).toEqual([7_000]);
    const patrick = items().filter((e) => e.path.includes(ids.patrick));
    expect(patrick.map((e) => e.status)).toEqual([429, 204]);
    // The second batch held only the throttled item.
    expect(items().filter((e) => e.batchRequestId === batches()[1].requestId).map((e) => e.path)).toEqual([`/v1.0/users/${ids.patrick}`]);
    expect(items().filter((e) => e.path.includes(ids.alex))).toHaveLength(1);
    expect(emu.state.getUser(ids.patrick)!.jobTitle).toBe('P');
  });

  test('the wait is the largest Retry-After of the batch, capped at 30 s', async () => {
    emu.faults.add({ match: { pathIncludes: ids.alex, inBatch: true }, status: 429, retryAfterSeconds: 3 });
    emu.faults.add({ match: { pathIncludes: ids.patrick, inBatch: true }, status: 429, retryAfterSeconds: 45 });
    const results = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' }), patch(ids.patrick, { jobTitle: 'P' })]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(waits).toEqual([30_000]);
  });

  test('an item throttled past 5 resends fails as throttled, not landed', async () => {
    emu.faults.add({ match: { pathIncludes: ids.patrick, inBatch: true }, status: 429, retryAfterSeconds: 1, times: 100 });
    const [alex, patrick] = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' }), patch(ids.patrick, { jobTitle: 'P' })]);
    expect(alex.ok).toBe(true);
    expect(patrick).toMatchObject({ ok: false, code: 'GRAPH_THROTTLED', status: 429, graphCode: 'TooManyRequests', mayHaveLanded: false });
    expect(items().filter((e) => e.path.includes(ids.patrick))).toHaveLength(6);
  });

  test('an item whose answer was lost (504 after it landed): may have landed, never sent again', async () => {
    emu.faults.add({ match: { method: 'PATCH', pathIncludes: ids.patrick, inBatch: true }, lostResponse: true });
    const results = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' }), patch(ids.patrick, { jobTitle: 'P' })]);
    expect(results[0].ok).toBe(true);
    expect(results[1]).toMatchObject({ ok: false, code: 'GRAPH_UNAVAILABLE', status: 504, graphCode: 'gatewayTimeout', mayHaveLanded: true });
    expect(batches()).toHaveLength(1);
    expect(items().filter((e) => e.method === 'PATCH' && e.path.includes(ids.patrick))).toHaveLength(1);
    expect(emu.state.getUser(ids.patrick)!.jobTitle).toBe('P');
  });

  test.each([500, 503])('an item answered %d: may have landed, not sent again', async (status) => {
    emu.faults.add({ match: { pathIncludes: ids.patrick, inBatch: true }, status: status as 500 | 503, retryAfterSeconds: 1 });
    const [, patrick] = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' }), patch(ids.patrick, { jobTitle: 'P' })]);
    expect(patrick).toMatchObject({ ok: false, status, mayHaveLanded: true });
    expect(batches()).toHaveLength(1);
  });

  test('a refused item (403) did not land', async () => {
    emu.faults.add({ match: { pathIncludes: ids.patrick, inBatch: true }, status: 403 });
    const [, patrick] = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' }), patch(ids.patrick, { jobTitle: 'P' })]);
    expect(patrick).toMatchObject({ ok: false, code: 'GRAPH_FORBIDDEN', status: 403, mayHaveLanded: false });
  });

  test('a whole batch throttled (429): nothing ran, it is sent again after Retry-After and each write lands once', async () => {
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 429, retryAfterSeconds: 4 });
    const results = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' }), { userId: ids.megan, write: { op: 'revokeSessions' } }]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(batches().map((e) => e.status)).toEqual([429, 200]);
    expect(waits).toEqual([4_000]);
    expect(items()).toHaveLength(2);
    expect(emu.state.getSignInRevocations(ids.megan)).toHaveLength(1);
  });

  test('a whole batch 503 with Retry-After is sent again; without, it may have run: not sent again', async () => {
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 503, retryAfterSeconds: 2 });
    expect((await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' })]))[0].ok).toBe(true);
    expect(batches().map((e) => e.status)).toEqual([503, 200]);
    emu.reset();
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 503, landed: true });
    const [r] = await dir.writeBatch([patch(ids.alex, { jobTitle: 'B' })]);
    expect(r).toMatchObject({ ok: false, code: 'GRAPH_UNAVAILABLE', status: 503, mayHaveLanded: true });
    expect(batches()).toHaveLength(1);
    expect(emu.state.getUser(ids.alex)!.jobTitle).toBe('B');
  });

  test.each([[504], [500], [502]])('a whole batch answered %d after it ran: every item may have landed, none is sent again', async (status) => {
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: status as 500 | 502 | 504, landed: true });
    const results = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' }), { userId: ids.megan, write: { op: 'revokeSessions' } }]);
    expect(results).toEqual([0, 1].map(() => expect.objectContaining({ ok: false, status, mayHaveLanded: true })));
    expect(batches()).toHaveLength(1);
    expect(emu.state.getSignInRevocations(ids.megan)).toHaveLength(1);
  });

  test('a whole batch whose answer was lost (timed out): every item may have landed, none is sent again', async () => {
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, lostResponse: true });
    const results = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' }), { userId: ids.megan, write: { op: 'revokeSessions' } }]);
    expect(results).toEqual([0, 1].map(() => expect.objectContaining({ ok: false, code: 'GRAPH_TIMEOUT', mayHaveLanded: true })));
    expect(batches()).toHaveLength(1);
    expect(items()).toHaveLength(2);
    expect(emu.state.getSignInRevocations(ids.megan)).toHaveLength(1);
    expect(emu.state.getUser(ids.alex)!.jobTitle).toBe('A');
  });

  test('a whole batch refused (400): nothing ran', async () => {
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 400 });
    const [r] = await dir.writeBatch([patch(ids.alex, { jobTitle: 'A' })]);
    expect(r).toMatchObject({ ok: false, code: 'GRAPH_BAD_REQUEST', status: 400, mayHaveLanded: false });
  });
});

describe('the Graph client never sends a POST /$batch again by itself', () => {
  const body = { requests: [{ id: '1', method: 'PATCH', url: `/users/${ids.alex}`, headers: { 'Content-Type': 'application/json' }, body: { jobTitle: 'X' } }] };

  test('a 504 or a timeout of a POST is not retried by the middleware', async () => {
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 504, landed: true });
    await expect(transport.call('POST', '/$batch', { body })).rejects.toMatchObject({ status: 504, mayHaveLanded: true });
    expect(batches()).toHaveLength(1);
    emu.reset();
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, lostResponse: true });
    await expect(transport.call('POST', '/$batch', { body })).rejects.toMatchObject({ code: 'GRAPH_TIMEOUT', mayHaveLanded: true });
    expect(batches()).toHaveLength(1);
  });

  test('a 503 without Retry-After: the middleware would retry a POST; singleAttempt (what writeBatch sends) stops it', async () => {
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 503, landed: true });
    await transport.call('POST', '/$batch', { body });
    expect(batches().map((e) => e.status)).toEqual([503, 200]); // the hazard: the items ran twice
    emu.reset();
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 503, landed: true });
    const r = await transport.send('POST', '/$batch', { body, singleAttempt: true });
    expect(r.status).toBe(503);
    expect(batches()).toHaveLength(1);
    expect(items()).toHaveLength(1);
  });
});
