import type { ChangeSubject } from '../language/request';
import type { Refusal } from '../policy/changePolicy';

export type Value = string | boolean | null;

export type PlanSubject = ChangeSubject;

/** The one Graph write a cloud item needs. Profile properties share a single PATCH. */
export type CloudWrite =
  | { op: 'patch'; patch: Record<string, unknown> }
  | { op: 'manager'; managerId: string | null }
  | { op: 'licence'; skuId: string; assign: boolean }
  | { op: 'membership'; groupId: string; add: boolean }
  | { op: 'revokeSessions' }
  /**
   * The temporary password is made at Apply and never part of a plan. `hidden`: a random password nobody is shown
   * (offboarding: the point is that nobody can sign in with it).
   */
  | { op: 'resetPassword'; via: 'passwordProfile' | 'writeback'; hidden?: boolean };

/** A licence or group the item adds or removes, by its name for people. */
export interface PlanObject {
  name: string;
  add: boolean;
  /** A synced group's AD name (sAMAccountName), which its commands address: what an undo's reversed command needs. */
  adName?: string;
}

/** What will happen to one requested change. */
export type PlanItem =
  | { kind: 'cloud'; property: PlanSubject; before: Value; after: Value; write: CloudWrite; object?: PlanObject }
  /** Only on-premises AD can make it: the command(s) to run there. */
  | { kind: 'onPremises'; property: PlanSubject; before: Value; after: Value; command: string; object?: PlanObject }
  | { kind: 'invalid'; property: PlanSubject; rule: string; params: Record<string, string | number> }
  | { kind: 'denied'; property: PlanSubject; reason: 'role' | 'protected' | 'notPersonalChat'; why?: DeniedWhy }
  | { kind: 'noop'; property: PlanSubject; value: Value; object?: PlanObject }
  /**
   * Kept for now, on purpose: a licence of a mailbox that is not shared yet (removing it first deletes the mailbox's
   * data after 30 days). Removed later, once the admin says the mailbox step is done.
   */
  | { kind: 'held'; property: 'licence'; object: PlanObject; skuId: string; reason: 'mailboxFirst' };

/** What protects the target and which roles may make the change: a refusal with its reason and the way forward. */
export type DeniedWhy = Refusal;

export type PlanWarning =
  /** A cloud block of a synced account is undone by the next sync while AD keeps it enabled. */
  | 'syncRevertsBlock'
  /** The caller blocks their own account: they lose this chat too, until another admin lifts it. */
  | 'blocksYourself'
  /** Lifting a synced account's cloud block: the next sync blocks it again while AD keeps it disabled. */
  | 'adDisabledWins'
  /** AD's msExchUsageLocation, when set, overwrites a cloud usage location at the next sync. */
  | 'usageLocationMayBeOverwritten'
  /** The synced account has no on-premises identity to address the commands to. */
  | 'noOnPremisesIdentity'
  /** A licence needs a usage location: the plan sets one first. */
  | 'usageLocationForLicence';

export interface ChangePlan {
  targetId: string;
  synced: boolean;
  items: PlanItem[];
  /** The whole on-premises script (the commands, then a delta sync), when any item is on-premises. */
  script: string | null;
  warnings: PlanWarning[];
  /** An offboarding: one plan for someone who leaves (the card says so; the mailbox part is handed over). */
  purpose?: 'offboarding';
  /**
   * Exchange Online PowerShell to hand over, in order (Graph cannot convert a mailbox to shared, hide it from the
   * address lists or forward its mail): run before the held licences are removed.
   */
  exchangeScript?: string | null;
}

/**
 * The key an item's outcome is stored under: its property, and for a group or licence also which one, since an
 * offboarding removes several groups and licences in one plan. Outcomes stored before keys had ids match by property.
 */
export function itemKey(item: PlanItem): string {
  if (item.kind === 'cloud' && item.write.op === 'membership') return `group:${item.write.groupId}`;
  if (item.kind === 'cloud' && item.write.op === 'licence') return `licence:${item.write.skuId}`;
  return item.property;
}

/** The outcome of an item, by its key (or, for outcomes stored before keys had ids, by its property). */
export function outcomeOf<O extends { property: string }>(outcomes: readonly O[] | undefined, item: PlanItem): O | undefined {
  if (!outcomes) return undefined;
  const key = itemKey(item);
  return outcomes.find((o) => o.property === key) ?? (key === item.property ? undefined : outcomes.find((o) => o.property === item.property));
}
