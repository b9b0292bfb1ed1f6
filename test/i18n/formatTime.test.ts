import { formatTime } from '../../src/i18n/formatTime';

describe('formatTime', () => {
  it.each([
    ['2026-12-05T13:03:00Z', 'en', 'Europe/Amsterdam', '5 Dec 2026, 14:03'],
    ['2026-12-05T13:03:00Z', 'nl', 'Europe/Amsterdam', '5 dec 2026 14:03'],
    // Summer time: two hours ahead of UTC.
    ['2026-07-01T08:30:00Z', 'nl', 'Europe/Amsterdam', '1 jul 2026 10:30'],
    // The date moves with the zone.
    ['2026-12-05T23:30:00Z', 'en', 'Asia/Tokyo', '6 Dec 2026, 08:30'],
    ['2026-12-05T13:03:59.999Z', 'en', undefined, '5 Dec 2026, 13:03 UTC'],
    ['2026-03-05T00:00:00Z', 'nl', undefined, '5 mrt 2026 00:00 UTC'],
  ] as const)('%s in %s, %s → %s', (iso, lang, zone, expected) => {
    expect(formatTime(iso, lang, zone)).toBe(expected);
  });

  it('a zone the runtime does not know falls back to UTC, saying so', () => {
    expect(formatTime('2026-12-05T13:03:00Z', 'en', 'Mars/Olympus')).toBe('5 Dec 2026, 13:03 UTC');
  });

  it('leaves a value that is no time as it is', () => {
    expect(formatTime('not a time', 'en', 'Europe/Amsterdam')).toBe('not a time');
  });
});
