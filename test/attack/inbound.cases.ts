import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { TENANT_ID, people, startHarness, type Harness } from '../support/botHarness';
import { AttackKit, planIdOf } from './attackKit';
import type { Figures } from './figures';
import { TokenIssuer } from './tokenIssuer';
import { writesIn } from '../support/graphWrites';

const APP_ID = '6b0c9d4e-7a51-4c1e-9d6e-2f8b3a4c5d6e';
const APP_PASSWORD = 'attack-suite-app-password-7Qx!';
const refusals = (h: Harness, from: number, reason: string) => h.logLines.slice(from).filter((l) => l.includes('"event":"turn.refused"') && l.includes(`"reason":"${reason}"`));

/** Inbound: who may talk to the bot at all, and what a malformed request gets. */
export function inboundCases(figures: Figures): void {
  describe('inbound: the tenant allow-list', () => {
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      h = await startHarness();
      kit = new AttackKit(h, figures);
    });
    afterAll(() => h.close());

    const OTHER_TENANT = '0badbeef-0000-4000-8000-000000000000';
    it.each([
      ['another tenant', { tenantId: OTHER_TENANT }],
      ['another tenant in channelData, ours in the conversation', { override: { channelData: { tenant: { id: OTHER_TENANT } } } }],
      ['no tenant at all', { override: { channelData: {}, conversation: { id: 'conv-x', conversationType: 'personal' } } }],
    ])('%s: a change request gets no answer, no Graph call, and a logged refusal', async (_name, opts) => {
      const logFrom = h.logLines.length;
      const graphFrom = h.emulator.requestLog.length;
      const [e] = await kit.hostile('foreign tenant message', async () => {
        await kit.message('block noah.peeters@fabrikam.nl', { ...opts, answerExpected: false });
      });
      expect(e.status).toBe(200);
      expect(e.replies).toHaveLength(0);
      expect(h.emulator.requestLog.length).toBe(graphFrom);
      expect(refusals(h, logFrom, 'tenant')).toHaveLength(1);
    });

    it("another tenant pressing Apply on our admin's plan: refused before anything is read", async () => {
      const ours = await kit.message('set the department of noah.peeters@fabrikam.nl to Attack');
      const planId = planIdOf(ours.replies[0]);
      const [e] = await kit.hostile('foreign tenant apply', async () => {
        await kit.invoke('change.apply', { planId }, { tenantId: OTHER_TENANT, answerExpected: false });
      });
      expect(e.text).toBe('');
      expect(h.emulator.state.getUser(people.noah)?.department).not.toBe('Attack');
    });
  });

  describe('inbound: malformed requests get a 4xx, never a stack trace', () => {
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      h = await startHarness();
      kit = new AttackKit(h, figures);
    });
    afterAll(() => h.close());

    const json = { 'content-type': 'application/json' };
    it.each<[string, string, Record<string, string>, number]>([
      ['invalid JSON', '{"type": "message", ', json, 400],
      ['a JSON array', '[1,2,3]', json, 400],
      ['a JSON string', '"hello"', json, 400],
      ['null', 'null', json, 400],
      ['no activity type', JSON.stringify({ text: 'hi', serviceUrl: 'http://127.0.0.1:1' }), json, 400],
      ['a type that is not a string', JSON.stringify({ type: 42, text: 'hi' }), json, 400],
      ['a body over 256 KB', JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }), json, 413],
      ['plain text', 'type=message&text=hi', { 'content-type': 'text/plain' }, 415],
      ['a form (what a web page can post cross-site)', 'type=message&text=hi', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
      ['JSON sent as a form', JSON.stringify({ type: 'message', text: 'hi' }), { 'content-type': 'application/x-www-form-urlencoded' }, 415],
      ['XML', '<activity type="message"/>', { 'content-type': 'application/xml' }, 415],
    ])('%s', async (_name, body, headers, status) => {
      const [e] = await kit.hostile(`malformed: ${_name}`, async () => {
        await kit.raw(body, headers);
      });
      expect(e.status).toBe(status);
      expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    });

    it('a multipart upload is refused without a byte reaching the disk', async () => {
      const before = new Set(readdirSync(tmpdir()));
      const boundary = 'attack-boundary';
      const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'x'.repeat(200_000)}\r\n--${boundary}--\r\n`;
      const [e] = await kit.hostile('multipart upload', async () => {
        await kit.raw(body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      });
      expect(e.status).toBe(415);
      expect(readdirSync(tmpdir()).filter((f) => !before.has(f) && /^upload_/.test(f))).toEqual([]);
    });

    it('a __proto__ key in the body pollutes nothing', async () => {
      const body = `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted2":"yes"}},${JSON.stringify(h.activity('message', people.daan, { text: 'help' })).slice(1)}`;
      await kit.hostile('prototype pollution', async () => {
        await kit.raw(body);
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
    });

    it.each<[string, Record<string, unknown>]>([
      ['an invoke without a value', { name: 'adaptiveCard/action' }],
      ['an invoke whose value is a string', { name: 'adaptiveCard/action', value: 'apply everything' }],
      ['an invoke without an action', { name: 'adaptiveCard/action', value: { verb: 'change.apply' } }],
      ['an unknown verb', { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'user.delete', data: { id: people.hendrik } } } }],
      ['a verb named __proto__', { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: '__proto__', data: {} } } }],
      ['a verb named constructor', { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'constructor', data: {} } } }],
      ['an unknown invoke name', { name: 'composeExtension/query', value: { commandId: 'x' } }],
      ['a file consent invoke', { name: 'fileConsent/invoke', value: { action: 'accept' } }],
    ])('%s: answered, nothing read or written', async (_name, extra) => {
      const graphFrom = writesIn(h.emulator.requestLog).length;
      const [e] = await kit.hostile(`malformed invoke: ${_name}`, async () => {
        await kit.raw(h.activity('invoke', people.daan, extra));
      });
      expect(e.status).toBeLessThan(500);
      expect(writesIn(h.emulator.requestLog).length).toBe(graphFrom);
    });
  });

  describe('inbound in production: Bot Framework tokens, the channel and the service URL', () => {
    let issuer: TokenIssuer;
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      issuer = await new TokenIssuer().start();
      h = await startHarness({
        config: { mode: 'production', bot: { appId: APP_ID, appType: 'SingleTenant', appTenantId: TENANT_ID, appPassword: APP_PASSWORD } },
        botFrameworkAuth: issuer.botFrameworkAuth,
      });
      kit = new AttackKit(h, figures);
      kit.secrets.add(APP_PASSWORD);
    });
    afterAll(async () => {
      await h.close();
      await issuer.stop();
    });

    const TEAMS = 'https://smba.trafficmanager.net/emea/';
    const activity = (over: Record<string, unknown> = {}) => ({ ...h.activity('message', people.daan, { text: 'block noah.peeters@fabrikam.nl' }), serviceUrl: TEAMS, ...over });
    const valid = (over: Record<string, unknown> = {}) => issuer.token({ aud: APP_ID, serviceurl: TEAMS, ...over });

    it.each<[string, () => string | undefined]>([
      ['no Authorization header', () => undefined],
      ['a bearer that is not a JWT', () => 'Bearer garbage'],
      ['Basic credentials', () => `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`],
      ['a JWT signed by a key the issuer never published', () => `Bearer ${issuer.token({ aud: APP_ID, serviceurl: TEAMS }, { key: issuer.attackerKey })}`],
      ['a JWT claiming HS256, signed with the public modulus', () => `Bearer ${issuer.token({ aud: APP_ID, serviceurl: TEAMS }, { alg: 'HS256' })}`],
      ['a JWT with alg none', () => `Bearer ${issuer.token({ aud: APP_ID }, { alg: 'none' }).split('.').slice(0, 2).join('.')}.`],
      ['a genuine JWT for another bot', () => `Bearer ${valid({ aud: '00000000-1111-4222-8333-444444444444' })}`],
      ['a genuine JWT that expired', () => `Bearer ${valid({ exp: Math.floor(Date.now() / 1000) - 3600 })}`],
      ['a genuine JWT from another issuer', () => `Bearer ${valid({ iss: 'https://sts.windows.net/evil/' })}`],
      ['a genuine JWT for another service URL', () => `Bearer ${valid({ serviceurl: 'https://evil.example/' })}`],
    ])('%s → 401, and nothing reaches Graph', async (_name, authorization) => {
      const graphFrom = h.emulator.requestLog.length;
      const auth = authorization();
      const [e] = await kit.hostile(`forged token: ${_name}`, async () => {
        await kit.raw(activity(), { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) });
      });
      expect(e.status).toBe(401);
      expect(e.text).not.toContain(APP_PASSWORD);
      expect(h.emulator.requestLog.length).toBe(graphFrom);
    });

    it('a genuine token passes authentication (so the 401s above are the validation, not a broken setup)', async () => {
      const logFrom = h.logLines.length;
      // Signed for a non-Teams reply address, so the turn ends at our guard rather than calling out.
      const e = await kit.raw(activity({ serviceUrl: 'https://evil.example/' }), { 'content-type': 'application/json', authorization: `Bearer ${valid({ serviceurl: 'https://evil.example/' })}` });
      expect(e.status).toBe(200);
      expect(refusals(h, logFrom, 'serviceUrl')).toHaveLength(1);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a Web Chat activity', { channelId: 'webchat' }, 'channel'],
      ['a Direct Line activity', { channelId: 'directline' }, 'channel'],
      ['a reply address outside Teams', { serviceUrl: 'https://evil.example/' }, 'serviceUrl'],
      ['a look-alike Teams host', { serviceUrl: 'https://smba.trafficmanager.net.evil.example/emea/' }, 'serviceUrl'],
      ['a Teams host over plain HTTP', { serviceUrl: 'http://smba.trafficmanager.net/emea/' }, 'serviceUrl'],
      ['a Teams host with credentials in the URL', { serviceUrl: 'https://user:pass@evil.example/' }, 'serviceUrl'],
      ['no reply address', { serviceUrl: undefined }, 'serviceUrl'],
    ])('%s, with a genuine token: refused and logged, no reply, no Graph call', async (_name, over, reason) => {
      const logFrom = h.logLines.length;
      const graphFrom = h.emulator.requestLog.length;
      const body = activity(over);
      const serviceurl = typeof body.serviceUrl === 'string' ? body.serviceUrl : TEAMS;
      const [e] = await kit.hostile(`inbound: ${_name}`, async () => {
        await kit.raw(body, { 'content-type': 'application/json', authorization: `Bearer ${valid({ serviceurl })}` });
      });
      expect(e.status).toBeLessThan(500);
      expect(e.replies).toHaveLength(0);
      expect(h.emulator.requestLog.length).toBe(graphFrom);
      // The channel cases carry a genuine token for a Teams host: only our guard can refuse them.
      if (reason === 'channel' || e.status === 200) expect(refusals(h, logFrom, reason)).toHaveLength(1);
    });
  });
}
