import type { AuditLog } from './auditLog';
import type { CardReplacementStore } from './cardReplacementStore';
import type { ConversationStore } from './conversationStore';
import type { PlanStore } from './planStore';
import type { PreferenceStore } from './preferenceStore';
import type { JobStore } from './jobStore';
import type { RequestStore } from './requestStore';
import type { SettingsStore } from './settingsStore';
import type { WriteJournal } from './writeJournal';

export type StoreKind = 'pglite' | 'postgres';

/** Everything the bot persists, behind one object opened at start-up and closed at shutdown. */
export interface Store {
  readonly kind: StoreKind;
  readonly audit: AuditLog;
  readonly plans: PlanStore;
  readonly requests: RequestStore;
  readonly conversations: ConversationStore;
  readonly settings: SettingsStore;
  readonly cardReplacements: CardReplacementStore;
  readonly journal: WriteJournal;
  /** Each person's last language and time zone, for answers to clicks and for notices. */
  readonly preferences: PreferenceStore;
  /** Work that outlives a turn, claimed when due by any instance (jobs/). */
  readonly jobs: JobStore;
  /** A cheap round trip to the database (`SELECT 1`), for /healthz: rejects when it is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
