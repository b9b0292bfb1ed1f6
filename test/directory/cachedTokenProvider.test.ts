import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { CachedTokenProvider } from '../../src/directory/graph/cachedTokenProvider';

/** A credential that counts its calls and hands out numbered tokens valid for an hour from `now`. */
class CountingCredential implements TokenCredential {
  calls = 0;
  scopes: string[] = [];
  fail = false;
  constructor(private readonly now: () => number) {}
  async getToken(scopes: string | string[]): Promise<AccessToken | null> {
    this.calls++;
    this.scopes = [scopes].flat();
    await new Promise((r) => setImmediate(r));
    if (this.fail) throw new Error('AADSTS7000222: expired secret');
    return { token: `token-${this.calls}`, expiresOnTimestamp: this.now() + 3_600_000 };
  }
}

describe('CachedTokenProvider', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('asks the credential once for many calls, with the Graph scope', async () => {
    const credential = new CountingCredential(clock);
    const provider = new CachedTokenProvider(credential, ['https://graph.microsoft.com/.default'], clock);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.getAccessToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(await provider.getAccessToken()).toBe('token-1');
    expect(credential.calls).toBe(1);
    expect(credential.scopes).toEqual(['https://graph.microsoft.com/.default']);
  });

  it('renews five minutes before the token expires, not later', async () => {
    const credential = new CountingCredential(clock);
    const provider = new CachedTokenProvider(credential, ['s'], clock);
    await provider.getAccessToken();
    now += 54 * 60_000;
    expect(await provider.getAccessToken()).toBe('token-1');
    now += 2 * 60_000;
    expect(await provider.getAccessToken()).toBe('token-2');
  });

  it('keeps using a still-valid token when renewing it fails', async () => {
    const credential = new CountingCredential(clock);
    const provider = new CachedTokenProvider(credential, ['s'], clock);
    await provider.getAccessToken();
    now += 57 * 60_000;
    credential.fail = true;
    expect(await provider.getAccessToken()).toBe('token-1');
    now += 4 * 60_000;
    await expect(provider.getAccessToken()).rejects.toThrow(/AADSTS/);
  });

  it('passes a failure on and tries again on the next call', async () => {
    const credential = new CountingCredential(clock);
    const provider = new CachedTokenProvider(credential, ['s'], clock);
    credential.fail = true;
    await expect(provider.getAccessToken()).rejects.toThrow(/AADSTS/);
    credential.fail = false;
    expect(await provider.getAccessToken()).toBe('token-2');
  });
});
