import type { Account } from '../directory/account';
import type { Group, SubscribedSku } from '../directory/directory';
import type { ChangeSubject, RequestedChange } from '../language/request';
import {
  adGroupMemberCommand, adIdentity, adPasswordResetCommands, adRandomPasswordCommands, adScript, exchangeGroupMemberCommand, onPremisesCommand, type OnPremisesChange,
} from '../sync/powerShell';
import { PROPERTY_AUTHORITY } from '../sync/propertyAuthority';
import type { ChangePlan, DeniedWhy, PlanItem, PlanWarning, Value } from './changePlan';
import { licenceName } from './licenceNames';
import { freeUnits } from './resolveLicence';
import { validateValue } from './validateValue';

export type { ChangePlan, PlanItem, PlanWarning } from './changePlan';

/** An account operation, its licence or group already found (the planner does no I/O). */
export type AccountOperation =
  | { op: 'licence'; add: boolean; sku: SubscribedSku }
  | { op: 'group'; add: boolean; group: Group; isMember: boolean }
  | { op: 'revokeSessions' }
  /** `hidden`: a random password nobody is shown (offboarding), so no one-to-one chat is needed. */
  | { op: 'resetPassword'; hidden?: boolean };

export interface PlanOptions {
  /** Whether the caller's roles allow this change to this account (policy/ decides). */
  allowed: (subject: ChangeSubject, about?: { roleAssignableGroup?: boolean }) => true | 'role' | 'protected';
  /** For a refusal by role: what protects the target and who may do it, shown with the refusal. */
  explain?: (subject: ChangeSubject, about?: { roleAssignableGroup?: boolean }) => DeniedWhy;
  /** A requested manager, already resolved to an account. */
  manager?: Pick<Account, 'id' | 'displayName' | 'onPremisesSamAccountName' | 'onPremisesDistinguishedName'> | null;
  currentManagerName?: string | null;
  /** The ids above the requested manager in their reporting line: the account among them would make a loop. */
  managerChain?: readonly string[];
  /** The tenant writes cloud password resets back to AD (a deployer's setting: Graph does not tell apps). */
  passwordWriteback?: boolean;
  /** The request came from a one-to-one chat: the only place a temporary password may be shown. */
  personalChat?: boolean;
  /** The usage location to offer when a licence needs one and the account has none. */
  usageLocationOffer?: string | null;
  /**
   * The synced account's cloud block is the bot's own emergency block, not yet undone or confirmed by a sync: lifting
   * it is a cloud change. Otherwise a synced account is blocked because AD disabled it, and only AD can enable it.
   */
  ownCloudBlock?: boolean;
  /** Who asks: blocking oneself locks one out of Teams, and of this chat, until another admin lifts it. */
  actorId?: string;
}

/** Profile changes only: see {@link planRequest}. */
export function planChanges(account: Account, requested: RequestedChange[], options: PlanOptions): ChangePlan {
  return planRequest(account, requested, null, options);
}

/**
 * Turns a request into a plan, purely: for each change, cloud, on-premises, invalid, denied, or nothing to do.
 * A synchronized account's AD-mastered properties go on-premises and never into the PATCH. Blocking sign-in
 * also revokes the sessions (a block stops new sign-ins only), when the caller may do that.
 */
export function planRequest(
  account: Account, requested: RequestedChange[], operation: AccountOperation | readonly AccountOperation[] | null, options: PlanOptions,
): ChangePlan {
  const operations = operation === null ? [] : Array.isArray(operation) ? operation : [operation as AccountOperation];
  const draft = new PlanDraft(account, options);
  for (const change of requested) draft.profile(change);
  for (const op of operations) draft.operation(op, requested);
  const blocks = draft.items.some((i) => i.kind === 'cloud' && i.property === 'accountEnabled' && i.after === false);
  if (blocks && !operations.some((o) => o.op === 'revokeSessions') && options.allowed('signInSessions') === true) draft.operation({ op: 'revokeSessions' }, requested);
  const plan = draft.toPlan();
  if (blocks && options.actorId?.toLowerCase() === account.id.toLowerCase()) plan.warnings.push('blocksYourself');
  return plan;
}

/** A plan being built item by item (planRequest, planOffboarding); `toPlan` finishes it. */
export class PlanDraft {
  readonly items: PlanItem[] = [];
  readonly adCommands: string[] = [];
  /** Some change needs AD, whether or not there is an identity to write its command for. */
  private adNeeded = false;
  readonly warnings = new Set<PlanWarning>();
  readonly synced: boolean;
  readonly identity: string | null;

  constructor(readonly account: Account, private readonly options: PlanOptions) {
    this.synced = account.onPremisesSyncEnabled === true;
    this.identity = adIdentity(account);
  }

  toPlan(): ChangePlan {
    if (this.adNeeded && !this.identity) this.warnings.add('noOnPremisesIdentity');
    return {
      targetId: this.account.id,
      synced: this.synced,
      items: this.items,
      script: this.adCommands.length && this.identity ? adScript(this.adCommands) : null,
      warnings: [...this.warnings],
    };
  }

  onPremises(item: Omit<Extract<PlanItem, { kind: 'onPremises' }>, 'kind' | 'command'>, commands: string[]): void {
    this.adNeeded = true;
    this.adCommands.push(...commands);
    this.items.push({ kind: 'onPremises', ...item, command: this.identity ? commands.join('\n') : '' });
  }

  deny(subject: ChangeSubject, reason: 'role' | 'protected', about: { roleAssignableGroup?: boolean } = {}): void {
    const why = reason === 'role' ? this.options.explain?.(subject, about) : undefined;
    this.items.push({ kind: 'denied', property: subject, reason, ...(why ? { why } : {}) });
  }

  private adChange(change: OnPremisesChange): string[] {
    return this.identity ? [onPremisesCommand(this.identity, change)] : [];
  }

  profile(change: RequestedChange): void {
    const { property } = change;
    const permission = this.options.allowed(property);
    if (permission !== true) {
      this.deny(property, permission);
      return;
    }
    if (property === 'manager') return this.manager(change);
    const account = this.account;
    const checked = validateValue(property, change.value, { defaultCountry: account.usageLocation ?? account.country });
    if (!checked.ok) {
      this.items.push({ kind: 'invalid', property, rule: checked.rule, params: checked.params });
      return;
    }
    const before = currentValue(account, property);
    const after = checked.change.value;
    if (before === after) {
      this.items.push({ kind: 'noop', property, value: after });
      return;
    }
    const toAd = (): OnPremisesChange =>
      checked.change.property === 'country' ? { property: 'country', value: checked.change.codes } : (checked.change as OnPremisesChange);
    const cloudWritable = !this.synced || PROPERTY_AUTHORITY[property].cloudWritableWhenSynced;
    if (this.synced && property === 'accountEnabled' && after === true && this.options.ownCloudBlock) {
      // Lifting the bot's own emergency block: in the cloud here, and AD enabled too, since sync blocks the account
      // again while AD keeps it disabled.
      this.items.push({ kind: 'cloud', property, before, after, write: { op: 'patch', patch: patchFor(property, after) } });
      this.warnings.add('adDisabledWins');
      this.adNeeded = true;
      this.adCommands.push(...this.adChange(toAd()));
    } else if (this.synced && property === 'accountEnabled' && after === true) {
      // Disabled in AD (someone who left, say): enabling in the cloud would let them sign in until the next sync.
      this.onPremises({ property, before, after }, this.adChange(toAd()));
    } else if (cloudWritable) {
      this.items.push({ kind: 'cloud', property, before, after, write: { op: 'patch', patch: patchFor(property, after) } });
      if (this.synced && property === 'accountEnabled') {
        this.warnings.add('syncRevertsBlock');
        this.adNeeded = true;
        this.adCommands.push(...this.adChange(toAd()));
      }
      if (this.synced && property === 'usageLocation') this.warnings.add('usageLocationMayBeOverwritten');
    } else {
      this.onPremises({ property, before, after }, this.adChange(toAd()));
    }
  }

  private manager(change: RequestedChange): void {
    const before = this.options.currentManagerName ?? null;
    const target = change.value === null ? null : this.options.manager;
    if (change.value !== null && !target) {
      this.items.push({ kind: 'invalid', property: 'manager', rule: 'required', params: {} });
      return;
    }
    if (target && target.id.toLowerCase() === this.account.id.toLowerCase()) {
      this.items.push({ kind: 'invalid', property: 'manager', rule: 'selfManager', params: {} });
      return;
    }
    if (target && this.options.managerChain?.some((id) => id.toLowerCase() === this.account.id.toLowerCase())) {
      // The new manager reports (perhaps through others) to this account: a reporting line that runs in a circle.
      this.items.push({ kind: 'invalid', property: 'manager', rule: 'managerLoop', params: { manager: target.displayName ?? target.id } });
      return;
    }
    const after = target ? target.displayName : null;
    if (before === after) {
      this.items.push({ kind: 'noop', property: 'manager', value: after });
      return;
    }
    if (!this.synced) {
      this.items.push({ kind: 'cloud', property: 'manager', before, after, write: { op: 'manager', managerId: target?.id ?? null } });
      return;
    }
    const managerIdentity = target ? adIdentity(target) : null;
    if (target && !managerIdentity) {
      // AD's manager attribute must point to an AD object: a cloud-only manager cannot be set for a synced user.
      this.items.push({ kind: 'invalid', property: 'manager', rule: 'managerNotInAd', params: {} });
      return;
    }
    this.onPremises({ property: 'manager', before, after }, this.adChange({ property: 'manager', value: managerIdentity }));
  }

  operation(operation: AccountOperation, requested: RequestedChange[]): void {
    const subject: ChangeSubject = operation.op === 'revokeSessions' ? 'signInSessions' : operation.op === 'resetPassword' ? 'password' : operation.op;
    const about = operation.op === 'group' ? { roleAssignableGroup: operation.group.isAssignableToRole } : {};
    const permission = this.options.allowed(subject, about);
    if (permission !== true) {
      this.deny(subject, permission, about);
      return;
    }
    switch (operation.op) {
      case 'licence':
        return this.licence(operation, requested);
      case 'group':
        return this.group(operation);
      case 'revokeSessions':
        if (this.account.userType === 'Guest') {
          this.items.push({ kind: 'invalid', property: 'signInSessions', rule: 'guestSessions', params: {} });
          return;
        }
        this.items.push({ kind: 'cloud', property: 'signInSessions', before: null, after: null, write: { op: 'revokeSessions' } });
        return;
      case 'resetPassword':
        return operation.hidden ? this.randomPassword() : this.password();
    }
  }

  private licence({ add, sku }: Extract<AccountOperation, { op: 'licence' }>, requested: RequestedChange[]): void {
    const name = licenceName(sku.skuPartNumber);
    const object = { name, add };
    const has = this.account.assignedLicenses.some((l) => l.skuId.toLowerCase() === sku.skuId.toLowerCase());
    if (add === has) {
      this.items.push({ kind: 'noop', property: 'licence', value: null, object });
      return;
    }
    if (add) {
      if (!['Enabled', 'Warning'].includes(sku.capabilityStatus)) {
        this.items.push({ kind: 'invalid', property: 'licence', rule: 'licenceSuspended', params: { name } });
        return;
      }
      if (freeUnits(sku) <= 0) {
        this.items.push({ kind: 'invalid', property: 'licence', rule: 'noFreeLicences', params: { name, total: sku.prepaidUnits.enabled } });
        return;
      }
      const locationPlanned = requested.some((c) => c.property === 'usageLocation') && this.items.some((i) => i.property === 'usageLocation' && i.kind === 'cloud');
      if (!this.account.usageLocation && !locationPlanned) {
        // Graph refuses a licence without a usage location: set one in the same plan when we can tell which.
        const offer = this.options.usageLocationOffer ?? null;
        if (!offer || this.options.allowed('usageLocation') !== true) {
          this.items.push({ kind: 'invalid', property: 'licence', rule: 'usageLocationMissing', params: { name } });
          return;
        }
        this.items.push({ kind: 'cloud', property: 'usageLocation', before: null, after: offer, write: { op: 'patch', patch: { usageLocation: offer } } });
        this.warnings.add('usageLocationForLicence');
        if (this.synced) this.warnings.add('usageLocationMayBeOverwritten');
      }
    }
    this.items.push({ kind: 'cloud', property: 'licence', before: null, after: null, write: { op: 'licence', skuId: sku.skuId, assign: add }, object });
  }

  private group({ add, group, isMember }: Extract<AccountOperation, { op: 'group' }>): void {
    const object = { name: group.displayName, add };
    if (add === isMember) {
      this.items.push({ kind: 'noop', property: 'group', value: null, object });
      return;
    }
    if (group.groupTypes.some((t) => t.toLowerCase() === 'dynamicmembership')) {
      this.items.push({ kind: 'invalid', property: 'group', rule: 'dynamicGroup', params: { group: group.displayName, rule: group.membershipRule ?? '' } });
      return;
    }
    if (group.onPremisesSyncEnabled === true) {
      // Only an account synchronized now is linked to an AD object whose group membership reaches Entra
      // (a once-synced account may keep its old sAMAccountName).
      if (!this.synced) {
        this.items.push({ kind: 'invalid', property: 'group', rule: 'cloudAccountInAdGroup', params: { group: group.displayName } });
        return;
      }
      const groupIdentity = group.onPremisesSamAccountName ?? group.displayName;
      this.onPremises({ property: 'group', before: null, after: null, object: { ...object, adName: groupIdentity } }, this.identity ? [adGroupMemberCommand(groupIdentity, this.identity, add)] : []);
      return;
    }
    if (group.mailEnabled && !group.groupTypes.some((t) => t.toLowerCase() === 'unified')) {
      const command = exchangeGroupMemberCommand(group.mail ?? group.displayName, this.account.userPrincipalName, add);
      this.items.push({ kind: 'invalid', property: 'group', rule: 'mailEnabledGroup', params: { group: group.displayName, command } });
      return;
    }
    this.items.push({ kind: 'cloud', property: 'group', before: null, after: null, write: { op: 'membership', groupId: group.id, add }, object });
  }

  /**
   * A password nobody will know: a cloud account's is set to a random one at Apply and dropped; a synced account's is
   * set in AD by the script, from the cryptographic random generator, without ever being displayed.
   */
  private randomPassword(): void {
    if (!this.synced) {
      this.items.push({ kind: 'cloud', property: 'password', before: null, after: null, write: { op: 'resetPassword', via: 'passwordProfile', hidden: true } });
      return;
    }
    this.onPremises({ property: 'password', before: null, after: null }, this.identity ? adRandomPasswordCommands(this.identity) : []);
  }

  private password(): void {
    if (!this.options.personalChat) {
      this.items.push({ kind: 'denied', property: 'password', reason: 'notPersonalChat' });
      return;
    }
    if (!this.synced) {
      this.items.push({ kind: 'cloud', property: 'password', before: null, after: null, write: { op: 'resetPassword', via: 'passwordProfile' } });
    } else if (this.options.passwordWriteback) {
      this.items.push({ kind: 'cloud', property: 'password', before: null, after: null, write: { op: 'resetPassword', via: 'writeback' } });
    } else {
      this.onPremises({ property: 'password', before: null, after: null }, this.identity ? adPasswordResetCommands(this.identity) : []);
    }
  }
}

function currentValue(account: Account, property: RequestedChange['property']): Value {
  if (property === 'businessPhones') return account.businessPhones[0] ?? null;
  if (property === 'manager') return null;
  return (account[property as keyof Account] as Value) ?? null;
}

/** Graph's shape for a property: businessPhones is a one-element list. */
function patchFor(property: RequestedChange['property'], value: Value): Record<string, unknown> {
  if (property === 'businessPhones') return { businessPhones: value === null ? [] : [value] };
  return { [property]: value };
}
