import type { DaySpec, When } from '../language/when';

/** A day without a time runs at the start of the working day; an effective date ("per 1 maart") from midnight. */
const DEFAULT_HOUR = 9;
const MAX_AHEAD_MS = 366 * 24 * 3_600_000;

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;

/** Why a time expression cannot be scheduled: it names no real day, it is past, or it is more than a year ahead. */
export type WhenProblem = 'invalidDate' | 'inPast' | 'tooFar';

/**
 * The moment `when` names for someone in `timeZone` (IANA), as seen at `now`; or why it cannot be scheduled.
 * Wall-clock times are taken in the zone (daylight saving included), using the runtime's Intl data.
 */
export function resolveWhen(when: When, now: Date, timeZone: string): { at: Date } | { problem: WhenProblem } {
  const at = when.kind === 'in' ? new Date(now.getTime() + when.amount * UNIT_MS[when.unit]) : wallClock(when, now, timeZone);
  if (!at) return { problem: 'invalidDate' };
  if (at.getTime() <= now.getTime()) return { problem: 'inPast' };
  if (at.getTime() - now.getTime() > MAX_AHEAD_MS) return { problem: 'tooFar' };
  return { at };
}

function wallClock(when: Extract<When, { kind: 'at' }>, now: Date, zone: string): Date | null {
  const today = zonedParts(now, zone);
  const hour = when.time?.hour ?? (when.startOfDay ? 0 : DEFAULT_HOUR);
  const minute = when.time?.minute ?? 0;
  const day = dayOf(when.day, today, now, zone, hour, minute);
  if (!day) return null;
  return fromZoned(day.year, day.month, day.day, hour, minute, zone);
}

interface CalendarDay { year: number; month: number; day: number }

function dayOf(spec: DaySpec, today: ZonedParts, now: Date, zone: string, hour: number, minute: number): CalendarDay | null {
  const plus = (n: number): CalendarDay => {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + n));
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  };
  switch (spec.kind) {
    case 'today':
      return plus(0);
    case 'tomorrow':
      return plus(1);
    case 'dayAfterTomorrow':
      return plus(2);
    case 'weekday': {
      // The next such day whose time is still ahead: "friday at 17:00" said on a Friday morning is today.
      const ahead = (spec.weekday - today.weekday + 7) % 7;
      const candidate = plus(ahead);
      const passed = fromZoned(candidate.year, candidate.month, candidate.day, hour, minute, zone).getTime() <= now.getTime();
      return passed ? plus(ahead + 7) : candidate;
    }
    case 'date': {
      const valid = (y: number) => new Date(Date.UTC(y, spec.month - 1, spec.day)).getUTCDate() === spec.day;
      if (spec.year !== undefined) return valid(spec.year) ? { year: spec.year, month: spec.month, day: spec.day } : null;
      // No year: the next time that date comes (1 January said in December is next year's).
      for (const year of [today.year, today.year + 1]) {
        if (!valid(year)) continue;
        if (fromZoned(year, spec.month, spec.day, hour, minute, zone).getTime() > now.getTime()) return { year, month: spec.month, day: spec.day };
      }
      return valid(today.year + 1) ? { year: today.year + 1, month: spec.month, day: spec.day } : null;
    }
  }
}

interface ZonedParts extends CalendarDay { hour: number; minute: number; weekday: number }

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The calendar day, time and weekday that `date` is in `zone`. */
export function zonedParts(date: Date, zone: string): ZonedParts {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short', hourCycle: 'h23',
    });
    formats.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour) % 24, minute: Number(parts.minute), weekday: WEEKDAY_INDEX[parts.weekday] ?? 0,
  };
}

/** The moment a wall-clock time is in `zone`; a time that a spring-forward skips is taken an hour later. */
export function fromZoned(year: number, month: number, day: number, hour: number, minute: number, zone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted;
  // Two corrections settle every zone: the offset at the guess, then at the corrected guess.
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), zone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** Whether the runtime knows `zone` as an IANA time zone. */
export function isKnownZone(zone: string): boolean {
  try {
    zonedParts(new Date(0), zone);
    return true;
  } catch {
    return false;
  }
}
