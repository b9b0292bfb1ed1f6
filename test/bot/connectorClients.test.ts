import { ClaimsIdentity, ConnectorClient, ConnectorFactory, MicrosoftAppCredentials, type UserTokenClient } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { appIdOf, ConnectorClients } from '../../src/bot/connectorClients';
import { StrictBotFrameworkAuthentication } from '../../src/bot/strictAuthentication';
import { createLogger } from '../../src/logger';

/** botbuilder's factory, as far as this cache can tell: a new client on every call, or a failure when told to. */
class CountingFactory extends ConnectorFactory {
  made: { serviceUrl: string; audience?: string }[] = [];
  failNext = false;

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    this.made.push({ serviceUrl, audience });
    if (this.failNext) {
      this.failNext = false;
      throw new Error('credentials unavailable');
    }
    return new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
  }
}

const TEAMS = 'https://smba.trafficmanager.net/emea/';
const AUDIENCE = 'https://api.botframework.com';

describe('ConnectorClients', () => {
  it('builds one client per app, audience and service URL, and hands it to every later turn', async () => {
    const clients = new ConnectorClients();
    const inner = new CountingFactory();
    const first = await clients.connectorFactory('app', inner).create(TEAMS, AUDIENCE);
    // A later turn gets a factory of its own from botbuilder, and still the same client.
    expect(await clients.connectorFactory('app', new CountingFactory()).create(TEAMS, AUDIENCE)).toBe(first);
    expect(await clients.connectorFactory('app', inner).create('https://smba.trafficmanager.net/amer/', AUDIENCE)).not.toBe(first);
    expect(await clients.connectorFactory('app', inner).create(TEAMS, 'other-bot')).not.toBe(first);
    expect(await clients.connectorFactory('other-app', inner).create(TEAMS, AUDIENCE)).not.toBe(first);
    expect(inner.made).toHaveLength(4);
  });

  it('shares one build between turns that ask at the same time', async () => {
    const clients = new ConnectorClients();
    const inner = new CountingFactory();
    const [a, b] = await Promise.all([clients.connectorFactory('app', inner).create(TEAMS, AUDIENCE), clients.connectorFactory('app', inner).create(TEAMS, AUDIENCE)]);
    expect(a).toBe(b);
    expect(inner.made).toHaveLength(1);
  });

  it('does not keep a failure: the next turn builds the client again', async () => {
    const clients = new ConnectorClients();
    const inner = new CountingFactory();
    inner.failNext = true;
    await expect(clients.connectorFactory('app', inner).create(TEAMS, AUDIENCE)).rejects.toThrow('credentials unavailable');
    await expect(clients.connectorFactory('app', inner).create(TEAMS, AUDIENCE)).resolves.toBeInstanceOf(ConnectorClient);
    expect(inner.made).toHaveLength(2);
  });

  it('keeps at most its bound of clients, letting the oldest go', async () => {
    const clients = new ConnectorClients(3);
    const inner = new CountingFactory();
    const oldest = await clients.connectorFactory('app', inner).create('https://a.test/', AUDIENCE);
    for (const host of ['b', 'c', 'd']) await clients.connectorFactory('app', inner).create(`https://${host}.test/`, AUDIENCE);
    expect(await clients.connectorFactory('app', inner).create('https://a.test/', AUDIENCE)).not.toBe(oldest);
    expect(await clients.connectorFactory('app', inner).create('https://d.test/', AUDIENCE)).toBe(await clients.connectorFactory('app', inner).create('https://d.test/', AUDIENCE));
  });

  it('keeps one user token client per app', async () => {
    const clients = new ConnectorClients();
    let built = 0;
    const make = async () => ({ built: ++built }) as unknown as UserTokenClient;
    const a = await clients.userTokenClient('app', make);
    expect(await clients.userTokenClient('app', make)).toBe(a);
    expect(await clients.userTokenClient('other-app', make)).not.toBe(a);
    expect(built).toBe(2);
  });

  it('reads the app id where botbuilder does: the audience, else the emulator’s appid, else none', () => {
    expect(appIdOf(new ClaimsIdentity([{ type: 'aud', value: 'bot-app' }, { type: 'appid', value: 'caller' }], true))).toBe('bot-app');
    expect(appIdOf(new ClaimsIdentity([{ type: 'appid', value: 'bot-app' }], true))).toBe('bot-app');
    expect(appIdOf(new ClaimsIdentity([], false))).toBe('');
  });
});

describe('StrictBotFrameworkAuthentication', () => {
  // Development settings: no app id, so requests are not authenticated and need no token.
  const auth = new StrictBotFrameworkAuthentication({}, createLogger('error', () => undefined));
  const activity = { type: 'message', channelId: 'msteams', serviceUrl: TEAMS } as Activity;

  it('gives every turn the connector client the first one built, and every proactive message its own one', async () => {
    const first = await auth.authenticateRequest(activity, '');
    const second = await auth.authenticateRequest(activity, '');
    const client = await first.connectorFactory!.create(TEAMS, first.audience);
    expect(await second.connectorFactory!.create(TEAMS, second.audience)).toBe(client);
    // continueConversationAsync(appId, …) asks for the factory's default audience: a client of its own, kept too.
    const proactive = await auth.createConnectorFactory(first.claimsIdentity).create(TEAMS, undefined);
    expect(await auth.createConnectorFactory(second.claimsIdentity).create(TEAMS, undefined)).toBe(proactive);
  });

  it('gives every turn the same user token client', async () => {
    const { claimsIdentity } = await auth.authenticateRequest(activity, '');
    expect(await auth.createUserTokenClient(claimsIdentity)).toBe(await auth.createUserTokenClient(claimsIdentity));
  });
});
