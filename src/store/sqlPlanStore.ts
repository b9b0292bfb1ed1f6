import type { Json } from './json';
import type { CancelResult, ClaimResult, PlanFinalState, PlanInput, PlanRecord, PlanState, PlanStore, PlanUpdateResult } from './planStore';
import type { SqlQueryable } from './sqlClient';
import { iso, isoOrNull, isUuid, jsonParam, newId } from './sqlValues';

interface PlanRow {
  id: string;
  actor_id: string;
  target_id: string;
  conversation_id: string;
  payload: unknown;
  state: string;
  version: number;
  created_at: Date | string;
  expires_at: Date | string;
  claimed_at: Date | string | null;
  finished_at: Date | string | null;
  outcome: unknown;
}

const COLUMNS = `id, actor_id, target_id, conversation_id, payload, state, version, created_at, expires_at,
  claimed_at, finished_at, outcome`;

/** {@link PlanStore} in SQL; the same statements on PGlite and PostgreSQL. */
export class SqlPlanStore implements PlanStore {
  constructor(private readonly db: SqlQueryable) {}

  async create(plan: PlanInput): Promise<PlanRecord> {
    const payload = jsonParam(plan.payload);
    // The payload is not read back (every confirmation card stores a plan, and it is the largest column): the
    // record carries it as stored, i.e. as JSON text parsed again.
    const { rows } = await this.db.query<Omit<PlanRow, 'actor_id' | 'target_id' | 'conversation_id' | 'payload'>>(
      `INSERT INTO plans (id, actor_id, target_id, conversation_id, payload, expires_at)
       VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::timestamptz)
       RETURNING id, state, version, created_at, expires_at, claimed_at, finished_at, outcome`,
      [plan.id ?? newId(), plan.actorId, plan.targetId, plan.conversationId, payload, plan.expiresAt],
    );
    return toRecord({ ...rows[0], actor_id: plan.actorId, target_id: plan.targetId, conversation_id: plan.conversationId, payload: payload === null ? null : JSON.parse(payload) });
  }

  async get(id: string): Promise<PlanRecord | null> {
    const row = await this.row(id);
    return row && toRecord(row);
  }

  async claim(id: string, actorId: string): Promise<ClaimResult> {
    if (!isUuid(id)) return 'notFound';
    const claimed = await this.db.query(
      `UPDATE plans SET state = 'claimed', claimed_at = now(), version = version + 1
       WHERE id = $1 AND actor_id = $2 AND state = 'open' AND expires_at > now()
       RETURNING id`,
      [id, actorId],
    );
    if (claimed.rowCount === 1) return 'claimed';
    const row = await this.row(id);
    if (!row) return 'notFound';
    if (row.actor_id !== actorId) return 'notOwner';
    // Still open yet not claimable: it had expired when the UPDATE ran (a re-plan may have extended it since).
    return row.state === 'open' ? 'expired' : 'alreadyClaimed';
  }

  async finish(id: string, outcome: Json, state: PlanFinalState): Promise<PlanRecord | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<PlanRow>(
      `UPDATE plans SET state = $2, outcome = $3::text::jsonb, finished_at = now(), version = version + 1
       WHERE id = $1 AND state = 'claimed'
       RETURNING ${COLUMNS}`,
      [id, state, jsonParam(outcome)],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async cancel(id: string, actorId: string): Promise<CancelResult> {
    if (!isUuid(id)) return 'notFound';
    const cancelled = await this.db.query(
      `UPDATE plans SET state = 'cancelled', finished_at = now(), version = version + 1
       WHERE id = $1 AND actor_id = $2 AND state = 'open'
       RETURNING id`,
      [id, actorId],
    );
    if (cancelled.rowCount === 1) return 'cancelled';
    const row = await this.row(id);
    if (!row) return 'notFound';
    return row.actor_id !== actorId ? 'notOwner' : 'alreadyClaimed';
  }

  async updatePayload(id: string, payload: Json, expectedVersion: number, expiresAt?: string): Promise<PlanUpdateResult> {
    if (!isUuid(id)) return { ok: false, current: null };
    const { rows } = await this.db.query<PlanRow>(
      `UPDATE plans SET payload = $2::text::jsonb, expires_at = COALESCE($4::timestamptz, expires_at), version = version + 1
       WHERE id = $1 AND version = $3 AND state = 'open'
       RETURNING ${COLUMNS}`,
      [id, jsonParam(payload), expectedVersion, expiresAt ?? null],
    );
    if (rows[0]) return { ok: true, plan: toRecord(rows[0]) };
    return { ok: false, current: await this.get(id) };
  }

  private async row(id: string): Promise<PlanRow | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<PlanRow>(`SELECT ${COLUMNS} FROM plans WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}

function toRecord(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    actorId: row.actor_id,
    targetId: row.target_id,
    conversationId: row.conversation_id,
    payload: row.payload,
    state: row.state as PlanState,
    version: row.version,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    claimedAt: isoOrNull(row.claimed_at),
    finishedAt: isoOrNull(row.finished_at),
    outcome: row.outcome ?? null,
  };
}
