import { TurnContext, type Activity, type BotAdapter } from 'botbuilder';
import { UserTokenClientImpl } from 'botframework-connector/lib/auth/userTokenClientImpl';
import { MicrosoftAppCredentials } from 'botframework-connector';
import { EmulatorTokens } from '../../src/bot/devTokens';
import { DelegatedTokenCache, REFRESH_BEFORE_MS } from '../../src/bot/delegatedTokenCache';
import { TeamsSignIn } from '../../src/bot/teamsSignIn';
import { TeamsSsoTokens } from '../../src/bot/ssoTokens';
import { toActivity } from '../../src/bot/toActivity';
import { signIn } from '../../src/assistant/reply';
import { SignInRequired } from '../../src/directory/delegatedTokens';
import { memoryLogger } from '../../src/logger';
import { people, startHarness, TENANT_ID, type Harness } from '../support/botHarness';
import { FakeTokenService } from '../support/fakeConnector';
import { FakeEntra, localCertificate } from '../support/fakeEntra';
import { writesIn } from '../support/graphWrites';

const APP_ID = '00000000-0000-4000-8000-0000000000b0';
const APP_SECRET = 'app-secret-never-logged-7c1f';
const CONNECTION = 'graph-sso';
/** What a Teams client puts in `signin/tokenExchange`: the user's SSO token for api://botid-<app id>. */
const teamsToken = (who: string) => `teams-sso-token-${who.slice(0, 8)}-5e2d9a`;

const texts = (sent: { activity: { text?: string } }[]) => sent.map((s) => s.activity.text ?? '');

describe('delegated mode with Teams single sign-on: whole turns', () => {
  let tokenService: FakeTokenService;
  let entra: FakeEntra;
  let h: Harness;

  beforeAll(async () => {
    const { cert, key } = localCertificate();
    tokenService = await new FakeTokenService().start();
    tokenService.exchangeUri = `api://botid-${APP_ID}`;
    entra = await new FakeEntra(cert, key).start();
    h = await startHarness({
      config: {
        graphMode: 'delegated',
        sso: { connectionName: CONNECTION, credential: { kind: 'clientSecret', tenantId: TENANT_ID, clientId: APP_ID, clientSecret: APP_SECRET } },
      },
      botFrameworkAuth: tokenService.botFrameworkAuth,
      onBehalfOf: { authorityHost: entra.url, disableInstanceDiscovery: true, tlsOptions: { ca: cert } },
    });
  });
  afterAll(async () => {
    await h.close();
    await tokenService.stop();
    await entra.stop();
  });

  const exchange = (who: string, id: string) => h.invoke('signin/tokenExchange', { id, connectionName: CONNECTION, token: teamsToken(who) }, who);

  it('an exchange the token service refuses (consent needed) → 412 for the sign-in card, and no token for the user', async () => {
    tokenService.refuseExchanges = true;
    const sentBefore = h.connector.sent.length;
    const r = await exchange(people.ciaran, 'exchange-refused-1');
    tokenService.refuseExchanges = false;

    expect(r.status).toBe(412);
    expect(r.body).toMatchObject({ id: 'exchange-refused-1', connectionName: CONNECTION });
    expect(tokenService.calls.filter((c) => c.path === 'api/usertoken/exchange').at(-1)?.query).toMatchObject({ userId: `29:${people.ciaran}`, connectionName: CONNECTION, channelId: 'msteams' });
    expect(h.connector.sent.length).toBe(sentBefore);
    expect(entra.grants).toHaveLength(0);
    await expect(h.app.delegatedTokens!.tokenFor(people.ciaran)).rejects.toBeInstanceOf(SignInRequired);
  });

  it('a successful exchange → 200, "Signed in — ask again.", and the admin\'s Graph token got on-behalf-of them and cached', async () => {
    const grantsBefore = entra.grants.length;
    const sentBefore = h.connector.sent.length;
    const r = await exchange(people.daan, 'exchange-ok-1');
    expect(r.status).toBe(200);
    const sent = await h.connector.waitFor(sentBefore + 1);
    expect(texts(sent.slice(sentBefore))).toEqual(['Signed in — ask again.']);

    // One on-behalf-of grant, with the token service's token for the connection as the assertion, for Graph.
    expect(entra.grants.slice(grantsBefore)).toEqual([{
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: tokenService.tokens.get(`29:${people.daan}|${CONNECTION}`), clientId: APP_ID,
      // Graph's `.default` scope at the configured Graph (here the emulator; https://graph.microsoft.com in production).
      scope: expect.stringContaining(`${h.emulator.url}/.default`),
    }]);
    const token = await h.app.delegatedTokens!.tokenFor(people.daan);
    expect(token).toBe(entra.issued.at(-1));
    // Cached: asked again, neither the token service nor Entra is asked.
    const calls = tokenService.calls.length;
    expect(await h.app.delegatedTokens!.tokenFor(people.daan)).toBe(token);
    expect(tokenService.calls.length).toBe(calls);
    expect(entra.grants.length).toBe(grantsBefore + 1);
  });

  it('the same exchange again (another Teams client of the user) is answered 200 once more, and nothing is said twice', async () => {
    const sentBefore = h.connector.sent.length;
    const grantsBefore = entra.grants.length;
    const r = await exchange(people.daan, 'exchange-ok-1');
    expect(r.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.connector.sent.length).toBe(sentBefore);
    expect(entra.grants.length).toBe(grantsBefore);
  });

  it('an exchange whose on-behalf-of Entra refuses (no consent for Graph) → 412, no token cached', async () => {
    entra.refuse.add(`sso-${teamsToken(people.lotte).slice(-12)}`);
    const sentBefore = h.connector.sent.length;
    const r = await exchange(people.lotte, 'exchange-obo-refused');
    expect(r.status).toBe(412);
    expect(r.body).toMatchObject({ id: 'exchange-obo-refused', connectionName: CONNECTION });
    expect(h.connector.sent.length).toBe(sentBefore);
    await expect(h.app.delegatedTokens!.tokenFor(people.lotte)).rejects.toMatchObject({ code: 'SIGN_IN_REQUIRED', reason: 'consentRequired' });
  });

  it('signin/verifyState with the sign-in card\'s magic code → 200 and a token; a wrong code → 404 and none', async () => {
    const sentBefore = h.connector.sent.length;
    const wrong = await h.invoke('signin/verifyState', { state: '000000' }, people.hendrik, { locale: 'nl-NL' });
    expect(wrong.status).toBe(404);
    await expect(h.app.delegatedTokens!.tokenFor(people.hendrik)).rejects.toBeInstanceOf(SignInRequired);

    tokenService.magicCodes.set('482913', { userId: `29:${people.hendrik}`, token: 'sso-from-magic-code-91ab' });
    const r = await h.invoke('signin/verifyState', { state: '482913' }, people.hendrik, { locale: 'nl-NL' });
    expect(r.status).toBe(200);
    const sent = await h.connector.waitFor(sentBefore + 1);
    expect(texts(sent.slice(sentBefore))).toEqual(['Aangemeld — vraag het opnieuw.']);
    expect(entra.grants.at(-1)?.assertion).toBe('sso-from-magic-code-91ab');
    expect(await h.app.delegatedTokens!.tokenFor(people.hendrik)).toBe(entra.issued.at(-1));
  });

  it('sign-in invokes without the shape Teams sends are 400, and reach neither the token service nor Entra', async () => {
    const calls = tokenService.calls.length;
    const grants = entra.grants.length;
    expect((await h.invoke('signin/verifyState', { state: 42 }, people.milan)).status).toBe(400);
    expect((await h.invoke('signin/verifyState', 'nonsense', people.milan)).status).toBe(400);
    expect(tokenService.calls.length).toBe(calls);
    expect(entra.grants.length).toBe(grants);
  });

  it('sign out: the cached token goes and the token service signs the user out; the next ask needs a sign-in', async () => {
    await h.app.delegatedTokens!.tokenFor(people.daan);
    await h.app.delegatedTokens!.forget(people.daan);
    expect(tokenService.calls.at(-1)).toMatchObject({ method: 'DELETE', path: 'api/usertoken/signout', query: { userId: `29:${people.daan}`, connectionName: CONNECTION, channelId: 'msteams' } });
    expect(tokenService.tokens.has(`29:${people.daan}|${CONNECTION}`)).toBe(false);
    await expect(h.app.delegatedTokens!.tokenFor(people.daan)).rejects.toBeInstanceOf(SignInRequired);
  });

  it('Apply without a token of the admin → the sign-in card; the plan stays open and nothing is written or claimed', async () => {
    // Ciarán (Helpdesk Administrator) never signed in: the token service holds no token for him.
    const [reply] = await h.say('sign out Noah Peeters', people.ciaran);
    const planId = JSON.stringify(reply).match(/"planId":"([^"]+)"/)![1];
    const sentBefore = h.connector.sent.length;
    const logBefore = h.emulator.requestLog.length;
    const r = await h.act('change.apply', { planId }, people.ciaran);
    expect(r.status).toBe(200);
    const sent = await h.connector.waitFor(sentBefore + 1);
    // The sign-in reply: an OAuthCard in Teams (its shape is tested below, with the bot's app id); this harness runs
    // without an app id, so botbuilder cannot make the card's sign-in state and the bot falls back to its text.
    expect(sent.slice(sentBefore).map((x) => x.activity.text)).toEqual(['I act with your own rights, so sign in first: use the sign-in card, then ask again. Nothing was changed.']);
    expect(writesIn(h.emulator.requestLog.slice(logBefore))).toEqual([]);
    expect((await h.app.store.plans.get(planId))?.state).toBe('open');
  });

  it('no token (Teams\', the token service\'s, Graph\'s) and no secret appears in any log line', () => {
    const log = h.logLines.join('\n');
    const secrets = [
      APP_SECRET, 'sso-from-magic-code-91ab', ...entra.issued, ...[people.daan, people.ciaran, people.lotte].map(teamsToken),
      ...[...tokenService.tokens.values()], ...entra.grants.map((g) => g.assertion),
    ];
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).toContain('signIn.done');
  });
});

describe('the sign-in card', () => {
  let tokenService: FakeTokenService;
  beforeAll(async () => {
    tokenService = await new FakeTokenService().start();
    tokenService.exchangeUri = `api://botid-${APP_ID}`;
  });
  afterAll(() => tokenService.stop());

  /** A turn of `from` whose UserTokenClient is botbuilder's own, talking to the fake token service. */
  function turn(locale: string): TurnContext {
    const key = Symbol('UserTokenClient');
    const adapter = { UserTokenClientKey: key } as unknown as BotAdapter;
    const activity = {
      type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', locale, id: 'a1',
      from: { id: `29:${people.daan}`, aadObjectId: people.daan }, recipient: { id: `28:${APP_ID}` }, conversation: { id: 'conv-1', conversationType: 'personal' },
    } as Activity;
    const context = new TurnContext(adapter, activity);
    context.turnState.set(key, new UserTokenClientImpl(APP_ID, MicrosoftAppCredentials.Empty, tokenService.url));
    return context;
  }

  const signInFor = () => new TeamsSignIn(new TeamsSsoTokens({
    sso: { connectionName: CONNECTION, credential: { kind: 'clientSecret', tenantId: TENANT_ID, clientId: APP_ID, clientSecret: APP_SECRET } },
    graphScope: 'https://graph.microsoft.com/.default', userTokenClient: () => Promise.reject(new Error('unused')), teamsUserId: async () => null, log: memoryLogger(),
  }), memoryLogger());

  it('is an OAuthCard for the connection, with the token exchange resource (silent SSO) and the sign-in link (consent)', async () => {
    const activity = await signInFor().card(turn('en-US'), 'Sign in first.');
    const [attachment] = activity.attachments ?? [];
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.oauth');
    expect(attachment.content).toMatchObject({
      connectionName: CONNECTION, text: 'Sign in first.',
      tokenExchangeResource: { uri: `api://botid-${APP_ID}`, providerId: 'aad' },
      buttons: [{ type: 'signin', title: 'Sign in', value: expect.stringContaining(`${tokenService.url}/sign-in?state=`) }],
    });
    // The sign-in state names the connection, the bot and the conversation, as botbuilder makes it.
    const call = tokenService.calls.find((c) => c.path === 'api/botsignin/getsigninresource')!;
    expect(JSON.parse(Buffer.from(call.query.state, 'base64').toString('utf8'))).toMatchObject({ connectionName: CONNECTION, msAppId: APP_ID, conversation: { conversation: { id: 'conv-1' } } });
  });

  it('says its button in the user\'s language', async () => {
    const activity = await signInFor().card(turn('nl-NL'), 'Meld je aan.');
    expect(activity.attachments?.[0].content.buttons[0].title).toBe('Aanmelden');
  });

  it('falls back to the text when the token service cannot be asked', async () => {
    const context = turn('en-US');
    context.turnState.set((context.adapter as unknown as { UserTokenClientKey: symbol }).UserTokenClientKey, new UserTokenClientImpl(APP_ID, MicrosoftAppCredentials.Empty, 'http://127.0.0.1:9'));
    const activity = await signInFor().card(context, 'Sign in first.');
    expect(activity.text).toBe('Sign in first.');
    expect(activity.attachments ?? []).toHaveLength(0);
  });

  it('is plain text without a turn (development, proactive messages)', () => {
    expect(toActivity(signIn('Sign in first.'))).toMatchObject({ type: 'message', text: 'Sign in first.' });
  });
});

describe('delegated mode in development: the emulator signs the chat user in', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { graphMode: 'delegated' } });
  });
  afterAll(() => h.close());

  it('gets a token for a user of the tenant from the emulator\'s issuer, and caches it', async () => {
    const tokens = h.app.delegatedTokens!;
    expect(tokens).toBeInstanceOf(EmulatorTokens);
    const token = await tokens.tokenFor(people.daan);
    expect(token.split('.')).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims.oid).toBe(people.daan);
    expect(await tokens.tokenFor(people.daan)).toBe(token);
    await tokens.forget(people.daan);
    const again = await tokens.tokenFor(people.daan);
    expect(JSON.parse(Buffer.from(again.split('.')[1], 'base64url').toString('utf8')).oid).toBe(people.daan);
    expect(h.logLines.join('\n')).not.toContain(token);
    expect(h.logLines.filter((l) => l.includes('signIn.devSignedIn'))).toHaveLength(2);
  });

  it('a user the issuer does not know needs to sign in', async () => {
    await expect(h.app.delegatedTokens!.tokenFor('00000000-0000-4000-8000-00000000dead')).rejects.toBeInstanceOf(SignInRequired);
  });

  it('application mode has no delegated token source', async () => {
    const plain = await startHarness({ emulator: h.emulator });
    try {
      expect(plain.app.delegatedTokens).toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe('the per-user token cache', () => {
  const clock = { at: Date.parse('2026-01-01T10:00:00Z'), now() { return new Date(this.at); } };

  it('hands a token out until 5 minutes before it expires, then fetches a new one', async () => {
    const cache = new DelegatedTokenCache(clock);
    let fetched = 0;
    const fetch = async () => ({ token: `t${++fetched}`, expiresAt: clock.at + 60 * 60_000 });
    expect(await cache.get('u', fetch)).toBe('t1');
    clock.at += 60 * 60_000 - REFRESH_BEFORE_MS - 1;
    expect(await cache.get('u', fetch)).toBe('t1');
    clock.at += 2;
    expect(await cache.get('u', fetch)).toBe('t2');
  });

  it('shares one fetch between concurrent asks, and a fetch overtaken by a sign-out is not kept', async () => {
    const cache = new DelegatedTokenCache(clock);
    let release!: () => void;
    let fetched = 0;
    const fetch = () => new Promise<{ token: string; expiresAt: number }>((resolve) => {
      fetched++;
      release = () => resolve({ token: 'slow', expiresAt: clock.at + 3_600_000 });
    });
    const [a, b] = [cache.get('u', fetch), cache.get('u', fetch)];
    expect(fetched).toBe(1);
    cache.drop('u');
    release();
    expect(await a).toBe('slow');
    expect(await b).toBe('slow');
    expect(cache.fresh('u')).toBeNull();
  });

  it('does not keep a token that expires within 5 minutes', () => {
    const cache = new DelegatedTokenCache(clock);
    cache.put('u', { token: 'short', expiresAt: clock.at + REFRESH_BEFORE_MS });
    expect(cache.fresh('u')).toBeNull();
    expect(cache.size).toBe(0);
  });
});
