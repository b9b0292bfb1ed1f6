import { systemClock, type Clock } from '../clock';
import type { Directory, DirectoryRole } from '../directory/directory';

/**
 * Directory roles of a user, cached for at most `maxAgeMs` (5 minutes by default): a revoked role
 * stops working within that time, and a turn does not pay a Graph round trip for it.
 */
export class RoleCache {
  private readonly entries = new Map<string, { at: number; roles: DirectoryRole[] }>();
  private readonly upns = new Map<string, { at: number; upn: string }>();

  constructor(
    private readonly directory: Directory,
    private readonly clock: Clock = systemClock,
    private readonly maxAgeMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  async roles(userId: string): Promise<DirectoryRole[]> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(userId);
    if (hit && now - hit.at < this.maxAgeMs) return hit.roles;
    const { roles } = await this.directory.getMemberships(userId);
    // Bounded: the oldest entry goes first (Map keeps insertion order).
    this.entries.delete(userId);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(userId, { at: now, roles });
    return roles;
  }

  /** The user's sign-in name, for audit records; cached like the roles. */
  async userPrincipalName(userId: string): Promise<string> {
    const now = this.clock.now().getTime();
    const hit = this.upns.get(userId);
    if (hit && now - hit.at < this.maxAgeMs) return hit.upn;
    const account = await this.directory.getAccount(userId);
    const upn = account?.userPrincipalName ?? userId;
    if (this.upns.size >= this.maxEntries) this.upns.delete(this.upns.keys().next().value!);
    this.upns.set(userId, { at: now, upn });
    return upn;
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }
}
