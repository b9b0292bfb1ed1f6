import type { ChangeableProperty } from '../language/request';
import { PROPERTY_AUTHORITY } from './propertyAuthority';

/**
 * PowerShell for the on-premises part of a change, to run where the ActiveDirectory module is installed.
 * Every value is a single-quoted literal with `'` doubled, so `$(…)`, backticks, `;` and quotes stay text.
 * Line breaks cannot be quoted safely into a one-line command and are refused by validation before this.
 */
export function psQuote(value: string): string {
  // PowerShell also treats the typographic single quotes as quote characters: double those too.
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** The identity the cmdlets address: the sAMAccountName when known, else the DN. */
export function adIdentity(account: { onPremisesSamAccountName: string | null; onPremisesDistinguishedName: string | null }): string | null {
  return account.onPremisesSamAccountName ?? account.onPremisesDistinguishedName;
}

export interface CountryCodes {
  /** ISO 3166-1 alpha-2, e.g. NL. */
  alpha2: string;
  /** The country's name as AD's `co` holds it, e.g. Netherlands. */
  name: string;
  /** ISO 3166-1 numeric, e.g. 528. */
  numeric: number;
}

export type OnPremisesChange =
  | { property: Exclude<ChangeableProperty, 'country' | 'accountEnabled' | 'manager'>; value: string | null }
  | { property: 'country'; value: CountryCodes | null }
  | { property: 'accountEnabled'; value: boolean }
  /** The manager's own on-premises identity (sAMAccountName or DN), or null to remove. */
  | { property: 'manager'; value: string | null };

/** One command per change, in the order given. */
export function onPremisesCommand(identity: string, change: OnPremisesChange): string {
  const id = psQuote(identity);
  switch (change.property) {
    case 'accountEnabled':
      return `${change.value ? 'Enable-ADAccount' : 'Disable-ADAccount'} -Identity ${id}`;
    case 'country':
      return change.value === null
        ? `Set-ADUser -Identity ${id} -Clear c,co,countryCode`
        // -Country sets only `c`: the name (co) and numeric code (countryCode) must move with it.
        : `Set-ADUser -Identity ${id} -Replace @{c=${psQuote(change.value.alpha2)};co=${psQuote(change.value.name)};countryCode=${change.value.numeric}}`;
    default: {
      const { adAttribute, setAdUserParameter } = PROPERTY_AUTHORITY[change.property];
      // Blanking needs -Clear: -Replace or a parameter with an empty value fails.
      if (change.value === null || change.value === '') return `Set-ADUser -Identity ${id} -Clear ${adAttribute}`;
      return setAdUserParameter
        ? `Set-ADUser -Identity ${id} -${setAdUserParameter} ${psQuote(change.value)}`
        : `Set-ADUser -Identity ${id} -Replace @{${adAttribute}=${psQuote(change.value)}}`;
    }
  }
}

/** Forces a delta synchronization on the Entra Connect server instead of waiting up to 30 minutes. */
export const SYNC_NOW_COMMAND = 'Start-ADSyncSyncCycle -PolicyType Delta';

/** The whole script: the AD commands, then the sync cycle. */
export function onPremisesScript(identity: string, changes: OnPremisesChange[]): string {
  return adScript(changes.map((c) => onPremisesCommand(identity, c)));
}

/** Any AD commands, then the sync cycle. */
export function adScript(commands: string[]): string {
  return [
    'Import-Module ActiveDirectory',
    ...commands,
    `# On the Microsoft Entra Connect server, to sync now instead of within 30 minutes:`,
    SYNC_NOW_COMMAND,
  ].join('\n');
}

/** The commands of a script made by adScript, without its frame (module import, the sync cycle and its comment). */
export function scriptCommands(script: string | null): string[] {
  if (!script) return [];
  return script.split('\n').filter((line) => line && line !== 'Import-Module ActiveDirectory' && line !== SYNC_NOW_COMMAND && !line.startsWith('#'));
}

/** Membership of a group synchronized from AD: only AD can change it. */
export function adGroupMemberCommand(groupIdentity: string, memberIdentity: string, add: boolean): string {
  return add
    ? `Add-ADGroupMember -Identity ${psQuote(groupIdentity)} -Members ${psQuote(memberIdentity)}`
    : `Remove-ADGroupMember -Identity ${psQuote(groupIdentity)} -Members ${psQuote(memberIdentity)} -Confirm:$false`;
}

/** Membership of a mail-enabled security group or distribution list: Exchange Online manages it. */
export function exchangeGroupMemberCommand(groupIdentity: string, memberUpn: string, add: boolean): string {
  return add
    ? `Add-DistributionGroupMember -Identity ${psQuote(groupIdentity)} -Member ${psQuote(memberUpn)}`
    : `Remove-DistributionGroupMember -Identity ${psQuote(groupIdentity)} -Member ${psQuote(memberUpn)} -Confirm:$false`;
}

/**
 * A synced account's password without writeback: set in AD, prompted for at the console so the
 * password never appears in the script, the chat or the shell history; changed at next sign-in.
 */
export function adPasswordResetCommands(identity: string): string[] {
  return [
    `Set-ADAccountPassword -Identity ${psQuote(identity)} -Reset -NewPassword (Read-Host -AsSecureString -Prompt 'Temporary password')`,
    `Set-ADUser -Identity ${psQuote(identity)} -ChangePasswordAtLogon $true`,
  ];
}

/**
 * An offboarded account's AD password set to 24 random bytes from the cryptographic generator, never displayed
 * (not even at the console); `aA1!` keeps AD's complexity rule satisfied whatever the random part holds.
 */
export function adRandomPasswordCommands(identity: string): string[] {
  return [
    '$bytes = [byte[]]::new(24)',
    '[Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)',
    `Set-ADAccountPassword -Identity ${psQuote(identity)} -Reset -NewPassword (ConvertTo-SecureString ([Convert]::ToBase64String($bytes) + 'aA1!') -AsPlainText -Force)`,
  ];
}

/** Hides a synced mailbox from the address lists: AD masters this attribute, so Exchange Online refuses to set it. */
export function adHideFromAddressListsCommand(identity: string): string {
  return `Set-ADUser -Identity ${psQuote(identity)} -Replace @{msExchHideFromAddressLists=$true}`;
}

/**
 * The mailbox of someone who leaves, in Exchange Online PowerShell, in this order: converted to a shared mailbox
 * (kept without a licence up to 50 GB), hidden from the address lists (a cloud account's; AD hides a synced one),
 * mail forwarded when asked. The licences go only after this, or the mailbox goes with them.
 */
export function exchangeOffboardingScript(upn: string, options: { hide: boolean; forwardTo: string | null; hybrid: boolean }): string {
  const id = psQuote(upn);
  return [
    'Connect-ExchangeOnline',
    `Set-Mailbox -Identity ${id} -Type Shared`,
    ...(options.hide ? [`Set-Mailbox -Identity ${id} -HiddenFromAddressListsEnabled $true`] : []),
    ...(options.forwardTo ? [`Set-Mailbox -Identity ${id} -ForwardingSmtpAddress ${psQuote(`smtp:${options.forwardTo}`)} -DeliverToMailboxAndForward $true`] : []),
    ...(options.hybrid
      ? ['# Hybrid Exchange: on the on-premises Exchange server (Exchange Management Shell), so its record matches:', `Set-RemoteMailbox -Identity ${id} -Type Shared`]
      : []),
  ].join('\n');
}
