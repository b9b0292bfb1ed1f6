import type { CardReplacement, CardReplacementInput, CardReplacementStore } from './cardReplacementStore';
import { assertNoSecrets } from './secretTripwire';
import type { SqlQueryable } from './sqlClient';
import { isUuid, jsonParam, limitParam, newId } from './sqlValues';

interface Row {
  id: string;
  conversation: unknown;
  activity_id: string;
  card: unknown;
  attempts: number;
  claim_token: string;
}

const COLUMNS = 'id, conversation, activity_id, card, attempts, claim_token';
/** Not claimed, or claimed by someone whose lease has run out. */
const FREE = '(claimed_until IS NULL OR claimed_until < now())';
const LEASE = `claimed_until = now() + $2::double precision * interval '1 millisecond', claim_token = $3, attempts = attempts + 1`;

/** {@link CardReplacementStore} in SQL; the same statements on PGlite and PostgreSQL. */
export class SqlCardReplacementStore implements CardReplacementStore {
  constructor(private readonly db: SqlQueryable) {}

  async schedule(input: CardReplacementInput): Promise<string> {
    assertNoSecrets({ card: input.card });
    const id = newId();
    await this.db.query(
      `INSERT INTO card_replacements (id, conversation, activity_id, card, due_at)
       VALUES ($1, $2::text::jsonb, $3, $4::text::jsonb, now() + $5::double precision * interval '1 millisecond')`,
      [id, jsonParam(input.conversation), input.activityId, jsonParam(input.card), input.delayMs],
    );
    return id;
  }

  async claim(id: string, leaseMs: number): Promise<CardReplacement | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<Row>(
      `UPDATE card_replacements SET ${LEASE} WHERE id = $1 AND ${FREE} RETURNING ${COLUMNS}`,
      [id, leaseMs, newId()],
    );
    return rows[0] ? toReplacement(rows[0]) : null;
  }

  async claimDue(limit: number, leaseMs: number): Promise<CardReplacement[]> {
    // SKIP LOCKED: instances sweeping at the same moment each take different rows instead of waiting.
    const { rows } = await this.db.query<Row>(
      `UPDATE card_replacements SET ${LEASE}
       WHERE id IN (SELECT id FROM card_replacements WHERE due_at <= now() AND ${FREE}
                    ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [limitParam(limit), leaseMs, newId()],
    );
    return rows.map(toReplacement);
  }

  async retryLater(claimed: CardReplacement, delayMs: number): Promise<void> {
    await this.db.query(
      `UPDATE card_replacements SET due_at = now() + $3::double precision * interval '1 millisecond', claimed_until = NULL, claim_token = NULL
       WHERE id = $1 AND claim_token = $2`,
      [claimed.id, claimed.claimToken, delayMs],
    );
  }

  async remove(claimed: CardReplacement): Promise<void> {
    await this.db.query('DELETE FROM card_replacements WHERE id = $1 AND claim_token = $2', [claimed.id, claimed.claimToken]);
  }
}

function toReplacement(row: Row): CardReplacement {
  return { id: row.id, conversation: row.conversation, activityId: row.activity_id, card: row.card, attempts: row.attempts, claimToken: row.claim_token };
}
