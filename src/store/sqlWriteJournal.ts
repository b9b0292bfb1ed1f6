import type { AuditRecordInput } from './auditLog';
import type { Json } from './json';
import type { SqlClient, SqlQueryable } from './sqlClient';
import { SqlAuditLog } from './sqlAuditLog';
import { SqlPlanStore } from './sqlPlanStore';
import { SqlRequestStore } from './sqlRequestStore';
import { iso, isoOrNull, isUuid, jsonParam, limitParam, newId } from './sqlValues';
import type { TransitionFields, TransitionResult } from './requestStore';
import type { JournalEntry, JournalFinish, WriteJournal } from './writeJournal';

interface JournalRow {
  id: string;
  subject_kind: string;
  subject_id: string;
  intent: unknown;
  state: string;
  lease_until: Date | string;
  lease_token: string;
  attempts: number;
  started_at: Date | string;
  finished_at: Date | string | null;
  outcome: unknown;
}

const COLUMNS = 'id, subject_kind, subject_id, intent, state, lease_until, lease_token, attempts, started_at, finished_at, outcome';

/** {@link WriteJournal} in SQL: each step one transaction, the same statements on PGlite and PostgreSQL. */
export class SqlWriteJournal implements WriteJournal {
  constructor(private readonly client: SqlClient) {}

  beginPlan(planId: string, actorId: string, intent: Json, leaseMs: number) {
    return this.client.transaction(async (tx) => {
      const claim = await new SqlPlanStore(tx).claim(planId, actorId);
      return { claim, entry: claim === 'claimed' ? await insert(tx, 'plan', planId, intent, leaseMs) : null };
    });
  }

  beginApproval(requestId: string, fields: TransitionFields, intent: Json, leaseMs: number) {
    return this.client.transaction(async (tx) => {
      const decided = await new SqlRequestStore(tx).transition(requestId, ['pending'], 'approved', fields);
      return { decided, entry: decided.ok ? await insert(tx, 'request', requestId, intent, leaseMs) : null };
    });
  }

  beginScheduled(requestId: string, intent: Json, leaseMs: number): Promise<JournalEntry | null> {
    if (!isUuid(requestId)) return Promise.resolve(null);
    return this.client.transaction(async (tx) => {
      if (!(await lockUnclaimedApproved(tx, requestId))) return null;
      return insert(tx, 'request', requestId, intent, leaseMs);
    });
  }

  closeScheduled(requestId: string, to: 'cancelled' | 'failed', fields: TransitionFields): Promise<TransitionResult> {
    if (!isUuid(requestId)) return Promise.resolve({ ok: false, current: null });
    return this.client.transaction(async (tx) => {
      const requests = new SqlRequestStore(tx);
      if (!(await lockUnclaimedApproved(tx, requestId))) return { ok: false, current: await requests.get(requestId) };
      return requests.transition(requestId, ['approved'], to, fields);
    });
  }

  async finish(entryId: string, token: string, subject: JournalFinish, audit: readonly AuditRecordInput[]): Promise<'finished' | 'lost'> {
    if (!isUuid(entryId) || !isUuid(token)) return 'lost';
    return this.client.transaction(async (tx) => {
      const closed = await tx.query<{ subject_id: string }>(
        `UPDATE write_journal SET state = 'done', finished_at = now(), outcome = $3::text::jsonb
         WHERE id = $1 AND lease_token = $2 AND state = 'writing'
         RETURNING subject_id`,
        [entryId, token, jsonParam(subject.outcome)],
      );
      // Someone else finished it, or took it over: they write the records, not us (and the transaction stays empty).
      if (closed.rowCount !== 1) return 'lost';
      const subjectId = closed.rows[0].subject_id;
      if (subject.kind === 'plan') {
        await new SqlPlanStore(tx).finish(subjectId, subject.outcome, subject.state);
      } else {
        await new SqlRequestStore(tx).transition(subjectId, ['approved'], subject.state, { outcome: subject.outcome });
      }
      const log = new SqlAuditLog(tx);
      for (const record of audit) await log.append(record);
      return 'finished';
    });
  }

  async extend(entryId: string, token: string, leaseMs: number): Promise<boolean> {
    if (!isUuid(entryId) || !isUuid(token)) return false;
    const r = await this.client.query(
      `UPDATE write_journal SET lease_until = now() + $3::integer * interval '1 millisecond'
       WHERE id = $1 AND lease_token = $2 AND state = 'writing'`,
      [entryId, token, Math.round(leaseMs)],
    );
    return r.rowCount === 1;
  }

  async claimAbandoned(limit: number, leaseMs: number): Promise<JournalEntry[]> {
    // SKIP LOCKED: instances sweeping at once take different entries; each gets a token of its own.
    const { rows } = await this.client.query<JournalRow>(
      `UPDATE write_journal SET lease_until = now() + $2::integer * interval '1 millisecond', lease_token = gen_random_uuid(), attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM write_journal WHERE state = 'writing' AND lease_until < now()
         ORDER BY lease_until LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       RETURNING ${COLUMNS}`,
      [limitParam(limit), Math.round(leaseMs)],
    );
    return rows.map(toEntry);
  }

  async get(subjectId: string): Promise<JournalEntry | null> {
    if (!isUuid(subjectId)) return null;
    const { rows } = await this.client.query<JournalRow>(`SELECT ${COLUMNS} FROM write_journal WHERE subject_id = $1`, [subjectId]);
    return rows[0] ? toEntry(rows[0]) : null;
  }
}

/**
 * Locks the request's row (claims and closes of one request take turns) and says whether it is approved with no
 * journal entry yet. An immediate approval records its entry in the transaction that approves, so only a scheduled
 * approval is ever approved without one.
 */
async function lockUnclaimedApproved(tx: SqlQueryable, requestId: string): Promise<boolean> {
  const { rows } = await tx.query<{ state: string }>('SELECT state FROM requests WHERE id = $1 FOR UPDATE', [requestId]);
  if (rows[0]?.state !== 'approved') return false;
  const claimed = await tx.query('SELECT 1 FROM write_journal WHERE subject_id = $1', [requestId]);
  return claimed.rowCount === 0;
}

async function insert(tx: SqlQueryable, kind: 'plan' | 'request', subjectId: string, intent: Json, leaseMs: number): Promise<JournalEntry> {
  const { rows } = await tx.query<JournalRow>(
    `INSERT INTO write_journal (id, subject_kind, subject_id, intent, lease_until, lease_token)
     VALUES ($1, $2, $3, $4::text::jsonb, now() + $5::integer * interval '1 millisecond', $6)
     RETURNING ${COLUMNS}`,
    [newId(), kind, subjectId, jsonParam(intent), Math.round(leaseMs), newId()],
  );
  return toEntry(rows[0]);
}

function toEntry(row: JournalRow): JournalEntry {
  return {
    id: row.id,
    subjectKind: row.subject_kind as 'plan' | 'request',
    subjectId: row.subject_id,
    intent: row.intent as Json,
    state: row.state as 'writing' | 'done',
    leaseUntil: iso(row.lease_until),
    leaseToken: row.lease_token,
    attempts: row.attempts,
    startedAt: iso(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    outcome: (row.outcome ?? null) as Json | null,
  };
}
