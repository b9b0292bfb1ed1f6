import { startHarness, type Harness } from '../support/botHarness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('bad HTTP input to /api/messages', () => {
  it.each([
    ['invalid JSON', '{"type": "message", ', 400],
    ['a JSON array', '[1,2,3]', 400],
    ['no activity type', JSON.stringify({ text: 'hi', serviceUrl: 'http://127.0.0.1:1' }), 400],
    ['a body over 256 KB', JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }), 413],
  ])('%s → %d without a stack trace, and the server stays up', async (_name, body, status) => {
    const r = await h.post(body);
    expect(r.status).toBe(status);
    expect(r.text).not.toMatch(/\bat .+\.(js|ts):\d+/);
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('GET /healthz reports version, mode, store and Graph', async () => {
    const r = await fetch(`${h.url}/healthz`);
    expect(await r.json()).toMatchObject({ status: 'ok', mode: 'development', graph: 'reachable' });
  });
});

describe('bad message text', () => {
  it.each([
    ['empty text', ''],
    ['only a mention', '<at>Account Assistant</at>'],
    ['control characters', '\u0000\u0007\u001b[31m'],
    ['emoji', '🙂🙂🙂'],
    ['10,000+ characters', 'set the title of '.repeat(700)],
  ])('%s → a short reply, no crash', async (_name, text) => {
    const [reply] = await h.say(text);
    expect(reply.kind).toBe('reply');
    expect(JSON.stringify(reply.activity)).not.toMatch(/Something went wrong/);
  });

  it('answers in Dutch for a Dutch client', async () => {
    const [reply] = await h.say('🙂', undefined, { locale: 'nl-NL' });
    expect(JSON.stringify(reply.activity)).toMatch(/begreep|Wat ik voor je kan doen|Wie bedoel je/);
  });
});
