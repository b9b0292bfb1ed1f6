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
  /** The temporary password is made at Apply and never part of a plan. */
  | { op: 'resetPassword'; via: 'passwordProfile' | 'writeback' };

/** A licence or group the item adds or removes, by its name for people. */
export interface PlanObject {
  name: string;
  add: boolean;
}

/** What will happen to one requested change. */
export type PlanItem =
  | { kind: 'cloud'; property: PlanSubject; before: Value; after: Value; write: CloudWrite; object?: PlanObject }
  /** Only on-premises AD can make it: the command(s) to run there. */
  | { kind: 'onPremises'; property: PlanSubject; before: Value; after: Value; command: string; object?: PlanObject }
  | { kind: 'invalid'; property: PlanSubject; rule: string; params: Record<string, string | number> }
  | { kind: 'denied'; property: PlanSubject; reason: 'role' | 'protected' | 'notPersonalChat'; why?: DeniedWhy }
  | { kind: 'noop'; property: PlanSubject; value: Value; object?: PlanObject };

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
}
