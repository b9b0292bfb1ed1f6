import type { ClaimedJob, JobInput, JobRecord, JobState, JobStore } from './jobStore';
import type { Json } from './json';
import { assertNoSecrets } from './secretTripwire';
import type { SqlQueryable } from './sqlClient';
import { isUuid, jsonParam, limitParam, newId } from './sqlValues';

interface Row {
  id: string;
  kind: string;
  due_at: Date | string;
  payload: unknown;
  state: JobState;
  owner_id: string | null;
  attempts: number;
  outcome: unknown;
  created_at: Date | string;
  updated_at: Date | string;
  lease_token: string | null;
}

const COLUMNS = 'id, kind, due_at, payload, state, owner_id, attempts, outcome, created_at, updated_at, lease_token';
/** Not leased, or leased by a holder whose lease has run out. */
const FREE = '(lease_until IS NULL OR lease_until < now())';

/** {@link JobStore} in SQL; the same statements on PGlite and PostgreSQL. */
export class SqlJobStore implements JobStore {
  constructor(private readonly db: SqlQueryable) {}

  async add(job: JobInput): Promise<JobRecord> {
    assertNoSecrets({ payload: job.payload });
    // With an id given, adding again is a no-op that returns the job already there (one job per thing, whoever adds it).
    const { rows } = await this.db.query<Row>(
      `INSERT INTO jobs (id, kind, due_at, payload, owner_id) VALUES ($1, $2, $3, $4::text::jsonb, $5) ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
      [job.id ?? newId(), job.kind, job.dueAt, jsonParam(job.payload), job.ownerId ?? null],
    );
    if (rows[0]) return toJob(rows[0]);
    const existing = await this.get(job.id!);
    if (!existing) throw new Error(`job ${job.id} neither added nor found`);
    return existing;
  }

  async get(id: string): Promise<JobRecord | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  async claimDue(kinds: readonly string[], limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    if (!kinds.length) return [];
    const { rows } = await this.db.query<Row>(
      `UPDATE jobs SET lease_until = now() + $3::double precision * interval '1 millisecond', lease_token = $4,
              attempts = attempts + 1, updated_at = now()
       WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND kind = ANY($1::text[]) AND due_at <= now() AND ${FREE}
                    ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [kinds as string[], limitParam(limit), leaseMs, newId()],
    );
    return rows.map((r) => ({ ...toJob(r), leaseToken: r.lease_token! })).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  async finish(job: ClaimedJob, state: 'done' | 'failed', outcome: Json): Promise<boolean> {
    assertNoSecrets({ outcome });
    const { rowCount } = await this.db.query(
      `UPDATE jobs SET state = $3, outcome = $4::text::jsonb, lease_until = NULL, lease_token = NULL, updated_at = now()
       WHERE id = $1 AND lease_token = $2 AND state = 'pending'`,
      [job.id, job.leaseToken, state, jsonParam(outcome)],
    );
    return rowCount === 1;
  }

  async reschedule(job: ClaimedJob, dueAt: string, payload?: Json): Promise<boolean> {
    if (payload !== undefined) assertNoSecrets({ payload });
    const { rowCount } = await this.db.query(
      `UPDATE jobs SET due_at = $3, payload = COALESCE($4::text::jsonb, payload), attempts = 0, lease_until = NULL, lease_token = NULL, updated_at = now()
       WHERE id = $1 AND lease_token = $2 AND state = 'pending'`,
      [job.id, job.leaseToken, dueAt, payload === undefined ? null : jsonParam(payload)],
    );
    return rowCount === 1;
  }

  async progress(job: ClaimedJob, payload: Json, leaseMs: number): Promise<boolean> {
    assertNoSecrets({ payload });
    const { rowCount } = await this.db.query(
      `UPDATE jobs SET payload = $3::text::jsonb, lease_until = now() + $4::double precision * interval '1 millisecond', updated_at = now()
       WHERE id = $1 AND lease_token = $2 AND state = 'pending'`,
      [job.id, job.leaseToken, jsonParam(payload), leaseMs],
    );
    return rowCount === 1;
  }

  async cancel(id: string, ownerId: string): Promise<'cancelled' | 'notFound' | 'notOwner' | 'running' | 'finished'> {
    if (!isUuid(id)) return 'notFound';
    const { rows } = await this.db.query<Row>(
      `UPDATE jobs SET state = 'cancelled', updated_at = now()
       WHERE id = $1 AND owner_id = $2 AND state = 'pending' AND ${FREE} RETURNING ${COLUMNS}`,
      [id, ownerId],
    );
    if (rows.length) return 'cancelled';
    const job = await this.get(id);
    if (!job) return 'notFound';
    if (job.ownerId !== ownerId) return 'notOwner';
    return job.state === 'pending' ? 'running' : 'finished';
  }

  async prune(olderThan: string): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM jobs WHERE state IN ('done', 'failed', 'cancelled') AND updated_at < $1::timestamptz`,
      [olderThan],
    );
    return rowCount ?? 0;
  }

  async listByOwner(ownerId: string, kind: string, states: readonly JobState[], limit: number): Promise<JobRecord[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM jobs WHERE owner_id = $1 AND kind = $2 AND state = ANY($3::text[]) ORDER BY due_at LIMIT $4`,
      [ownerId, kind, states as string[], limitParam(limit)],
    );
    return rows.map(toJob);
  }
}

function toJob(row: Row): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    dueAt: new Date(row.due_at).toISOString(),
    payload: row.payload as Json,
    state: row.state,
    ownerId: row.owner_id,
    attempts: row.attempts,
    outcome: (row.outcome ?? null) as Json | null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
