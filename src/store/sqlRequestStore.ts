import type { Json } from './json';
import type { RequestInput, RequestRecord, RequestState, RequestStore, TransitionFields, TransitionResult } from './requestStore';
import type { SqlQueryable } from './sqlClient';
import { iso, isoOrNull, isUuid, jsonParam, limitParam, newId } from './sqlValues';

interface RequestRow {
  id: string;
  requester_id: string;
  requester_upn: string;
  target_id: string;
  target_upn: string;
  changes: unknown;
  reason: string | null;
  effective_date: string | null;
  plan_snapshot: unknown;
  account_snapshot: unknown;
  state: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  decided_at: Date | string | null;
  decided_by_id: string | null;
  decided_by_upn: string | null;
  decision_comment: string | null;
  outcome: unknown;
  card_refs: unknown;
}

const COLUMNS = `id, requester_id, requester_upn, target_id, target_upn, changes, reason, effective_date, plan_snapshot,
  account_snapshot, state, version, created_at, updated_at, decided_at, decided_by_id, decided_by_upn, decision_comment,
  outcome, card_refs`;

/** {@link RequestStore} in SQL; the same statements on PGlite and PostgreSQL. */
export class SqlRequestStore implements RequestStore {
  constructor(private readonly db: SqlQueryable) {}

  async create(request: RequestInput): Promise<RequestRecord> {
    const { rows } = await this.db.query<RequestRow>(
      `INSERT INTO requests (id, requester_id, requester_upn, target_id, target_upn, changes, reason, effective_date,
                             plan_snapshot, account_snapshot, card_refs)
       VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8::date, $9::text::jsonb, $10::text::jsonb, $11::text::jsonb)
       RETURNING ${COLUMNS}`,
      [
        request.id ?? newId(), request.requesterId, request.requesterUpn, request.targetId, request.targetUpn,
        jsonParam(request.changes), request.reason, request.effectiveDate ?? null,
        jsonParam(request.planSnapshot), jsonParam(request.accountSnapshot), jsonParam(request.cardRefs),
      ],
    );
    return toRecord(rows[0]);
  }

  async get(id: string): Promise<RequestRecord | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<RequestRow>(`SELECT ${COLUMNS} FROM requests WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listByRequester(requesterId: string, limit: number): Promise<RequestRecord[]> {
    const { rows } = await this.db.query<RequestRow>(
      `SELECT ${COLUMNS} FROM requests WHERE requester_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [requesterId, limitParam(limit)],
    );
    return rows.map(toRecord);
  }

  async listPending(limit: number): Promise<RequestRecord[]> {
    const { rows } = await this.db.query<RequestRow>(
      `SELECT ${COLUMNS} FROM requests WHERE state = 'pending' ORDER BY created_at, id LIMIT $1`,
      [limitParam(limit)],
    );
    return rows.map(toRecord);
  }

  async transition(id: string, from: readonly RequestState[], to: RequestState, fields: TransitionFields = {}): Promise<TransitionResult> {
    if (!isUuid(id)) return { ok: false, current: null };
    const { decision, outcome } = fields;
    const { rows } = await this.db.query<RequestRow>(
      `UPDATE requests SET
         state = $3, version = version + 1, updated_at = now(),
         decided_at = CASE WHEN $4::boolean THEN now() ELSE decided_at END,
         decided_by_id = CASE WHEN $4::boolean THEN $5::text ELSE decided_by_id END,
         decided_by_upn = CASE WHEN $4::boolean THEN $6::text ELSE decided_by_upn END,
         decision_comment = CASE WHEN $4::boolean THEN $7::text ELSE decision_comment END,
         outcome = CASE WHEN $8::boolean THEN $9::text::jsonb ELSE outcome END
       WHERE id = $1 AND state = ANY($2::text[])
       RETURNING ${COLUMNS}`,
      [
        id, [...from], to,
        decision !== undefined, decision?.byId ?? null, decision?.byUpn ?? null, decision?.comment ?? null,
        outcome !== undefined, jsonParam(outcome),
      ],
    );
    if (rows[0]) return { ok: true, request: toRecord(rows[0]) };
    return { ok: false, current: await this.get(id) };
  }

  async expireOlderThan(cutoff: Date): Promise<RequestRecord[]> {
    // Under concurrent sweeps the second UPDATE waits for the first's row locks, re-checks `state = 'pending'`
    // and skips the rows already expired: each row is returned by exactly one statement.
    const { rows } = await this.db.query<RequestRow>(
      `UPDATE requests SET state = 'expired', version = version + 1, updated_at = now(), decided_at = now()
       WHERE state = 'pending' AND created_at < $1::timestamptz
       RETURNING ${COLUMNS}`,
      [cutoff.toISOString()],
    );
    return rows.map(toRecord);
  }

  async replan(id: string, expectedVersion: number, planSnapshot: Json, accountSnapshot: Json): Promise<TransitionResult> {
    if (!isUuid(id)) return { ok: false, current: null };
    const { rows } = await this.db.query<RequestRow>(
      `UPDATE requests SET plan_snapshot = $3::text::jsonb, account_snapshot = $4::text::jsonb, version = version + 1, updated_at = now()
       WHERE id = $1 AND state = 'pending' AND version = $2
       RETURNING ${COLUMNS}`,
      [id, expectedVersion, jsonParam(planSnapshot), jsonParam(accountSnapshot)],
    );
    if (rows[0]) return { ok: true, request: toRecord(rows[0]) };
    return { ok: false, current: await this.get(id) };
  }

  async setCardRefs(id: string, refs: Json): Promise<RequestRecord | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<RequestRow>(
      `UPDATE requests SET card_refs = $2::text::jsonb, version = version + 1, updated_at = now()
       WHERE id = $1
       RETURNING ${COLUMNS}`,
      [id, jsonParam(refs)],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }
}

function toRecord(row: RequestRow): RequestRecord {
  return {
    id: row.id,
    requesterId: row.requester_id,
    requesterUpn: row.requester_upn,
    targetId: row.target_id,
    targetUpn: row.target_upn,
    changes: row.changes,
    reason: row.reason,
    effectiveDate: row.effective_date,
    planSnapshot: row.plan_snapshot ?? null,
    accountSnapshot: row.account_snapshot ?? null,
    state: row.state as RequestState,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    decidedAt: isoOrNull(row.decided_at),
    decidedById: row.decided_by_id,
    decidedByUpn: row.decided_by_upn,
    decisionComment: row.decision_comment,
    outcome: row.outcome ?? null,
    cardRefs: row.card_refs ?? null,
  };
}
