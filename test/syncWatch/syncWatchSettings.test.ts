import { ConfigError, developmentConfig, loadProductionConfig } from '../../src/config';
import { syncNotice } from '../../src/syncWatch/syncNotices';
import { nextStep, type SyncVerdict } from '../../src/syncWatch/judgeSync';
import type { SyncWatch } from '../../src/syncWatch/watchedChange';

const valid = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppTenantId: '645fce36-d422-4336-b5ec-f85a440f37df',
  MicrosoftAppPassword: 'not-a-real-secret',
  ALLOWED_TENANT_IDS: '645fce36-d422-4336-b5ec-f85a440f37df',
  GRAPH_CLIENT_SECRET: 'not-a-real-secret',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadProductionConfig(env, 'test');
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('SYNC_WATCH_SECONDS and SYNC_OVERDUE_MINUTES', () => {
  it('default to 120 s and 90 minutes in production, and to at most 10 s between looks in development', () => {
    expect(loadProductionConfig(valid, 'test')).toMatchObject({ syncWatchSeconds: 120, syncOverdueMinutes: 90 });
    const dev = (env: Record<string, string>) => developmentConfig(env, 'test', { graphBaseUrl: 'http://127.0.0.1:5050/v1.0', tenantId: valid.ALLOWED_TENANT_IDS });
    expect(dev({})).toMatchObject({ syncWatchSeconds: 10, syncOverdueMinutes: 90 });
    expect(dev({ SYNC_WATCH_SECONDS: '120' }).syncWatchSeconds).toBe(10);
    expect(dev({ SYNC_WATCH_SECONDS: '3', SYNC_OVERDUE_MINUTES: '5' })).toMatchObject({ syncWatchSeconds: 3, syncOverdueMinutes: 5 });
  });

  it.each([
    ['SYNC_WATCH_SECONDS', '5', /SYNC_WATCH_SECONDS must be a whole number of seconds from 10 to 3600 \(got '5'\)/],
    ['SYNC_WATCH_SECONDS', 'soon', /SYNC_WATCH_SECONDS must be/],
    ['SYNC_OVERDUE_MINUTES', '0', /SYNC_OVERDUE_MINUTES must be a whole number of minutes from 5 to 10080/],
    ['SYNC_OVERDUE_MINUTES', '1.5', /SYNC_OVERDUE_MINUTES must be/],
  ])('%s=%s is refused with the variable named', (name, value, message) => {
    expect(problems({ ...valid, [name]: value })).toEqual([expect.stringMatching(message)]);
  });

  it('takes valid values', () => {
    expect(loadProductionConfig({ ...valid, SYNC_WATCH_SECONDS: '300', SYNC_OVERDUE_MINUTES: '45' }, 'test')).toMatchObject({ syncWatchSeconds: 300, syncOverdueMinutes: 45 });
  });
});

describe('syncNotice: in the admin’s language and time zone', () => {
  const watch: SyncWatch = {
    targetId: 'u1', targetName: 'Fatima Zahra', handedOverAt: '2026-12-07T06:00:00.000Z', expiresAt: '2026-12-14T06:00:00.000Z',
    expected: [{ property: 'department', value: 'Key Accounts' }], adminId: 'a', language: 'nl', timeZone: 'Europe/Amsterdam', card: null,
    view: { targetName: 'Fatima Zahra', plan: { targetId: 'u1', synced: true, items: [], script: 'Set-ADUser -Identity fzahra -Department "Key Accounts"', warnings: [] }, planId: 'p' },
  };
  const landed: SyncVerdict = { kind: 'landed', syncedAt: '2026-12-07T06:42:00Z' };

  it.each([
    ['nl', 'Europe/Amsterdam', "Afdeling 'Key Accounts' staat nu in Entra voor Fatima Zahra, gesynchroniseerd om 7 dec 2026 07:42."],
    ['en', 'Europe/Amsterdam', "Department 'Key Accounts' is now in Entra for Fatima Zahra, synchronized at 7 Dec 2026, 07:42."],
    ['en', null, "Department 'Key Accounts' is now in Entra for Fatima Zahra, synchronized at 7 Dec 2026, 06:42 UTC."],
  ] as const)('%s, %s', (language, timeZone, expected) => {
    const w = { ...watch, language, timeZone };
    expect(syncNotice(w, nextStep(w, landed, new Date('2026-12-07T06:43:00Z')), landed, 90 * 60_000)?.text).toBe(expected);
  });

  it('offers the script again after a sync that did not carry the change', () => {
    const mismatch: SyncVerdict = { kind: 'mismatch', syncedAt: '2026-12-07T06:30:00Z', differences: [{ expected: watch.expected[0], actual: 'Sales' }] };
    const notice = syncNotice(watch, nextStep(watch, mismatch, new Date('2026-12-07T06:31:00Z')), mismatch, 90 * 60_000);
    expect(notice?.text).toContain("afdeling is 'Sales', niet 'Key Accounts'");
    expect(JSON.stringify(notice?.card)).toContain('Set-ADUser -Identity fzahra');
  });
});
