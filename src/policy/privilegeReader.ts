import { systemClock, type Clock } from '../clock';
import type { Directory, Privileges } from '../directory/directory';
import { DirectoryError } from '../errors';

export interface PrivilegeReaderOptions {
  /** Read PIM eligibilities too (the app has RoleEligibilitySchedule.Read.Directory): eligible roles then protect. */
  eligibility: boolean;
  /** How old the caller's own privileges may be on a turn that only reads. */
  callerMaxAgeMs?: number;
  maxEntries?: number;
}

/**
 * Reads who holds which role, for the one asking and for the one asked about, and fails closed: a read that is
 * cut short, throttled or failed becomes ROLES_UNKNOWN, which refuses the request, never "no role".
 *
 * - A target's privileges are always read fresh: someone made Global Administrator a minute ago is protected now.
 * - The caller's own may come from a cache (at most `callerMaxAgeMs`, 5 minutes) on turns that only read; every
 *   write reads them again (`fresh`), so a role taken away stops working at the next write.
 * The cache is per person and never holds a target's answer for a caller or the other way round.
 */
export class PrivilegeReader {
  private readonly callers = new Map<string, { at: number; privileges: Privileges }>();
  private readonly upns = new Map<string, { at: number; upn: string }>();
  private readonly callerMaxAgeMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly directory: Directory,
    private readonly options: PrivilegeReaderOptions,
    private readonly clock: Clock = systemClock,
  ) {
    this.callerMaxAgeMs = options.callerMaxAgeMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The caller's privileges; `fresh` before anything that writes. */
  async caller(userId: string, opts: { fresh?: boolean } = {}): Promise<Privileges> {
    const now = this.clock.now().getTime();
    const hit = this.callers.get(userId);
    if (!opts.fresh && hit && now - hit.at < this.callerMaxAgeMs) return hit.privileges;
    // An eligible role grants nothing until it is activated: the caller's eligibilities are not read.
    const privileges = await this.read(userId, false);
    // Bounded: the oldest entry goes first (Map keeps insertion order).
    this.callers.delete(userId);
    if (this.callers.size >= this.maxEntries) this.callers.delete(this.callers.keys().next().value!);
    this.callers.set(userId, { at: now, privileges });
    return privileges;
  }

  /** The privileges of the person a change is about: read now, every time. */
  target(userId: string): Promise<Privileges> {
    return this.read(userId, this.options.eligibility);
  }

  /** The user's sign-in name, for audit records; cached like the caller's privileges. */
  async userPrincipalName(userId: string): Promise<string> {
    const now = this.clock.now().getTime();
    const hit = this.upns.get(userId);
    if (hit && now - hit.at < this.callerMaxAgeMs) return hit.upn;
    const account = await this.directory.getAccount(userId);
    const upn = account?.userPrincipalName ?? userId;
    if (this.upns.size >= this.maxEntries) this.upns.delete(this.upns.keys().next().value!);
    this.upns.set(userId, { at: now, upn });
    return upn;
  }

  /**
   * Everyone's privileges at once, read now (the targets of a change to many people), in a few requests whatever the
   * number of users: those absent hold nothing. Fails closed like a single read.
   */
  async everyone(): Promise<Map<string, Privileges>> {
    try {
      return await this.directory.getAllPrivileges({ eligibility: this.options.eligibility });
    } catch (e) {
      if (!(e instanceof DirectoryError)) throw e;
      const code = e.code === 'GRAPH_FORBIDDEN' ? 'ROLES_FORBIDDEN' : 'ROLES_UNKNOWN';
      throw new DirectoryError(code, `roles of the tenant unreadable (${e.code}): ${e.message}`, e.status, e.graphCode, e.requestId);
    }
  }

  forget(userId: string): void {
    this.callers.delete(userId);
  }

  private async read(userId: string, eligibility: boolean): Promise<Privileges> {
    try {
      return await this.directory.getPrivileges(userId, { eligibility });
    } catch (e) {
      if (!(e instanceof DirectoryError)) throw e;
      const code = e.code === 'GRAPH_FORBIDDEN' ? 'ROLES_FORBIDDEN' : 'ROLES_UNKNOWN';
      throw new DirectoryError(code, `roles of ${userId} unreadable (${e.code}): ${e.message}`, e.status, e.graphCode, e.requestId);
    }
  }
}
