import type { CachedValue } from '../cachedValue';
import type { Clock } from '../clock';
import type { Directory, Organization, SubscribedSku } from '../directory/directory';
import type { DelegatedTokenSource } from '../directory/delegatedTokens';
import type { Logger } from '../logger';
import type { PrivilegeReader } from '../policy/privilegeReader';
import type { AuditLog, FileSpool, JobStore, PlanStore, PreferenceStore, RequestStore, SettingsStore, WriteJournal } from '../store';
import type { SpooledFinish } from './journalledWrite';
import type { Policy } from '../policy/policyFile';
import type { Messenger } from './messenger';
import type { AuditQueue } from './auditQueue';
import type { CardReplacements } from './cardReplacements';
import type { PendingPicks } from './pendingPicks';

/** What every use case may depend on; built once at start-up (see createAssistant). */
export interface AssistantContext {
  directory: Directory;
  /** Delegated mode: where each acting admin's own Graph token comes from; absent in application mode. */
  delegated?: DelegatedTokenSource;
  /** Who holds which role: the caller's cached for reads, a target's always fresh (fails closed). */
  privileges: PrivilegeReader;
  skus: CachedValue<SubscribedSku[]>;
  organization: CachedValue<Organization>;
  /** Who gets approval cards (object ids), read again after a few minutes like the roles. */
  approvers: CachedValue<string[]>;
  picks: PendingPicks;
  plans: PlanStore;
  audit: AuditLog;
  /** Writes audit records after Graph writes, queueing what the store refuses (fail closed). */
  auditQueue: AuditQueue;
  /** The deployer's restrictions: protected accounts, what managers may request, who approves. */
  policy: Policy;
  requests: RequestStore;
  settings: SettingsStore;
  /** Each person's last language and time zone: clicks, refreshes and notices are answered in them. */
  preferences: PreferenceStore;
  /** Work that outlives the turn (a scheduled change, a watched sync): rooms add jobs here and register their kinds. */
  jobs: JobStore;
  /** Runs the due jobs now rather than at the next tick (a bulk run just confirmed); absent where nothing runs jobs. */
  jobsNow?: () => void;
  /** How often a watched hand-over is read again, and when its sync counts as stuck (config; defaults in syncWatch/). */
  syncWatch?: { intervalMs: number; overdueMs: number };
  /** No Graph write without its intent recorded first; no finished write without its audit records. */
  journal: WriteJournal;
  /** Where finished writes wait, on the local disk, while the store is unreachable. */
  spool: FileSpool<SpooledFinish>;
  /** How long a writer holds its journal entry before any instance may recover it (2 minutes; tests shorten it). */
  writeLeaseMs: number;
  messenger: Messenger;
  /** A pending request expires after this long. */
  requestTtlMs: number;
  /** An applied change can be undone for this long (UNDO_HOURS). */
  undoMs: number;
  /** A scheduled change missed while no instance ran is still applied this late (SCHEDULE_GRACE_HOURS), else reported missed. */
  scheduleGraceMs: number;
  /** The tenant has password writeback (a deployer's setting: Graph does not tell an app). */
  passwordWriteback: boolean;
  /** How long a temporary password stays on its card before the bot replaces the card without it. */
  passwordVisibleMs: number;
  /** Replaces posted cards later, surviving a restart. */
  cardReplacements: CardReplacements;
  clock: Clock;
  log: Logger;
}
