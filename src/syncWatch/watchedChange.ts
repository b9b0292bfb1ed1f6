import type { ChangePlanView } from '../cards/changePlanCard';
import type { ChangePlan, PlanItem, Value } from '../changes/changePlan';
import type { ChangeableProperty, Language } from '../language/request';
import { CHANGEABLE_PROPERTIES } from '../language/request';
import type { Json } from '../store/json';

/** The job kind of a watched hand-over: one job per on-premises part handed over. */
export const SYNC_WATCH_KIND = 'syncWatch';

/** A watched item is given up after this long (the admin is told once). */
export const SYNC_WATCH_TTL_MS = 7 * 86_400_000;

/**
 * One property the on-premises script sets, and the value Entra should show once a sync carried it. `value` is what
 * Graph returns (the manager: the manager's object id); `shown` is how people read it (the manager's name).
 */
export interface ExpectedValue {
  property: ChangeableProperty;
  value: Value;
  shown?: string;
}

/** The card the hand-over was shown on, and how to draw it again (without any temporary password). */
export interface WatchedCard {
  conversation: Json;
  activityId: string;
}

/** A job's payload: everything the watcher needs without the turn that started it. */
export interface SyncWatch {
  targetId: string;
  targetName: string;
  expected: ExpectedValue[];
  /** ISO 8601: when the script was handed over; a sync after it may carry the change. */
  handedOverAt: string;
  expiresAt: string;
  /** The admin to tell (an Entra object id). */
  adminId: string;
  language: Language;
  /** The admin's IANA zone when known; times are shown in UTC otherwise. */
  timeZone: string | null;
  /** The card to update when the change lands; null when it is not known (a message is sent instead). */
  card: WatchedCard | null;
  /** The card as it stood after the hand-over: drawn again with what the watcher found, and with the script. */
  view: Omit<ChangePlanView, 'temporaryPassword' | 'notice'>;
  /** The sync time whose mismatch the admin was told about: told once, then watched quietly. */
  mismatchToldAt?: string | null;
  /** The stuck-sync warning went out. */
  overdueWarned?: boolean;
}

const WATCHABLE: ReadonlySet<string> = new Set(CHANGEABLE_PROPERTIES);

/**
 * What a hand-over should bring to Entra: the plan's on-premises profile items (a group membership or a password
 * cannot be read back from the user object, so they are not watched). `managerId`: the manager the plan names.
 */
export function expectedValues(plan: ChangePlan, managerId: string | null): ExpectedValue[] {
  const out: ExpectedValue[] = [];
  for (const item of plan.items) {
    if (item.kind !== 'onPremises' || !WATCHABLE.has(item.property) || item.object) continue;
    const property = item.property as ChangeableProperty;
    if (property === 'manager') {
      // The plan shows the manager by name; Graph answers with an id.
      if (managerId) out.push({ property, value: managerId, shown: shownValue(item) });
      continue;
    }
    out.push({ property, value: item.after });
  }
  return out;
}

function shownValue(item: Extract<PlanItem, { kind: 'onPremises' }>): string {
  return item.after === null ? '' : String(item.after);
}

/** The `$select` list a watcher reads for these watches: the sync time and every expected property. */
export function selectFor(watches: readonly SyncWatch[]): string[] {
  const names = new Set<string>(['id', 'onPremisesLastSyncDateTime']);
  for (const w of watches) for (const e of w.expected) if (e.property !== 'manager') names.add(e.property);
  return [...names];
}
