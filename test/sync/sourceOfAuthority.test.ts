import type { Account } from '../../src/directory/account';
import { sourceOfAuthority, STALE_AFTER_MINUTES } from '../../src/sync/sourceOfAuthority';

const now = new Date('2026-11-25T09:00:00Z');
const base = { onPremisesProvisioningErrors: [] } as unknown as Account;
const acct = (o: Partial<Account>) => ({ ...base, ...o }) as Account;

describe('sourceOfAuthority', () => {
  it.each([
    [{ onPremisesSyncEnabled: true, onPremisesImmutableId: 'x' }, 'onPremises'],
    [{ onPremisesSyncEnabled: false, onPremisesImmutableId: 'x' }, 'onceSynced'],
    [{ onPremisesSyncEnabled: null, onPremisesImmutableId: 'x' }, 'converted'],
    [{ onPremisesSyncEnabled: null, onPremisesImmutableId: null }, 'cloudOnly'],
  ] as const)('%j → %s', (fields, kind) => {
    expect(sourceOfAuthority(acct(fields as Partial<Account>), now).kind).toBe(kind);
  });

  it('gives the last sync age in minutes and flags a stale synced account', () => {
    const fresh = sourceOfAuthority(acct({ onPremisesSyncEnabled: true, onPremisesLastSyncDateTime: '2026-11-25T08:40:00Z' }), now);
    expect(fresh).toMatchObject({ lastSyncAgeMinutes: 20, stale: false });
    const old = new Date(now.getTime() - (STALE_AFTER_MINUTES + 1) * 60_000).toISOString();
    expect(sourceOfAuthority(acct({ onPremisesSyncEnabled: true, onPremisesLastSyncDateTime: old }), now).stale).toBe(true);
  });

  it('never calls a cloud account stale, and a synced one without a sync time is', () => {
    expect(sourceOfAuthority(acct({ onPremisesSyncEnabled: false, onPremisesLastSyncDateTime: '2020-01-01T00:00:00Z' }), now).stale).toBe(false);
    expect(sourceOfAuthority(acct({ onPremisesSyncEnabled: true, onPremisesLastSyncDateTime: null }), now).stale).toBe(true);
  });
});
