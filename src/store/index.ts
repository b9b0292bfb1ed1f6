export type { AuditLog, AuditOperation, AuditOutcome, AuditRecord, AuditRecordInput } from './auditLog';
export type { CardReplacement, CardReplacementInput, CardReplacementStore } from './cardReplacementStore';
export type { ConversationRecord, ConversationRef, ConversationStore } from './conversationStore';
export type { Json } from './json';
export { MIGRATIONS, migrate, type Migration } from './migrations';
export { openStore, openStoreOn, type StoreConfig, type StoreOptions } from './openStore';
export { PgliteClient, isInMemory } from './pgliteClient';
export type {
  CancelResult, ClaimResult, PlanFinalState, PlanInput, PlanRecord, PlanState, PlanStore, PlanUpdateResult,
} from './planStore';
export { PostgresClient, type PostgresClientOptions } from './postgresClient';
export type { RequestInput, RequestRecord, RequestState, RequestStore, TransitionFields, TransitionResult } from './requestStore';
export type { PreferenceStore, Preferences } from './preferenceStore';
export type { ClaimedJob, JobInput, JobRecord, JobState, JobStore } from './jobStore';
export type { SettingsStore } from './settingsStore';
export type { SqlClient, SqlQueryable, SqlResult } from './sqlClient';
export { SqlStore } from './sqlStore';
export type { Store, StoreKind } from './store';
export type { JournalEntry, JournalFinish, WriteJournal } from './writeJournal';
export { FileSpool } from './fileSpool';
