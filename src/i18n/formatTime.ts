import type { Language } from '../language/request';

/** The Intl locale whose day and month names each reply language uses. */
const LOCALE: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL' };

const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang} ${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    formats.set(key, f);
  }
  return f;
}

/**
 * A moment for people: "5 Dec 2026, 14:03" / "5 dec 2026 14:03" in the reader's time zone (the Teams client's
 * `localTimezone`), or in UTC saying so ("5 Dec 2026, 13:03 UTC") when their zone is not known — a notice to someone
 * else, a card seen by several people. The audit keeps UTC ISO 8601; this is only how a time is shown.
 */
export function formatTime(iso: string, lang: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = format(lang, timeZone ?? 'UTC').formatToParts(date);
  } catch {
    // A zone the runtime does not know (callers validate, but a stored one may be from another runtime): UTC.
    return formatTime(iso, lang);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // Built from parts, not Intl's own pattern: its punctuation differs between ICU versions.
  const day = `${part('day')} ${part('month').replace(/\.$/, '')} ${part('year')}`;
  const clock = `${part('hour')}:${part('minute')}`;
  const text = lang === 'nl' ? `${day} ${clock}` : `${day}, ${clock}`;
  return timeZone ? text : `${text} UTC`;
}
