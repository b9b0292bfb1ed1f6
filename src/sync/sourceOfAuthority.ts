import type { Account } from '../directory/account';

/**
 * Where an account is mastered:
 * - `onPremises`: `onPremisesSyncEnabled: true` — synchronized now; AD is the source of authority.
 * - `onceSynced`: `false` — was synchronized, no longer is; editable in the cloud.
 * - `converted`: `null` with an immutable id — its source of authority was switched to the cloud.
 * - `cloudOnly`: `null` (or absent) and never synchronized.
 */
export type SourceKind = 'onPremises' | 'onceSynced' | 'converted' | 'cloudOnly';

export interface SourceOfAuthority {
  kind: SourceKind;
  lastSync: string | null;
  /** Whole minutes since the last synchronization, when known. */
  lastSyncAgeMinutes: number | null;
  /** A synchronized account whose last sync is older than STALE_AFTER_MINUTES. */
  stale: boolean;
  onPremises: {
    domain: string | null;
    samAccountName: string | null;
    distinguishedName: string | null;
    userPrincipalName: string | null;
    securityIdentifier: string | null;
  };
  provisioningErrors: Account['onPremisesProvisioningErrors'];
}

/** Entra Connect syncs every 30 minutes by default; several missed cycles mean sync is not running. */
export const STALE_AFTER_MINUTES = 180;

export function sourceOfAuthority(account: Account, now: Date): SourceOfAuthority {
  const kind: SourceKind =
    account.onPremisesSyncEnabled === true ? 'onPremises'
      : account.onPremisesSyncEnabled === false ? 'onceSynced'
        : account.onPremisesImmutableId ? 'converted' : 'cloudOnly';
  const lastSync = account.onPremisesLastSyncDateTime;
  const parsed = lastSync ? Date.parse(lastSync) : NaN;
  const lastSyncAgeMinutes = Number.isFinite(parsed) ? Math.max(0, Math.floor((now.getTime() - parsed) / 60_000)) : null;
  return {
    kind,
    lastSync: lastSync ?? null,
    lastSyncAgeMinutes,
    stale: kind === 'onPremises' && (lastSyncAgeMinutes === null || lastSyncAgeMinutes > STALE_AFTER_MINUTES),
    onPremises: {
      domain: account.onPremisesDomainName,
      samAccountName: account.onPremisesSamAccountName,
      distinguishedName: account.onPremisesDistinguishedName,
      userPrincipalName: account.onPremisesUserPrincipalName,
      securityIdentifier: account.onPremisesSecurityIdentifier,
    },
    provisioningErrors: account.onPremisesProvisioningErrors ?? [],
  };
}
