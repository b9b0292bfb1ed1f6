import type { Account } from '../directory/account';
import type { ChangeableProperty, RequestedChange } from '../language/request';
import { adIdentity, onPremisesCommand, onPremisesScript, type OnPremisesChange } from '../sync/powerShell';
import { PROPERTY_AUTHORITY } from '../sync/propertyAuthority';
import { validateValue, type ValidationRule } from './validateValue';

type Value = string | boolean | null;

/** What will happen to one requested change. */
export type PlanItem =
  /** Applied through Graph: `patch` is this item's part of the one PATCH. */
  | { kind: 'cloud'; property: ChangeableProperty; before: Value; after: Value; patch: Record<string, unknown> }
  /** Only on-premises AD can make it: the command to run there. */
  | { kind: 'onPremises'; property: ChangeableProperty; before: Value; after: Value; command: string }
  | { kind: 'invalid'; property: ChangeableProperty; rule: ValidationRule; params: Record<string, string | number> }
  | { kind: 'denied'; property: ChangeableProperty; reason: 'role' | 'protected' }
  | { kind: 'noop'; property: ChangeableProperty; value: Value };

export type PlanWarning =
  /** A cloud block of a synced account is undone by the next sync while AD keeps it enabled. */
  | 'syncRevertsBlock'
  /** AD's msExchUsageLocation, when set, overwrites a cloud usage location at the next sync. */
  | 'usageLocationMayBeOverwritten'
  /** The synced account has no on-premises identity to address the commands to. */
  | 'noOnPremisesIdentity';

export interface ChangePlan {
  targetId: string;
  synced: boolean;
  items: PlanItem[];
  /** The whole on-premises script (the commands, then a delta sync), when any item is on-premises. */
  script: string | null;
  warnings: PlanWarning[];
}

export interface PlanOptions {
  /** Whether the caller's roles allow changing this property of this account (policy/ decides). */
  allowed: (property: ChangeableProperty) => true | 'role' | 'protected';
  /** A requested manager, already resolved to an account (the planner does no I/O). */
  manager?: Pick<Account, 'id' | 'displayName' | 'onPremisesSamAccountName' | 'onPremisesDistinguishedName'> | null;
  currentManagerName?: string | null;
}

/**
 * Turns requested profile changes into a plan, purely: for each change, cloud, on-premises, invalid, denied,
 * or nothing to do. A synchronized account's AD-mastered properties go on-premises and never into the PATCH.
 */
export function planChanges(account: Account, requested: RequestedChange[], options: PlanOptions): ChangePlan {
  const synced = account.onPremisesSyncEnabled === true;
  const identity = adIdentity(account);
  const items: PlanItem[] = [];
  const onPrem: OnPremisesChange[] = [];
  const warnings = new Set<PlanWarning>();

  for (const change of requested) {
    const { property } = change;
    const permission = options.allowed(property);
    if (permission !== true) {
      items.push({ kind: 'denied', property, reason: permission === 'protected' ? 'protected' : 'role' });
      continue;
    }
    if (property === 'manager') {
      planManager(account, change, options, synced, items, onPrem);
      continue;
    }
    const checked = validateValue(property, change.value, { defaultCountry: account.usageLocation ?? account.country });
    if (!checked.ok) {
      items.push({ kind: 'invalid', property, rule: checked.rule, params: checked.params });
      continue;
    }
    const before = currentValue(account, property);
    const after = checked.change.value;
    if (before === after) {
      items.push({ kind: 'noop', property, value: after });
      continue;
    }
    const toAd = (): OnPremisesChange =>
      checked.change.property === 'country' ? { property: 'country', value: checked.change.codes } : (checked.change as OnPremisesChange);
    const cloudWritable = !synced || PROPERTY_AUTHORITY[property].cloudWritableWhenSynced;
    if (synced && property === 'accountEnabled' && after === true) {
      // Enabling in the cloud is undone by sync while AD keeps the account disabled: only AD can do it.
      onPrem.push(toAd());
      items.push({ kind: 'onPremises', property, before, after, command: identity ? onPremisesCommand(identity, toAd()) : '' });
    } else if (cloudWritable) {
      items.push({ kind: 'cloud', property, before, after, patch: patchFor(property, after) });
      if (synced && property === 'accountEnabled') {
        warnings.add('syncRevertsBlock');
        onPrem.push(toAd());
      }
      if (synced && property === 'usageLocation') warnings.add('usageLocationMayBeOverwritten');
    } else {
      onPrem.push(toAd());
      items.push({ kind: 'onPremises', property, before, after, command: identity ? onPremisesCommand(identity, toAd()) : '' });
    }
  }
  if (onPrem.length && !identity) warnings.add('noOnPremisesIdentity');
  return {
    targetId: account.id,
    synced,
    items,
    script: onPrem.length && identity ? onPremisesScript(identity, onPrem) : null,
    warnings: [...warnings],
  };
}

function planManager(account: Account, change: RequestedChange, options: PlanOptions, synced: boolean, items: PlanItem[], onPrem: OnPremisesChange[]): void {
  const before = options.currentManagerName ?? null;
  const target = change.value === null ? null : options.manager;
  if (change.value !== null && !target) {
    items.push({ kind: 'invalid', property: 'manager', rule: 'required', params: {} });
    return;
  }
  const after = target ? target.displayName : null;
  if (before === after) {
    items.push({ kind: 'noop', property: 'manager', value: after });
    return;
  }
  const identity = adIdentity(account);
  if (synced) {
    const managerIdentity = target ? adIdentity(target) : null;
    if (target && !managerIdentity) {
      // AD's manager attribute must point to an AD object: a cloud-only manager cannot be set for a synced user.
      items.push({ kind: 'invalid', property: 'manager', rule: 'type', params: { reason: 'managerNotInAd' } });
      return;
    }
    const adChange: OnPremisesChange = { property: 'manager', value: managerIdentity };
    onPrem.push(adChange);
    items.push({ kind: 'onPremises', property: 'manager', before, after, command: identity ? onPremisesCommand(identity, adChange) : '' });
    return;
  }
  items.push({ kind: 'cloud', property: 'manager', before, after, patch: { manager: target?.id ?? null } });
}

function currentValue(account: Account, property: ChangeableProperty): Value {
  if (property === 'businessPhones') return account.businessPhones[0] ?? null;
  if (property === 'manager') return null;
  return (account[property as keyof Account] as Value) ?? null;
}

/** Graph's shape for a property: businessPhones is a one-element list. */
function patchFor(property: ChangeableProperty, value: Value): Record<string, unknown> {
  if (property === 'businessPhones') return { businessPhones: value === null ? [] : [value] };
  return { [property]: value };
}
