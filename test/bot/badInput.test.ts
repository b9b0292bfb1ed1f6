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
