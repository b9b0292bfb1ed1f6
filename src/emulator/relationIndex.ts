/**
 * A many-to-many relation kept in both directions (group → members and member → groups), so that
 * `members`, `memberOf` and `directReports` are map look-ups rather than scans of the whole tenant.
 * Keys are lower-cased ids: Graph compares object ids case-insensitively.
 */
export class RelationIndex {
  private readonly forward = new Map<string, Set<string>>();
  private readonly backward = new Map<string, Set<string>>();

  add(from: string, to: string): boolean {
    const f = from.toLowerCase();
    const t = to.toLowerCase();
    const targets = this.forward.get(f) ?? new Set<string>();
    if (targets.has(t)) return false;
    targets.add(t);
    this.forward.set(f, targets);
    const sources = this.backward.get(t) ?? new Set<string>();
    sources.add(f);
    this.backward.set(t, sources);
    return true;
  }

  remove(from: string, to: string): boolean {
    const f = from.toLowerCase();
    const t = to.toLowerCase();
    const targets = this.forward.get(f);
    if (!targets?.delete(t)) return false;
    this.backward.get(t)?.delete(f);
    return true;
  }

  has(from: string, to: string): boolean {
    return this.forward.get(from.toLowerCase())?.has(to.toLowerCase()) ?? false;
  }

  /** Ids related from `from` (e.g. the members of a group), in insertion order. */
  targetsOf(from: string): string[] {
    return [...(this.forward.get(from.toLowerCase()) ?? [])];
  }

  /** Ids related to `to` (e.g. the groups a user is a member of), in insertion order. */
  sourcesOf(to: string): string[] {
    return [...(this.backward.get(to.toLowerCase()) ?? [])];
  }
}
