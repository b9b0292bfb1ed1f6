import type { TenantState } from './tenantState';

/*
 * Entra Connect synchronizes every 30 minutes; a demo left running for an afternoon must not watch every synced
 * account turn "stale" (the bot warns after 3 hours). With a cycle set, the emulator catches up before it answers:
 * the tenant's last sync moves to the latest cycle, and so does every synced account that was synced with the
 * previous one. An account already behind (the stale example, a sync conflict written with its own time) stays
 * behind, as on a real server where that object is not exported.
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
  const next = new Date(last + due * period).toISOString().replace('.000Z', 'Z');
  for (const user of state.allUsers()) {
    if (user.onPremisesSyncEnabled === true && user.onPremisesLastSyncDateTime === previous) {
      state.updateUser(user, { onPremisesLastSyncDateTime: next });
    }
  }
  state.organization.onPremisesLastSyncDateTime = next;
  return true;
}
