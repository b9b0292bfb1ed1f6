import type { TenantFixture } from './tenantFixture';

/*
 * A tenant file's dates are true only on the day they were written: a week later every synchronized account of
 * the demo tenant would read "last synced 7 days ago". A file that says `asOf` (the moment its dates describe)
 * is therefore moved to the present when it is loaded: every date-time in it shifts by the time since `asOf`,
 * so the ages the bot shows (last sync minutes ago, the stale account days ago, hires starting next week) stay
 * what the file meant. A file without `asOf` is served as written: tests that compare exact dates rely on it.
 */

/** An Edm.DateTimeOffset as Graph writes it: `2026-11-25T07:40:00Z`, optionally with fractions or an offset. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const MINUTE_MS = 60_000;

/**
 * The tenant as of `now`: when it has `asOf`, a copy with every date-time moved by whole minutes from `asOf` to
 * `now` (whole minutes keep the file's round times round) and `asOf` set to the moved moment; otherwise the same
 * object.
 */
export function tenantAsOf(fixture: TenantFixture, now: Date): TenantFixture {
  if (!fixture.asOf) return fixture;
  const shiftMs = Math.floor((now.getTime() - Date.parse(fixture.asOf)) / MINUTE_MS) * MINUTE_MS;
  return shiftDateTimes(fixture, shiftMs);
}

/** A deep copy of a JSON value with every date-time string moved by `shiftMs` (formatted as Graph does, in UTC). */
export function shiftDateTimes<T>(value: T, shiftMs: number): T {
  if (typeof value === 'string') return (DATE_TIME.test(value) ? shifted(value, shiftMs) : value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => shiftDateTimes(v, shiftMs)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = shiftDateTimes((value as Record<string, unknown>)[key], shiftMs);
  return out as T;
}

function shifted(iso: string, shiftMs: number): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const text = new Date(ms + shiftMs).toISOString();
  // Graph leaves out zero fractions ("…T07:40:00Z"); keep the file's look.
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}
