import type { TenantState } from './tenantState';

/*
 * Entra Connect synchronizes every 30 minutes; a demo left running for an afternoon must not watch every synced
 * account turn "stale" (the bot warns after 3 hours). With a cycle set, the emulator catches up before it answers:
 * the tenant's last sync moves to the latest cycle, and so does every synced account that was synced with the
 * previous one (or by a simulated sync since, `POST /_simulate/sync`). An account already behind (the stale example, a
 * sync conflict written with its own time) stays behind, as on a real server where that object is not exported.
 */

const MINUTE_MS = 60_000;

/** Runs the cycles due by `now`; returns whether anything moved. */
export function runSyncCycles(state: TenantState, now: Date, everyMinutes: number): boolean {
  const previous = state.organization.onPremisesLastSyncDateTime;
  if (state.organization.onPremisesSyncEnabled !== true || typeof previous !== 'string') return false;
  const last = Date.parse(previous);
  const period = everyMinutes * MINUTE_MS;
  const due = Math.floor((now.getTime() - last) / period);
  if (!Number.isFinite(due) || due < 1) return false;
  const nextAt = last + due * period;
  const next = new Date(nextAt).toISOString().replace('.000Z', 'Z');
  for (const user of state.allUsers()) {
    // Synced with the previous cycle, or by a simulated sync since (routes/simulateSync.ts): up to date, so it moves on.
    const at = typeof user.onPremisesLastSyncDateTime === 'string' ? Date.parse(user.onPremisesLastSyncDateTime) : NaN;
    if (user.onPremisesSyncEnabled === true && at >= last && at < nextAt) {
      state.updateUser(user, { onPremisesLastSyncDateTime: next });
    }
  }
  state.organization.onPremisesLastSyncDateTime = next;
  return true;
}
