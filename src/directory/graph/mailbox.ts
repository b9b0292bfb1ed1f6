import type { MailboxPurpose } from '../directory';
import { DirectoryError } from '../../errors';
import { graphPath } from './graphPath';
import type { GraphTransport } from './graphTransport';

/** Exchange Online's 404 for a user without a mailbox in the cloud (none licensed, or one hosted on-premises). */
const NO_MAILBOX = 'MailboxNotEnabledForRESTAPI';
const PURPOSES: ReadonlySet<string> = new Set<MailboxPurpose>(['user', 'linked', 'shared', 'room', 'equipment', 'others', 'unknownFutureValue']);

/**
 * `GET /users/{id}/mailboxSettings/userPurpose` (Graph documents reading the one property this way): the mailbox's
 * kind, or null when the user has none. Any other failure throws: "no mailbox" is never guessed.
 */
export async function readMailbox(graph: GraphTransport, id: string): Promise<{ purpose: MailboxPurpose } | null> {
  try {
    const r = await graph.call<{ value?: unknown }>('GET', graphPath`/users/${id}/mailboxSettings/userPurpose`);
    const value = r.body?.value;
    if (typeof value !== 'string') throw new DirectoryError('GRAPH_ERROR', 'mailboxSettings/userPurpose without a value', r.status, null, r.requestId);
    // An evolvable enum: a member added after this was written reads as Graph's own sentinel.
    return { purpose: PURPOSES.has(value) ? (value as MailboxPurpose) : 'unknownFutureValue' };
  } catch (e) {
    if (e instanceof DirectoryError && e.status === 404 && e.graphCode === NO_MAILBOX) return null;
    throw e;
  }
}
