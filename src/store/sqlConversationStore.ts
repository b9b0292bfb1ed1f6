import type { ConversationRecord, ConversationRef, ConversationStore } from './conversationStore';
import type { SqlQueryable } from './sqlClient';
import { iso, jsonParam } from './sqlValues';

interface ConversationRow {
  user_id: string;
  conversation_id: string | null;
  ref: unknown;
  updated_at: Date | string;
}

/** {@link ConversationStore} in SQL; the same statements on PGlite and PostgreSQL. */
export class SqlConversationStore implements ConversationStore {
  constructor(private readonly db: SqlQueryable) {}

  async save(userId: string, ref: ConversationRef): Promise<void> {
    const conversationId = typeof ref.conversation?.id === 'string' ? ref.conversation.id : null;
    await this.db.query(
      `INSERT INTO conversation_refs (user_id, conversation_id, ref) VALUES ($1, $2, $3::text::jsonb)
       ON CONFLICT (user_id) DO UPDATE SET conversation_id = EXCLUDED.conversation_id, ref = EXCLUDED.ref, updated_at = now()`,
      [userId, conversationId, jsonParam(ref)],
    );
  }

  async getForUser(userId: string): Promise<ConversationRecord | null> {
    const { rows } = await this.db.query<ConversationRow>(
      'SELECT user_id, conversation_id, ref, updated_at FROM conversation_refs WHERE user_id = $1',
      [userId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async getForConversation(conversationId: string): Promise<ConversationRecord | null> {
    const { rows } = await this.db.query<ConversationRow>(
      `SELECT user_id, conversation_id, ref, updated_at FROM conversation_refs
       WHERE conversation_id = $1 ORDER BY updated_at DESC, user_id LIMIT 1`,
      [conversationId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }
}

function toRecord(row: ConversationRow): ConversationRecord {
  return { userId: row.user_id, conversationId: row.conversation_id, ref: row.ref, updatedAt: iso(row.updated_at) };
}
