import type { SqlClient } from './sqlClient';
import type { Store, StoreKind } from './store';
import { SqlAuditLog } from './sqlAuditLog';
import { SqlCardReplacementStore } from './sqlCardReplacementStore';
import { SqlConversationStore } from './sqlConversationStore';
import { SqlPlanStore } from './sqlPlanStore';
import { SqlPreferenceStore } from './sqlPreferenceStore';
import { SqlJobStore } from './sqlJobStore';
import { SqlRequestStore } from './sqlRequestStore';
import { SqlSettingsStore } from './sqlSettingsStore';
import { SqlWriteJournal } from './sqlWriteJournal';

/** A {@link Store} over any {@link SqlClient} whose schema is migrated; closing it closes the client. */
export class SqlStore implements Store {
  readonly audit: SqlAuditLog;
  readonly plans: SqlPlanStore;
  readonly requests: SqlRequestStore;
  readonly conversations: SqlConversationStore;
  readonly settings: SqlSettingsStore;
  readonly cardReplacements: SqlCardReplacementStore;
  readonly journal: SqlWriteJournal;
  readonly preferences: SqlPreferenceStore;
  readonly jobs: SqlJobStore;

  constructor(
    private readonly client: SqlClient,
    readonly kind: StoreKind,
  ) {
    this.audit = new SqlAuditLog(client);
    this.plans = new SqlPlanStore(client);
    this.requests = new SqlRequestStore(client);
    this.conversations = new SqlConversationStore(client);
    this.settings = new SqlSettingsStore(client);
    this.cardReplacements = new SqlCardReplacementStore(client);
    this.journal = new SqlWriteJournal(client);
    this.preferences = new SqlPreferenceStore(client);
    this.jobs = new SqlJobStore(client);
  }

  async ping(): Promise<void> {
    await this.client.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
