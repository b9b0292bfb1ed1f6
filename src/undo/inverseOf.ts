import { outcomeOf, type ChangePlan, type PlanItem, type Value } from '../changes/changePlan';
import { validateValue } from '../changes/validateValue';
import type { ChangeableProperty, RequestedChange } from '../language/request';
import { adGroupMemberCommand, onPremisesCommand, type OnPremisesChange } from '../sync/powerShell';

/** A licence or group operation by the ids the original wrote, reversed: what a stored plan keeps. */
export type InverseOperation = { op: 'licence'; add: boolean; skuId: string } | { op: 'group'; add: boolean; groupId: string };

/**
 * What was applied and cannot be taken back: a sign-out (the sessions are gone), a password (the old one is not
 * kept), the usage location a licence needed (kept while the licence is removed), a manager whose predecessor was not
 * recorded.
 */
export type Irreversible = 'signInSessions' | 'password' | 'usageLocation' | 'manager' | 'mailbox';

/** What the original change did, as its journal and plan store recorded it. */
export interface AppliedChange {
  /** The plan as it was applied (the write journal's intent). */
  plan: ChangePlan;
  /** What each cloud write did: only items that went through are reversed. */
  outcomes: readonly { property: string; ok: boolean }[];
  /** The manager before the change (null: none); undefined when the plan did not record it. */
  previousManagerId?: string | null;
}

/** What the I/O around the planner read for it: the AD names the inverse commands address. */
export interface InverseContext {
  /** The target's on-premises identity (sAMAccountName or DN); null when Entra does not know it. */
  identity: string | null;
  /** The previous manager's on-premises identity, for an AD manager change; null when none or unknown. */
  previousManagerIdentity?: string | null;
  /** The synced group's on-premises name, for an AD group membership. */
  groupIdentity?: string | null;
}

/** The value the original set, which must still be there for the undo to write over it. */
export interface Expectation {
  property: ChangeableProperty;
  value: Value;
}

/** The reverse of a change: fed to the normal planner (cloud part) beside the reversed AD part. */
export interface Inverse {
  /** Profile properties back to their before-values (manager: its old name, resolved through `managerId`). */
  changes: RequestedChange[];
  /** Licences and groups back, in the original's order (an offboarding removes several). */
  operations: InverseOperation[];
  /** The manager to set back, when the manager is reversed (null: no manager). */
  managerId: string | null;
  expect: Expectation[];
  /** The original's on-premises part, reversed, and the commands that reverse it. */
  onPremises: Extract<PlanItem, { kind: 'onPremises' }>[];
  commands: string[];
  irreversible: Irreversible[];
  /** An AD part is reversed, but the target's on-premises identity is unknown. */
  missingIdentity: boolean;
}

type Cloud = Extract<PlanItem, { kind: 'cloud' }>;
type OnPrem = Extract<PlanItem, { kind: 'onPremises' }>;

/** Whether an applied plan has anything Undo could take back: an applied cloud item that is not a sign-out or password. */
export function canUndo(plan: ChangePlan, outcomes: readonly { property: string; ok: boolean }[]): boolean {
  return plan.items.some((i) => i.kind === 'cloud' && i.property !== 'signInSessions' && i.property !== 'password' && applied(i, outcomes));
}

/**
 * The inverse of an applied change, purely: each applied cloud item back to its before-value (licences and groups
 * the other way round), each on-premises item's command with the before-value, and what cannot be undone.
 */
export function inverseOf(original: AppliedChange, context: InverseContext): Inverse {
  const inverse: Inverse = { changes: [], operations: [], managerId: null, expect: [], onPremises: [], commands: [], irreversible: [], missingIdentity: false };
  const licenceLocation = original.plan.warnings.includes('usageLocationForLicence');
  for (const item of original.plan.items) {
    if (item.kind === 'cloud' && applied(item, original.outcomes)) cloudInverse(item, original, licenceLocation, inverse);
    else if (item.kind === 'onPremises') onPremisesInverse(item, original, context, inverse);
  }
  // The mailbox steps were handed over as Exchange commands: whether they were run is not ours to know or reverse.
  // (A synced account's mailbox is hidden by an AD command even when nothing is left for Exchange: the same.)
  if (original.plan.exchangeScript || original.plan.script?.includes('msExchHideFromAddressLists')) inverse.irreversible.push('mailbox');
  return inverse;
}

function applied(item: Cloud, outcomes: AppliedChange['outcomes']): boolean {
  return !!outcomeOf(outcomes, item)?.ok;
}

function cloudInverse(item: Cloud, original: AppliedChange, licenceLocation: boolean, inverse: Inverse): void {
  const w = item.write;
  switch (w.op) {
    case 'revokeSessions':
      return void inverse.irreversible.push('signInSessions');
    case 'resetPassword':
      return void inverse.irreversible.push('password');
    case 'licence':
      inverse.operations.push({ op: 'licence', add: !w.assign, skuId: w.skuId });
      return;
    case 'membership':
      inverse.operations.push({ op: 'group', add: !w.add, groupId: w.groupId });
      return;
    case 'manager':
      if (original.previousManagerId === undefined) return void inverse.irreversible.push('manager');
      inverse.managerId = original.previousManagerId;
      inverse.changes.push({ property: 'manager', value: original.previousManagerId === null ? null : String(item.before ?? original.previousManagerId) });
      inverse.expect.push({ property: 'manager', value: item.after });
      return;
    case 'patch': {
      const property = item.property as ChangeableProperty;
      // The usage location a licence needed stays: removing it while a licence is assigned is refused.
      if (property === 'usageLocation' && licenceLocation) return void inverse.irreversible.push('usageLocation');
      inverse.changes.push({ property, value: item.before });
      inverse.expect.push({ property, value: item.after });
    }
  }
}

function onPremisesInverse(item: OnPrem, original: AppliedChange, context: InverseContext, inverse: Inverse): void {
  if (item.property === 'password') return void inverse.irreversible.push('password');
  const object = item.object ? { name: item.object.name, add: !item.object.add } : undefined;
  let command: string | null;
  if (item.property === 'group') {
    const groupIdentity = item.object?.adName ?? context.groupIdentity;
    command = context.identity && groupIdentity && item.object ? adGroupMemberCommand(groupIdentity, context.identity, !item.object.add) : null;
  } else if (item.property === 'manager') {
    if (original.previousManagerId === undefined) return void inverse.irreversible.push('manager');
    command = context.identity ? onPremisesCommand(context.identity, { property: 'manager', value: context.previousManagerIdentity ?? null }) : null;
  } else {
    const change = adChange(item.property as ChangeableProperty, item.before);
    command = context.identity && change ? onPremisesCommand(context.identity, change) : null;
  }
  if (command) inverse.commands.push(command);
  else inverse.missingIdentity = true;
  inverse.onPremises.push({ kind: 'onPremises', property: item.property, before: item.after, after: item.before, command: command ?? '', ...(object ? { object } : {}) });
}

/** The AD form of a before-value: the country with its codes, sign-in as a boolean, the rest as text. */
function adChange(property: ChangeableProperty, value: Value): OnPremisesChange | null {
  if (property === 'accountEnabled') return typeof value === 'boolean' ? { property, value } : null;
  if (property === 'country') {
    if (value === null || value === '') return { property, value: null };
    const checked = validateValue('country', value);
    return checked.ok && checked.change.property === 'country' ? { property, value: checked.change.codes } : null;
  }
  if (property === 'manager') return null;
  return { property, value: typeof value === 'string' ? value : null };
}
