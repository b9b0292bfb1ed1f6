import type { Messenger, PostedMessage } from '../../src/assistant/messenger';
import type { Reply } from '../../src/assistant/reply';
import type { Directory } from '../../src/directory/directory';
import { memoryLogger } from '../../src/logger';
import type { ClaimedJob } from '../../src/store';
import type { Json } from '../../src/store/json';
import { syncWatchJobKind } from '../../src/syncWatch/syncWatchJob';
import { SYNC_WATCH_KIND, type SyncWatch } from '../../src/syncWatch/watchedChange';

/** A directory that cannot be reached at all: every read throws (not Graph answering an error, which reads leave out). */
class UnreachableDirectory {
  reads = 0;
  async readUsers(): Promise<never> {
    this.reads++;
    throw new TypeError('fetch failed');
  }
}

class RecordingMessenger {
  readonly sent: { to: string; text: string }[] = [];
  async sendToUser(userId: string, reply: Reply): Promise<PostedMessage | null> {
    this.sent.push({ to: userId, text: reply.type === 'text' ? reply.text : '(card)' });
    return { conversation: {}, activityId: `m${this.sent.length}` };
  }
  async post(): Promise<PostedMessage | null> { return null; }
  async updateCard(): Promise<boolean> { return true; }
  async teamsUserId(): Promise<string | null> { return null; }
}

const NOW = new Date('2026-12-14T12:00:00.000Z');

function job(id: string, expiresAt: string): ClaimedJob {
  const watch: SyncWatch = {
    targetId: `target-${id}`, targetName: 'Fatima Zahra', handedOverAt: '2026-12-07T06:00:00.000Z', expiresAt,
    expected: [{ property: 'jobTitle', value: 'Head of Data' }], adminId: 'daan', language: 'en', timeZone: null, card: null,
    view: { targetName: 'Fatima Zahra', plan: { targetId: `target-${id}`, synced: true, items: [], script: null, warnings: [] }, planId: 'p' },
  };
  return {
    id, kind: SYNC_WATCH_KIND, dueAt: NOW.toISOString(), payload: watch as unknown as Json, state: 'pending', ownerId: 'daan',
    attempts: 1, outcome: null, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), leaseToken: 'lease',
  };
}

describe('the sync watch when Graph cannot be read at all', () => {
  it('still ends an expired watch (and tells its admin once), and looks again at the others without deciding anything', async () => {
    const directory = new UnreachableDirectory();
    const messenger = new RecordingMessenger();
    const log = memoryLogger();
    const kind = syncWatchJobKind({
      directory: directory as unknown as Directory, messenger: messenger as unknown as Messenger, clock: { now: () => NOW }, log,
      syncWatch: { intervalMs: 60_000, overdueMs: 90 * 60_000 },
    });
    const [expired, live] = await kind.handler([job('expired', '2026-12-14T06:00:00.000Z'), job('live', '2026-12-20T06:00:00.000Z')]);

    expect(directory.reads).toBe(1);
    expect(expired).toMatchObject({ state: 'done', outcome: { verdict: 'unknown', notice: 'expired' } });
    expect(live).toMatchObject({ retryAt: new Date(NOW.getTime() + 60_000) });
    expect((live as { payload: SyncWatch }).payload).not.toHaveProperty('overdueWarned'); // a failed read decides nothing
    await expired.afterRecorded?.();
    expect(messenger.sent).toEqual([{ to: 'daan', text: expect.stringMatching(/Fatima Zahra/) }]);
    expect(live.afterRecorded).toBeUndefined();
    expect(log.lines.some((l) => JSON.parse(l).event === 'syncWatch.readFailed' && JSON.parse(l).level === 'error')).toBe(true);
  });
});
