import type { GraphEmulator } from '../../src/emulator';
import { call, ids, startTestEmulator, type CallResult } from './emulatorTestKit';

let emu: GraphEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ now: () => new Date('2026-12-01T09:30:00.250Z') });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

interface Item {
  id: string;
  method: string;
  url: string;
  body?: unknown;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
const item = (id: string, method: string, url: string, body?: unknown): Item => ({ id, method, url, ...(body !== undefined ? { body } : {}) });
const batch = (items: Item[]) =>
  call(emu, 'POST', '/$batch', { body: { requests: items.map((i) => ({ ...i, ...(i.body !== undefined ? { headers: JSON_HEADERS } : {}) })) } });
const answers = (r: CallResult) => Object.fromEntries(r.body.responses.map((x: { id: string }) => [x.id, x]));
/** What a client compares: status, error code and text (request ids and dates differ per call). */
const outcome = (status: number, body: { error?: { code: string; message: string }; value?: unknown } | undefined) =>
  ({ status, error: body?.error && { code: body.error.code, message: body.error.message }, value: body?.value });

describe('write requests inside a $batch answer as they do on their own', () => {
  test.each<[string, Item]>([
    ['PATCH of a cloud-only user', item('1', 'PATCH', `/users/${ids.alex}`, { jobTitle: 'Lead' })],
    ['PATCH of a synced user’s AD-mastered property (400)', item('1', 'PATCH', `/users/${ids.megan}`, { jobTitle: 'Lead' })],
    ['PATCH with an unknown property (400)', item('1', 'PATCH', `/users/${ids.alex}`, { nonsense: 1 })],
    ['assignLicense', item('1', 'POST', `/users/${ids.alex}/assignLicense`, { addLicenses: [{ skuId: ids.e3, disabledPlans: [] }], removeLicenses: [] })],
    ['assignLicense without a usage location (400)', item('1', 'POST', `/users/${ids.jose}/assignLicense`, { addLicenses: [{ skuId: ids.e3 }], removeLicenses: [] })],
    ['adding a group member', item('1', 'POST', `/groups/${ids.salesTeam}/members/$ref`, ref(ids.patrick))],
    ['adding to a synced group (400)', item('1', 'POST', `/groups/${ids.hqStaff}/members/$ref`, ref(ids.patrick))],
    ['removing a group member', item('1', 'DELETE', `/groups/${ids.salesTeam}/members/${ids.alex}/$ref`)],
    ['removing a non-member (404)', item('1', 'DELETE', `/groups/${ids.salesTeam}/members/${ids.patrick}/$ref`)],
    ['revokeSignInSessions', item('1', 'POST', `/users/${ids.megan}/revokeSignInSessions`)],
    ['a write to an unknown user (404)', item('1', 'PATCH', '/users/00000000-0000-4000-8000-000000000000', { jobTitle: 'x' })],
  ])('%s', async (_what, request) => {
    const alone = await call(emu, request.method, request.url, request.body !== undefined ? { body: request.body } : {});
    const after = { user: emu.state.getUser(request.url.split('/')[2]), members: emu.state.getGroupMemberIds(ids.salesTeam) };
    emu.reset();
    const r = await batch([request]);
    expect(r.status).toBe(200);
    const inBatch = answers(r)['1'];
    expect(outcome(inBatch.status, inBatch.body)).toEqual(outcome(alone.status, alone.body));
    expect({ user: emu.state.getUser(request.url.split('/')[2]), members: emu.state.getGroupMemberIds(ids.salesTeam) }).toEqual(after);
  });

  test('several writes in one batch, each answered under its own id', async () => {
    const r = await batch([
      item('a', 'PATCH', `/users/${ids.alex}`, { department: 'Sales' }),
      item('b', 'PATCH', `/users/${ids.megan}`, { department: 'Sales' }),
      item('c', 'POST', `/groups/${ids.salesTeam}/members/$ref`, ref(ids.patrick)),
      item('d', 'POST', `/users/${ids.patrick}/revokeSignInSessions`),
    ]);
    expect(r.body.responses.map((x: { id: string; status: number }) => [x.id, x.status])).toEqual([['a', 204], ['b', 400], ['c', 204], ['d', 200]]);
    expect(emu.state.getUser(ids.alex)!.department).toBe('Sales');
    expect(emu.state.getGroupMemberIds(ids.salesTeam)).toContain(ids.patrick);
  });

  test('21 write requests is a 400 and nothing is written', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => item(String(i), 'PATCH', `/users/${ids.alex}`, { jobTitle: `T${i}` }));
    const r = await batch(requests);
    expect([r.status, r.body.error.code]).toEqual([400, 'BadRequest']);
    expect(emu.state.getUser(ids.alex)!.jobTitle).toBe('Sales Representative');
  });
});

describe('faults on single items of a $batch', () => {
  const three = () => batch([
    item('1', 'PATCH', `/users/${ids.alex}`, { jobTitle: 'One' }),
    item('2', 'PATCH', `/users/${ids.patrick}`, { jobTitle: 'Two' }),
    item('3', 'POST', `/groups/${ids.salesTeam}/members/$ref`, ref(ids.patrick)),
  ]);

  test('a throttled item: the batch is 200, the item 429 with its own Retry-After, the others done', async () => {
    const fault = emu.faults.add({ match: { method: 'PATCH', pathIncludes: ids.patrick, inBatch: true }, status: 429, retryAfterSeconds: 7 });
    const r = await three();
    expect(r.status).toBe(200);
    expect(r.headers.get('retry-after')).toBeNull();
    const byId = answers(r);
    expect(byId['2']).toMatchObject({ status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests' } } });
    expect([byId['1'].status, byId['3'].status]).toEqual([204, 204]);
    expect(emu.state.getUser(ids.patrick)!.jobTitle).not.toBe('Two');
    expect(emu.state.getUser(ids.alex)!.jobTitle).toBe('One');
    expect(fault.fired).toBe(1);
  });

  test('each throttled item carries its own Retry-After', async () => {
    emu.faults.add({ match: { pathIncludes: ids.alex, inBatch: true }, status: 429, retryAfterSeconds: 3 });
    emu.faults.add({ match: { pathIncludes: ids.salesTeam, inBatch: true }, status: 429, retryAfterSeconds: 11 });
    const byId = answers(await three());
    expect([byId['1'].headers['Retry-After'], byId['2'].status, byId['3'].headers['Retry-After']]).toEqual(['3', 204, '11']);
  });

  test('inBatch: true spares requests sent on their own; inBatch: false spares batch items', async () => {
    emu.faults.add({ match: { pathIncludes: ids.alex, inBatch: true }, status: 429, times: 5 });
    expect((await call(emu, 'PATCH', `/users/${ids.alex}`, { body: { jobTitle: 'Alone' } })).status).toBe(204);
    emu.faults.clear();
    emu.faults.add({ match: { pathIncludes: ids.alex, inBatch: false }, status: 429, times: 5 });
    expect(answers(await three())['1'].status).toBe(204);
    // The $batch request itself is a request on its own: throttled whole, nothing run.
    emu.reset();
    emu.faults.add({ match: { pathIncludes: '$batch', inBatch: false }, status: 429, retryAfterSeconds: 4 });
    const whole = await three();
    expect([whole.status, whole.headers.get('retry-after')]).toEqual([429, '4']);
    expect(emu.state.getUser(ids.alex)!.jobTitle).toBe('Sales Representative');
  });

  test.each([
    ['lostResponse: true', { lostResponse: true }],
    ['status 504 with landed: true', { status: 504 as const, landed: true }],
  ])('a write that landed but whose answer was lost (%s): the item is 504, the change is made', async (_what, spec) => {
    emu.faults.add({ match: { pathIncludes: ids.patrick, method: 'PATCH', inBatch: true }, ...spec });
    const r = await three();
    expect(r.status).toBe(200);
    const byId = answers(r);
    expect(byId['2']).toMatchObject({ status: 504, body: { error: { code: 'gatewayTimeout' } } });
    expect(emu.state.getUser(ids.patrick)!.jobTitle).toBe('Two');
    expect([byId['1'].status, byId['3'].status]).toEqual([204, 204]);
    const logged = emu.requestLog.find((e) => e.method === 'PATCH' && e.path.includes(ids.patrick))!;
    expect(logged).toMatchObject({ status: 504, fault: true, batchRequestId: r.headers.get('request-id') });
  });

  test('times counts items: the first two matching items are throttled, the third goes through', async () => {
    emu.faults.add({ match: { inBatch: true }, status: 429, retryAfterSeconds: 1, times: 2 });
    expect(Object.values(answers(await three())).map((x) => (x as { status: number }).status)).toEqual([429, 429, 204]);
  });

  test('a rate applies per item, drawn from the emulator’s random source', async () => {
    const draws = [0.9, 0.1, 0.9];
    const seeded = await startTestEmulator({ random: () => draws.shift() ?? 0.9 });
    try {
      seeded.faults.add({ match: { inBatch: true }, status: 429, retryAfterSeconds: 2, rate: 0.5 });
      const r = await call(seeded, 'POST', '/$batch', { body: { requests: [
        { id: '1', method: 'GET', url: `/users/${ids.alex}` },
        { id: '2', method: 'GET', url: `/users/${ids.megan}` },
        { id: '3', method: 'GET', url: `/users/${ids.patrick}` },
      ] } });
      expect(r.body.responses.map((x: { status: number }) => x.status)).toEqual([200, 429, 200]);
    } finally {
      await seeded.close();
    }
  });
});
