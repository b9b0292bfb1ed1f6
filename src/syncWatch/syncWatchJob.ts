import type { JobKind, JobResult } from '../jobs/jobRunner';
import type { AssistantContext } from '../assistant/assistantContext';
import type { ClaimedJob } from '../store';
import type { Json } from '../store/json';
import { judgeSync, nextStep } from './judgeSync';
import { syncNotice, type SyncNotice } from './syncNotices';
import { selectFor, SYNC_WATCH_KIND, type SyncWatch } from './watchedChange';

export interface SyncWatchSettings {
  /** Between two looks at a hand-over (SYNC_WATCH_SECONDS). */
  intervalMs: number;
  /** No sync for this long after the hand-over: the sync looks stuck (SYNC_OVERDUE_MINUTES). */
  overdueMs: number;
}

export const DEFAULT_SYNC_WATCH: SyncWatchSettings = { intervalMs: 120_000, overdueMs: 90 * 60_000 };

/** One tick takes this many due watches: a thousand are 50 `$batch` requests. */
const BATCH = 1_000;
/** Longer than 50 batches and the notices take. */
const LEASE_MS = 5 * 60_000;

type Context = Pick<AssistantContext, 'directory' | 'messenger' | 'clock' | 'log' | 'syncWatch'>;

/**
 * The post-sync watch as a job kind: every due watch of a tick is read from Graph together (`$batch`, 20 users a
 * request), compared with what its hand-over expects, and told, finished or looked at again.
 */
export function syncWatchJobKind(ctx: Context): JobKind {
  return { kind: SYNC_WATCH_KIND, batch: BATCH, leaseMs: LEASE_MS, handler: (jobs) => watchSyncs(ctx, jobs) };
}

async function watchSyncs(ctx: Context, jobs: ClaimedJob[]): Promise<JobResult[]> {
  const settings = ctx.syncWatch ?? DEFAULT_SYNC_WATCH;
  const watches = jobs.map((job) => readWatch(job.payload));
  const valid = watches.filter((w): w is SyncWatch => w !== null);
  const users = await readAll(ctx, valid);
  const now = ctx.clock.now();
  return Promise.all(watches.map(async (watch, i): Promise<JobResult> => {
    if (!watch) return { state: 'failed', outcome: { reason: 'invalidPayload' } };
    const verdict = judgeSync(watch, users.get(watch.targetId), now, settings.overdueMs);
    const step = nextStep(watch, verdict, now);
    const notice = syncNotice(step.watch, step, verdict, settings.overdueMs);
    // Told once the step is recorded (the runner runs `afterRecorded` only for the holder whose result counted): a lease lost
    // in a slow tick does not tell the admin twice. A notice that cannot be delivered is logged; the step stands.
    const afterRecorded = notice ? async () => {
      await tell(ctx, step.watch, notice).catch((error: unknown) => ctx.log.warn('syncWatch.notDelivered', { jobId: jobs[i].id, error }));
      ctx.log.info('syncWatch.told', { jobId: jobs[i].id, targetId: watch.targetId, notice: step.notice });
    } : undefined;
    if (step.finished) return { state: 'done', outcome: { verdict: verdict.kind, notice: step.notice }, afterRecorded };
    return { retryAt: new Date(now.getTime() + settings.intervalMs), payload: step.watch as unknown as Json, afterRecorded };
  }));
}

/**
 * The watched accounts as Graph has them; an account whose read failed is left out (judged unknown). A read that
 * failed as a whole decides nothing either, but must not stop the watches: thrown from the handler it would leave every
 * watch unjudged until the runner gives up on them, and an expired watch would never end (nor its admin be told).
 */
async function readAll(ctx: Context, watches: SyncWatch[]): Promise<Map<string, Record<string, unknown> | null>> {
  if (!watches.length) return new Map();
  const needsManager = watches.some((w) => w.expected.some((e) => e.property === 'manager'));
  try {
    return await ctx.directory.readUsers(watches.map((w) => w.targetId), selectFor(watches), { managerId: needsManager });
  } catch (error) {
    ctx.log.error('syncWatch.readFailed', { count: watches.length, error });
    return new Map();
  }
}

/** The original card updated when the change landed; the admin told in their 1:1 chat, else where the card is. */
async function tell(ctx: Context, watch: SyncWatch, notice: SyncNotice): Promise<void> {
  if (notice.replacement && watch.card) {
    const updated = await ctx.messenger.updateCard({ conversation: watch.card.conversation, activityId: watch.card.activityId }, notice.replacement);
    if (!updated) ctx.log.warn('syncWatch.cardNotUpdated', { activityId: watch.card.activityId });
  }
  const replies = [{ type: 'text' as const, text: notice.text }, ...(notice.card ? [{ type: 'card' as const, card: notice.card }] : [])];
  for (const reply of replies) {
    const sent = await ctx.messenger.sendToUser(watch.adminId, reply);
    if (!sent && watch.card) await ctx.messenger.post(watch.card.conversation, reply);
  }
}

function readWatch(payload: Json): SyncWatch | null {
  const w = payload as unknown as Partial<SyncWatch> | null;
  if (!w || typeof w.targetId !== 'string' || !Array.isArray(w.expected) || typeof w.handedOverAt !== 'string' || typeof w.adminId !== 'string') return null;
  return w as SyncWatch;
}
