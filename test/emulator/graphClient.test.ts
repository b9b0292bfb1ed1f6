import {
  BatchRequestContent, BatchResponseContent, Client, GraphError, HTTPMessageHandler, PageIterator, RetryHandler, RetryHandlerOptions,
  type Context, type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { GraphEmulator } from '../../src/emulator';
import { ids, startTestEmulator } from './emulatorTestKit';

/*
 * The real @microsoft/microsoft-graph-client 3.0.7 against the emulator.
 *
 * What works, checked here: the client's own AuthenticationHandler sends the token only to https Graph hosts
 * or to `customHosts` — and `customHosts` is only consulted for https URLs too (GraphRequestUtil.isValidEndpoint),
 * so over http://127.0.0.1 `Client.init({ authProvider })` works but sends no Authorization header. To see the
 * token at the emulator, build the chain yourself with `Client.initWithMiddleware({ middleware })` and a
 * small bearer middleware (as src/directory/graph does). Use `baseUrl: emu.url` and `defaultVersion: 'v1.0'`.
 * The default RetryHandler waits 3 s per retry: pass RetryHandlerOptions, and faults with retryAfterSeconds: 0.
 * nextLinks: the client also treats only https:// URLs as absolute, so PageIterator's client.api(nextLink)
 * reaches the emulator as /v1.0/http://host/v1.0/users?…; the emulator unwraps that (graphEmulator.ts).
 */

class BearerToken implements Middleware {
  private next?: Middleware;
  async execute(context: Context): Promise<void> {
    context.options = { ...context.options, headers: { ...(context.options?.headers as Record<string, string>), Authorization: 'Bearer test-token' } };
    await this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

function clientWithChain(emu: GraphEmulator): Client {
  const chain: Middleware[] = [new BearerToken(), new RetryHandler(new RetryHandlerOptions(0, 3)), new HTTPMessageHandler()];
  chain[0].setNext!(chain[1]);
  chain[1].setNext!(chain[2]);
  return Client.initWithMiddleware({ baseUrl: emu.url, defaultVersion: 'v1.0', middleware: chain[0] });
}

let emu: GraphEmulator;
let client: Client;
beforeAll(async () => {
  emu = await startTestEmulator();
  client = clientWithChain(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

async function graphErrorOf(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
  throw new Error('expected a GraphError');
}

describe('@microsoft/microsoft-graph-client against the emulator', () => {
  test('Client.init with an authProvider works over http, but sends no token there', async () => {
    const plain = Client.init({ baseUrl: emu.url, defaultVersion: 'v1.0', authProvider: (done) => done(null, 'ignored-token') });
    const user = await plain.api(`/users/${ids.megan}`).select(['id', 'displayName']).get();
    expect(user).toMatchObject({ id: ids.megan, displayName: 'Megan Bowen' });
    expect(emu.requestLog.at(-1)!.hasAuth).toBe(false);
  });

  test('with a middleware chain the bearer token arrives', async () => {
    await client.api('/organization').select('id').get();
    expect(emu.requestLog.at(-1)!.hasAuth).toBe(true);
  });

  test('$filter with a doubled apostrophe, as the client sends it (unencoded)', async () => {
    const page = await client.api('/users').filter("displayName eq 'Patrick O''Brien'").select('id,displayName').get();
    expect(page.value).toEqual([{ id: ids.patrick, displayName: "Patrick O'Brien" }]);
  });

  test('$search with ConsistencyLevel and $count', async () => {
    const page = await client.api('/users').header('ConsistencyLevel', 'eventual').search('"displayName:megan"').count(true).select('id').get();
    expect(page['@odata.count']).toBe(1);
    expect(page.value).toEqual([{ id: ids.megan }]);
  });

  test('PATCH of a synced account rejects with GraphError 400 Request_BadRequest', async () => {
    const e = await graphErrorOf(client.api(`/users/${ids.megan}`).patch({ jobTitle: 'x' }));
    expect(e.statusCode).toBe(400);
    expect(e.code).toBe('Request_BadRequest');
    expect(e.message).toMatch(/on-premises mastered Directory Sync objects/);
    expect(e.requestId).toBe(emu.requestLog.at(-1)!.requestId);
  });

  test('PATCH of a cloud-only account resolves and a later GET shows it', async () => {
    await client.api(`/users/${ids.alex}`).patch({ jobTitle: 'Head of Sales' });
    expect((await client.api(`/users/${ids.alex}`).select('jobTitle').get()).jobTitle).toBe('Head of Sales');
  });

  test('the RetryHandler retries 429 with Retry-After and then succeeds', async () => {
    const fault = emu.faults.add({ match: { pathIncludes: '/organization' }, status: 429, retryAfterSeconds: 0, times: 2 });
    const org = await client.api('/organization').select('id').get();
    expect(org.value).toHaveLength(1);
    expect(fault.fired).toBe(2);
    expect(emu.requestLog.map((e) => e.status)).toEqual([429, 429, 200]);
  });

  test('the RetryHandler gives up after its retries and surfaces the 503', async () => {
    emu.faults.add({ status: 503, retryAfterSeconds: 0, times: 10 });
    const e = await graphErrorOf(client.api('/organization').get());
    expect(e.statusCode).toBe(503);
    expect(emu.requestLog).toHaveLength(4);
  });

  test('PageIterator follows @odata.nextLink through every page', async () => {
    const first = await client.api('/users').top(2).select('id').get();
    const seen: string[] = [];
    await new PageIterator(client, first, (u: { id: string }) => {
      seen.push(u.id);
      return true;
    }).iterate();
    expect(new Set(seen).size).toBe(7);
  });

  test('a $batch built with BatchRequestContent', async () => {
    const content = new BatchRequestContent([
      { id: '1', request: new Request(`${emu.baseUrl}/users/${ids.megan}?$select=displayName`, { method: 'GET' }) },
      {
        id: '2',
        request: new Request(`${emu.baseUrl}/users/${ids.megan}`, { method: 'PATCH', body: JSON.stringify({ jobTitle: 'x' }), headers: { 'Content-Type': 'application/json' } }),
      },
    ]);
    const response = new BatchResponseContent(await client.api('/$batch').post(await content.getContent()));
    expect(await response.getResponseById('1').json()).toMatchObject({ displayName: 'Megan Bowen' });
    expect(response.getResponseById('2').status).toBe(400);
  });

  test('assignLicense, memberOf and manager through the client', async () => {
    await client.api(`/users/${ids.alex}/assignLicense`).post({ addLicenses: [{ skuId: ids.e3, disabledPlans: [] }], removeLicenses: [] });
    const memberOf = await client.api(`/users/${ids.alex}/transitiveMemberOf`).select('id,displayName,roleTemplateId').get();
    expect(memberOf.value.some((o: Record<string, unknown>) => o['@odata.type'] === '#microsoft.graph.directoryRole')).toBe(true);
    await client.api(`/users/${ids.alex}/manager/$ref`).put({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${ids.pieter}` });
    expect((await client.api(`/users/${ids.alex}/manager`).select('id').get()).id).toBe(ids.pieter);
  });
});
