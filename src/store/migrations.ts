import type { SqlClient } from './sqlClient';

/** One schema step. Statements run one by one (PGlite's extended protocol takes one statement per query). */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/**
 * The schema, for PGlite and PostgreSQL alike: portable PostgreSQL only. Append new migrations; never edit
 * one that has shipped. TS constants rather than .sql files, so tsx and the compiled dist find them alike.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit log, plans, requests, conversation references, settings',
    statements: [
      `CREATE TABLE audit_log (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_upn text NOT NULL,
        approver_id text,
        approver_upn text,
        target_id text NOT NULL,
        target_upn text NOT NULL,
        operation text NOT NULL,
        property text,
        before jsonb,
        after jsonb,
        outcome text NOT NULL,
        reason text,
        graph_request_id text,
        plan_id text,
        request_id text,
        conversation_id text,
        correlation_id text
      )`,
      `CREATE INDEX audit_log_target ON audit_log (target_id, occurred_at DESC, seq DESC)`,
      `CREATE INDEX audit_log_recent ON audit_log (occurred_at DESC, seq DESC)`,
      `CREATE INDEX audit_log_plan ON audit_log (plan_id, occurred_at, seq) WHERE plan_id IS NOT NULL`,
      // Append-only below the interface too: a stray UPDATE or DELETE fails, whoever sends it.
      `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
        END
      $$`,
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,

      `CREATE TABLE plans (
        id uuid PRIMARY KEY,
        actor_id text NOT NULL,
        target_id text NOT NULL,
        conversation_id text NOT NULL,
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'open'
          CHECK (state IN ('open', 'claimed', 'applied', 'failed', 'partial', 'cancelled')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        claimed_at timestamptz,
        finished_at timestamptz,
        outcome jsonb
      )`,

      `CREATE TABLE requests (
        id uuid PRIMARY KEY,
        requester_id text NOT NULL,
        requester_upn text NOT NULL,
        target_id text NOT NULL,
        target_upn text NOT NULL,
        changes jsonb NOT NULL,
        reason text,
        effective_date date,
        plan_snapshot jsonb,
        account_snapshot jsonb,
        state text NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'approved', 'rejected', 'cancelled', 'expired', 'applied', 'partlyApplied', 'failed')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by_id text,
        decided_by_upn text,
        decision_comment text,
        outcome jsonb,
        card_refs jsonb
      )`,
      `CREATE INDEX requests_requester ON requests (requester_id, created_at DESC)`,
      `CREATE INDEX requests_pending ON requests (created_at) WHERE state = 'pending'`,

      `CREATE TABLE conversation_refs (
        user_id text PRIMARY KEY,
        conversation_id text,
        ref jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX conversation_refs_conversation ON conversation_refs (conversation_id, updated_at DESC)`,

      `CREATE TABLE settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 2,
    name: 'card replacements',
    statements: [
      `CREATE TABLE card_replacements (
        id uuid PRIMARY KEY,
        conversation jsonb NOT NULL,
        activity_id text NOT NULL,
        card jsonb NOT NULL,
        due_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        claimed_until timestamptz,
        claim_token uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX card_replacements_due ON card_replacements (due_at)`,
    ],
  },
  {
    version: 3,
    name: 'write journal',
    statements: [
      // One row per plan or approved request whose cloud part is being written: recorded with the claim, before the
      // first Graph write, and closed with the audit records; a row still open past its lease is a crashed writer's.
      `CREATE TABLE write_journal (
        id uuid PRIMARY KEY,
        subject_kind text NOT NULL CHECK (subject_kind IN ('plan', 'request')),
        subject_id uuid NOT NULL UNIQUE,
        intent jsonb NOT NULL,
        state text NOT NULL DEFAULT 'writing' CHECK (state IN ('writing', 'done')),
        lease_until timestamptz NOT NULL,
        lease_token uuid NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        outcome jsonb
      )`,
      `CREATE INDEX write_journal_open ON write_journal (lease_until) WHERE state = 'writing'`,
    ],
  },
  {
    version: 4,
    name: 'user preferences',
    statements: [
      // The language and time zone a person last used with the bot: a click, a notice or an approval card is answered
      // in them, whatever locale the Teams client that clicks or receives it reports.
      `CREATE TABLE user_preferences (
        user_id text PRIMARY KEY,
        language text CHECK (language IN ('en', 'nl')),
        time_zone text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 5,
    name: 'jobs',
    statements: [
      // Work that outlives a turn (a scheduled change, a watched sync): claimed when due by any instance under a
      // lease; a holder that crashed leaves the lease to run out and another instance takes the job over.
      `CREATE TABLE jobs (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        due_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed', 'cancelled')),
        owner_id text,
        attempts integer NOT NULL DEFAULT 0,
        lease_until timestamptz,
        lease_token uuid,
        outcome jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX jobs_due ON jobs (kind, due_at) WHERE state = 'pending'`,
      `CREATE INDEX jobs_owner ON jobs (owner_id, kind, due_at)`,
    ],
  },
];

/** Any constant works, as long as nothing else in the database uses it for an advisory lock. */
const MIGRATION_LOCK_KEY = 7_301_984_221;

/**
 * Brings the schema up to date and returns the versions it applied (empty when there was nothing to do).
 * Safe when several processes start at once against one server: all of it runs in one transaction that first
 * takes a transaction-scoped advisory lock, so the others wait, then see the versions already recorded.
 */
export async function migrate(client: SqlClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return client.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
