import type { ItemOutcome } from '../cards/changePlanCard';
import type { ChangePlan } from '../changes/changePlan';
import type { Language } from '../language/request';
import { outcomeState } from '../requests/requestRules';
import type { AuditRecordInput, JournalEntry, JournalFinish } from '../store';
import { auditRecordsOf } from './applyPlan';
import type { AssistantContext } from './assistantContext';
import type { PostedMessage } from './messenger';

/** How long a writer holds its journal entry: longer than the writes of one plan can take (9 s each at most). */
export const WRITE_LEASE_MS = 2 * 60_000;
/** A write whose answer never came is looked at again after this long (it may have landed late). */
export const RECHECK_MS = 45_000;

/**
 * Everything needed to finish a write without the process that started it: stored in the journal with the claim,
 * before the first Graph write. Never a password (the temporary one is made at the moment of writing).
 */
export interface WriteIntent {
  actor: { id: string; upn: string };
  approver: { id: string; upn: string } | null;
  target: { id: string; upn: string; name: string };
  plan: ChangePlan;
  planId: string | null;
  requestId: string | null;
  conversationId: string;
  /** The card to update when someone else finishes the write (an admin's confirmation card); null for requests. */
  card: PostedMessage | null;
  language: Language;
  /** The plan this write undoes: its audit records name it (correlationId) and say so (reason UNDO). */
  undoOf?: string | null;
}

/** A finish the database could not take: kept on the local disk until it can. */
export interface SpooledFinish {
  entryId: string;
  token: string;
  subject: JournalFinish;
  audit: AuditRecordInput[];
}

/**
 * - `recorded`: the outcome and its audit records are in the store;
 * - `spooled`: the store was unreachable: they wait on the local disk and are written when it is back;
 * - `checking`: an answer never came; the write is left open and looked at again (by any instance) shortly;
 * - `lost`: someone else (a recovery) had taken the write over and records it;
 * - `unrecorded`: neither the store nor the disk took it (the error log names it).
 */
export type WriteRecord = 'recorded' | 'spooled' | 'checking' | 'lost' | 'unrecorded';

/** Closes a journalled write: the subject's outcome and the audit records in one transaction, else on disk. */
export async function recordWrite(ctx: AssistantContext, entry: JournalEntry, intent: WriteIntent, outcomes: ItemOutcome[], recovered = false): Promise<WriteRecord> {
  if (!recovered && outcomes.some((o) => !o.ok && o.uncertain)) {
    // Not failed yet: a late write may still land. The entry stays open; the recovery sweep reads Graph again.
    await ctx.journal.extend(entry.id, entry.leaseToken, Math.min(RECHECK_MS, ctx.writeLeaseMs)).catch((error: unknown) => ctx.log.warn('journal.extendFailed', { entryId: entry.id, error }));
    return 'checking';
  }
  const subject = subjectOf(intent, outcomes);
  const audit = auditRecordsOf({
    actor: intent.actor, approver: intent.approver, account: { id: intent.target.id, userPrincipalName: intent.target.upn },
    plan: intent.plan, outcomes, planId: intent.planId, requestId: intent.requestId, conversationId: intent.conversationId, recovered, undoOf: intent.undoOf,
  });
  try {
    return (await ctx.journal.finish(entry.id, entry.leaseToken, subject, audit)) === 'finished' ? 'recorded' : 'lost';
  } catch (error) {
    ctx.log.error('journal.finishFailed', { entryId: entry.id, subjectId: entry.subjectId, error });
  }
  try {
    await ctx.spool.add({ entryId: entry.id, token: entry.leaseToken, subject, audit } satisfies SpooledFinish);
    return 'spooled';
  } catch (error) {
    // The last trace: what was written, to whom, by whom — never a value that could be a secret.
    ctx.log.error('journal.unrecorded', { entryId: entry.id, subjectId: entry.subjectId, targetId: intent.target.id, properties: outcomes.map((o) => o.property), error });
    return 'unrecorded';
  }
}

/** Writes what waits on the local disk, oldest first; stops at the first the store still refuses. */
export async function replaySpool(ctx: AssistantContext): Promise<number> {
  let written = 0;
  for (const { id, item } of await ctx.spool.list()) {
    try {
      // 'lost': a recovery finished it from Graph meanwhile, with its own records; this copy goes.
      await ctx.journal.finish(item.entryId, item.token, item.subject, item.audit);
    } catch {
      break;
    }
    await ctx.spool.remove(id);
    written++;
  }
  if (written) ctx.log.info('journal.spoolReplayed', { written });
  return written;
}

function subjectOf(intent: WriteIntent, outcomes: ItemOutcome[]): JournalFinish {
  const state = outcomeState(outcomes);
  if (intent.requestId) return { kind: 'request', state, outcome: { outcomes } as never };
  // The same three ends; a plan calls the middle one 'partial'.
  return { kind: 'plan', state: state === 'partlyApplied' ? 'partial' : state, outcome: outcomes as never };
}
