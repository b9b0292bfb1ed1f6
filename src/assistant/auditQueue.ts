import type { Logger } from '../logger';
import type { AuditLog, AuditRecordInput, FileSpool } from '../store';

/** Waits between the attempts to write one record, before it is spooled. */
const RETRY_DELAYS_MS = [50, 250];

/**
 * Writes audit records that are not part of a journalled Graph write (the choice of the approvals channel), failing
 * closed: a record the store refuses is retried, then kept on the local disk (fsynced) and written by the periodic
 * sweep, with its original time, once the store takes it; the caller learns it, so the action is not reported as
 * simply done. Records of Graph writes go through the write journal instead (see journalledWrite.ts).
 */
export class AuditQueue {
  constructor(
    private readonly audit: AuditLog,
    private readonly spool: FileSpool<AuditRecordInput>,
    private readonly log: Logger,
    private readonly wait = (ms: number) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** true when every record is in the store now; false when some wait on the disk. */
  async record(records: AuditRecordInput[]): Promise<boolean> {
    await this.flush();
    const stamped = records.map((r) => ({ ...r, time: r.time ?? new Date().toISOString() }));
    let allWritten = true;
    for (const record of stamped) {
      if (await this.write(record, RETRY_DELAYS_MS)) continue;
      allWritten = false;
      try {
        await this.spool.add(record);
        this.log.error('audit.spooled', { targetId: record.targetId, property: record.property ?? null, operation: record.operation });
      } catch (error) {
        this.log.error('audit.unrecorded', { targetId: record.targetId, property: record.property ?? null, operation: record.operation, error });
      }
    }
    return allWritten;
  }

  /** Writes what waits on the disk, oldest first; stops at the first record the store still refuses. */
  async flush(): Promise<number> {
    let written = 0;
    for (const { id, item } of await this.spool.list()) {
      if (!(await this.write(item, []))) break;
      await this.spool.remove(id);
      written++;
    }
    if (written) this.log.info('audit.flushed', { written });
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
