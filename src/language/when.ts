/**
 * A time expression at the end of a request ("… tomorrow at 9", "… in 10 minutes", "… vrijdag om 17:00",
 * "… per 1 maart"), split off so that the rest parses as before. Pure: it says what was written (a wall-clock day
 * and time, or an amount from now); src/schedules/resolveWhen.ts turns that into a moment in the caller's zone.
 */

/** A time of day as written ("9", "17:00", "5pm", "9 uur"). */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** Which day a request names. Month 1–12; weekday 0 = Sunday … 6 = Saturday. */
export type DaySpec =
  | { kind: 'today' }
  | { kind: 'tomorrow' }
  | { kind: 'dayAfterTomorrow' }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'date'; day: number; month: number; year?: number };

/**
 * When a change is to happen: an amount from now, or a day with an optional time. A day without a time is
 * `startOfDay` for an effective date ("per 1 maart", "as of 1 March": from midnight), else the working day's start.
 */
export type When =
  | { kind: 'in'; amount: number; unit: 'minute' | 'hour' | 'day' | 'week' }
  | { kind: 'at'; day: DaySpec; time: TimeOfDay | null; startOfDay?: boolean };

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, januari: 1, february: 2, feb: 2, februari: 2, march: 3, mar: 3, maart: 3, mrt: 3, april: 4, apr: 4,
  may: 5, mei: 5, june: 6, jun: 6, juni: 6, july: 7, jul: 7, juli: 7, august: 8, aug: 8, augustus: 8, september: 9, sep: 9, sept: 9,
  october: 10, oct: 10, oktober: 10, okt: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  zondag: 0, maandag: 1, dinsdag: 2, woensdag: 3, donderdag: 4, vrijdag: 5, zaterdag: 6,
};
const UNITS: Record<string, 'minute' | 'hour' | 'day' | 'week'> = {
  minute: 'minute', minutes: 'minute', min: 'minute', mins: 'minute', minuut: 'minute', minuten: 'minute',
  hour: 'hour', hours: 'hour', uur: 'hour', uren: 'hour', day: 'day', days: 'day', dag: 'day', dagen: 'day',
  week: 'week', weeks: 'week', weken: 'week',
};

const alt = (words: Iterable<string>) => [...words].sort((a, b) => b.length - a.length).join('|');
const MONTH = `(${alt(Object.keys(MONTHS))})\\.?`;
const WEEKDAY = `(${alt(Object.keys(WEEKDAYS))})`;
const TIME = String.raw`(?:\s+(?:at|om|@)\s+(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|uur|u|h|o'clock)?)`;
const DATE_PREFIX = String.raw`(on|op|per|from|as\s+of|vanaf|met\s+ingang\s+van|m\.i\.v\.)`;

/** Each shape, anchored at the end; the first group of each is where the expression starts. */
const SHAPES: { re: RegExp; build: (m: RegExpExecArray) => When | null }[] = [
  {
    re: new RegExp(String.raw`\s(?:in|over)\s+(\d{1,4}|an?|een)\s+(${alt(Object.keys(UNITS))})$`, 'i'),
    build: (m) => ({ kind: 'in', amount: /^\d/.test(m[1]) ? Number(m[1]) : 1, unit: UNITS[m[2].toLowerCase()] }),
  },
  {
    re: new RegExp(String.raw`\s(today|vandaag|tonight|vanavond|tomorrow|morgen|overmorgen|the\s+day\s+after\s+tomorrow)${TIME}?$`, 'i'),
    build: (m) => evening(m[1], at(relativeDay(m[1]), m, 2)),
  },
  {
    re: new RegExp(String.raw`\s(?:(?:on|op|from|starting|as\s+of|vanaf|per|met\s+ingang\s+van)\s+)?(?:(?:next|this|coming|volgende|aanstaande|komende)\s+)?${WEEKDAY}${TIME}?$`, 'i'),
    build: (m) => at({ kind: 'weekday', weekday: WEEKDAYS[m[1].toLowerCase()] }, m, 2),
  },
  {
    re: new RegExp(String.raw`\s${DATE_PREFIX}\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th|e)?\s+(?:of\s+)?${MONTH}(?:\s+(\d{4}))?${TIME}?$`, 'i'),
    build: (m) => date(Number(m[2]), MONTHS[m[3].toLowerCase()], m[4], m, 5),
  },
  {
    re: new RegExp(String.raw`\s${DATE_PREFIX}\s+${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?${TIME}?$`, 'i'),
    build: (m) => date(Number(m[3]), MONTHS[m[2].toLowerCase()], m[4], m, 5),
  },
  {
    // "per 1-3-2027", "on 1/3": day first, as both languages' Teams users in Europe write it.
    re: new RegExp(String.raw`\s${DATE_PREFIX}\s+(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}))?${TIME}?$`, 'i'),
    build: (m) => date(Number(m[2]), Number(m[3]), m[4], m, 5),
  },
  {
    // A time alone: today ("… at 17:00", "… om 9 uur").
    re: new RegExp(String.raw`${TIME}$`, 'i'),
    build: (m) => at({ kind: 'today' }, m, 1),
  },
];

/** "tonight", "vanavond": 20:00 when no time is given, and "tonight at 9" is 21:00 — never the working day's 09:00. */
function evening(word: string, when: When | null): When | null {
  if (!when || when.kind !== 'at' || !/^(tonight|vanavond)$/i.test(word)) return when;
  const time = when.time ?? { hour: 20, minute: 0 };
  return { ...when, time: time.hour < 12 ? { ...time, hour: time.hour + 12 } : time };
}

function relativeDay(word: string): DaySpec {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (w === 'tomorrow' || w === 'morgen') return { kind: 'tomorrow' };
  if (w === 'overmorgen' || w === 'the day after tomorrow') return { kind: 'dayAfterTomorrow' };
  return { kind: 'today' };
}

function date(day: number, month: number, year: string | undefined, m: RegExpExecArray, timeAt: number): When | null {
  if (!month || month > 12 || day < 1 || day > 31) return null;
  const prefix = m[1].toLowerCase();
  const effective = prefix !== 'on' && prefix !== 'op';
  return at({ kind: 'date', day, month, ...(year ? { year: Number(year) } : {}) }, m, timeAt, effective);
}

function at(day: DaySpec, m: RegExpExecArray, timeAt: number, startOfDay = false): When | null {
  const time = timeOf(m[timeAt], m[timeAt + 1], m[timeAt + 2]);
  if (time === 'invalid') return null;
  return { kind: 'at', day, time, ...(startOfDay && !time ? { startOfDay: true } : {}) };
}

function timeOf(h: string | undefined, min: string | undefined, suffix: string | undefined): TimeOfDay | null | 'invalid' {
  if (h === undefined) return null;
  let hour = Number(h);
  const minute = min ? Number(min) : 0;
  const s = (suffix ?? '').toLowerCase().replace(/\./g, '');
  if (s === 'am' || s === 'pm') {
    if (hour < 1 || hour > 12) return 'invalid';
    hour = (hour % 12) + (s === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return 'invalid';
  return { hour, minute };
}

/**
 * The request without its closing time expression, and that expression; null when the text ends in none.
 * Only the end is looked at: a value in the middle ("… to Team 9 in Sales") is never taken for a time.
 */
export function splitWhen(text: string): { text: string; when: When } | null {
  const trimmed = text.replace(/[\s.!?]+$/u, '');
  for (const shape of SHAPES) {
    const m = shape.re.exec(trimmed);
    if (!m) continue;
    const when = shape.build(m);
    if (!when) return null;
    const rest = trimmed.slice(0, m.index).trimEnd();
    return rest ? { text: rest, when } : null;
  }
  return null;
}
