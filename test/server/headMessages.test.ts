import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type restify from 'restify';
import { createLogger } from '../../src/logger';
import { createServer } from '../../src/server';

/**
 * The server with a production adapter (an app id and secret, so every POST needs a Bot Framework token): a HEAD
 * on the messaging endpoint, as the Agents Playground sends, is answered without a token; a POST still is not.
 */
let server: restify.Server;
let url: string;
let turns = 0;
beforeAll(async () => {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: '00000000-0000-4000-8000-0000000000b0', MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: '00000000-0000-4000-8000-0000000000a0',
  });
  const bot = new ActivityHandler().onMessage(async (_context, next) => {
    turns++;
    await next();
  });
  const health = async () => ({ status: 'ok' as const, version: 't', mode: 'production', store: 'pglite', database: 'reachable' as const, graph: 'reachable' as const, down: [] });
  server = createServer({ adapter: new CloudAdapter(auth), bot, health, log: createLogger('error') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('HEAD /api/messages', () => {
  it('answers 204 without a body and without authentication', async () => {
    const r = await fetch(url, { method: 'HEAD' });
    expect(r.status).toBe(204);
    expect(await r.text()).toBe('');
    expect(turns).toBe(0);
  });

  it('leaves POST as it was: no token, 401, no turn', async () => {
    const activity = { type: 'message', text: 'help', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } };
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(r.status).toBe(401);
    expect(turns).toBe(0);
  });
});
