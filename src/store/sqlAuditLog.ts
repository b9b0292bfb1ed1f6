import type { AuditLog, AuditOperation, AuditOutcome, AuditRecord, AuditRecordInput } from './auditLog';
import type { SqlQueryable } from './sqlClient';
import { assertNoSecrets } from './secretTripwire';
import { iso, jsonParam, limitParam, newId } from './sqlValues';

interface AuditRow {
  id: string;
  occurred_at: Date | string;
  actor_id: string;
  actor_upn: string;
  approver_id: string | null;
  approver_upn: string | null;
  target_id: string;
  target_upn: string;
  operation: string;
  property: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  reason: string | null;
  graph_request_id: string | null;
  plan_id: string | null;
  request_id: string | null;
  conversation_id: string | null;
  correlation_id: string | null;
}

const COLUMNS = `id, occurred_at, actor_id, actor_upn, approver_id, approver_upn, target_id, target_upn, operation,
  property, before, after, outcome, reason, graph_request_id, plan_id, request_id, conversation_id, correlation_id`;

/** {@link AuditLog} in SQL; the same statements on PGlite and PostgreSQL. */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: SqlQueryable) {}

  async append(record: AuditRecordInput): Promise<AuditRecord> {
    assertNoSecrets({ before: record.before, after: record.after });
    const { rows } = await this.db.query<AuditRow>(
      `INSERT INTO audit_log (${COLUMNS})
       VALUES ($1, COALESCE($2::timestamptz, now()), $3, $4, $5, $6, $7, $8, $9, $10,
               $11::text::jsonb, $12::text::jsonb, $13, $14, $15, $16, $17, $18, $19)
       RETURNING ${COLUMNS}`,
      [
        newId(), record.time ?? null, record.actorId, record.actorUpn, record.approverId ?? null, record.approverUpn ?? null,
        record.targetId, record.targetUpn, record.operation, record.property ?? null,
        jsonParam(record.before), jsonParam(record.after), record.outcome, record.reason ?? null,
        record.graphRequestId ?? null, record.planId ?? null, record.requestId ?? null,
        record.conversationId ?? null, record.correlationId ?? null,
      ],
    );
    return toRecord(rows[0]);
  }

  async listForTarget(targetId: string, limit: number): Promise<AuditRecord[]> {
    const { rows } = await this.db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE target_id = $1 ORDER BY occurred_at DESC, seq DESC LIMIT $2`,
      [targetId, limitParam(limit)],
    );
    return rows.map(toRecord);
  }

  async listRecent(limit: number): Promise<AuditRecord[]> {
    const { rows } = await this.db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log ORDER BY occurred_at DESC, seq DESC LIMIT $1`,
      [limitParam(limit)],
    );
    return rows.map(toRecord);
  }

  async listForPlan(planId: string): Promise<AuditRecord[]> {
    const { rows } = await this.db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE plan_id = $1 ORDER BY occurred_at, seq`,
      [planId],
    );
    return rows.map(toRecord);
  }

  async latestAppliedPlan(filter: { actorId?: string; targetId?: string; undoable?: boolean }): Promise<AuditRecord | null> {
    // Only undo records carry a correlation id; an undo is recorded after what it undoes, so the look for one reads
    // only the records since (the recent index), not the whole log.
    const { rows } = await this.db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log a
       WHERE plan_id IS NOT NULL AND outcome = 'applied' AND ($1::text IS NULL OR actor_id = $1) AND ($2::text IS NULL OR target_id = $2)
         AND (NOT $3::boolean OR (correlation_id IS NULL AND NOT EXISTS (
           SELECT 1 FROM audit_log u WHERE u.occurred_at >= a.occurred_at AND u.correlation_id = a.plan_id AND u.outcome = 'applied')))
       ORDER BY occurred_at DESC, seq DESC LIMIT 1`,
      [filter.actorId ?? null, filter.targetId ?? null, filter.undoable === true],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    time: iso(row.occurred_at),
    actorId: row.actor_id,
    actorUpn: row.actor_upn,
    approverId: row.approver_id,
    approverUpn: row.approver_upn,
    targetId: row.target_id,
    targetUpn: row.target_upn,
    operation: row.operation as AuditOperation,
    property: row.property,
    before: row.before ?? null,
    after: row.after ?? null,
    outcome: row.outcome as AuditOutcome,
    reason: row.reason,
    graphRequestId: row.graph_request_id,
    planId: row.plan_id,
    requestId: row.request_id,
    conversationId: row.conversation_id,
    correlationId: row.correlation_id,
  };
}
