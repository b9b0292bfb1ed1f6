import type { Logger } from '../logger';
import type { AuditLog, AuditRecordInput } from '../store';

/** Waits between the attempts to write one record, before it is queued. */
const RETRY_DELAYS_MS = [50, 250];

/**
 * Writes audit records after a change was made in Graph, failing closed: a record that cannot be written is
 * retried, then kept and retried on every later write and by the periodic sweep until it is recorded, and the
 * caller learns it so the change is not reported as simply done. Records are written with their original time.
 * The queue lives in this process: if the store stays down and the process dies, the error log (which names
 * each queued record's target, property and plan or request) is the remaining trace.
 */
export class AuditQueue {
  private readonly backlog: AuditRecordInput[] = [];

  constructor(private readonly audit: AuditLog, private readonly log: Logger, private readonly wait = (ms: number) => new Promise((r) => setTimeout(r, ms))) {}

  /** true when every record is in the store now; false when some wait in the queue. */
  async record(records: AuditRecordInput[]): Promise<boolean> {
    await this.flush();
    const stamped = records.map((r) => ({ ...r, time: r.time ?? new Date().toISOString() }));
    let allWritten = true;
    for (const record of stamped) {
      if (!(await this.write(record, RETRY_DELAYS_MS))) {
        this.backlog.push(record);
        allWritten = false;
        this.log.error('audit.queued', { targetId: record.targetId, property: record.property ?? null, planId: record.planId ?? null, requestId: record.requestId ?? null, outcome: record.outcome });
      }
    }
    return allWritten;
  }

  /** Retries what is queued, oldest first; stops at the first record the store still refuses. */
  async flush(): Promise<number> {
    let written = 0;
    while (this.backlog.length) {
      if (!(await this.write(this.backlog[0], []))) break;
      this.backlog.shift();
      written++;
    }
    if (written) this.log.info('audit.flushed', { written, remaining: this.backlog.length });
    return written;
  }

  private async write(record: AuditRecordInput, delays: number[]): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.audit.append(record);
        return true;
      } catch (error) {
        if (attempt >= delays.length) {
          this.log.warn('audit.writeFailed', { error: (error as Error).message, attempt: attempt + 1 });
          return false;
        }
        await this.wait(delays[attempt]);
      }
    }
  }
}
