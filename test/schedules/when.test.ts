import { parse } from '../../src/language/parse';
import { splitWhen } from '../../src/language/when';
import { fromZoned, resolveWhen } from '../../src/schedules/resolveWhen';

// Saturday 5 December 2026, 12:00 UTC = 13:00 in Amsterdam (CET, UTC+1).
const NOW = new Date('2026-12-05T12:00:00Z');
const AMS = 'Europe/Amsterdam';

describe('a time expression at the end of a request', () => {
  it.each([
    ["set Noah's department to Platform tomorrow at 9", "set Noah's department to Platform", '2026-12-06T08:00:00.000Z'],
    ['block Noah in 10 minutes', 'block Noah', '2026-12-05T12:10:00.000Z'],
    ['block Noah in an hour', 'block Noah', '2026-12-05T13:00:00.000Z'],
    ['blokkeer Pieter Bakker vrijdag om 17:00', 'blokkeer Pieter Bakker', '2026-12-11T16:00:00.000Z'],
    ['blokkeer Noah morgen om 9 uur', 'blokkeer Noah', '2026-12-06T08:00:00.000Z'],
    ['wijzig de afdeling van Noah in Verkoop per 1 maart', 'wijzig de afdeling van Noah in Verkoop', '2027-02-28T23:00:00.000Z'],
    ['block Fatima on 1 January', 'block Fatima', '2027-01-01T08:00:00.000Z'],
    ['block Fatima on January 1 at 5pm', 'block Fatima', '2027-01-01T16:00:00.000Z'],
    ['block Fatima on 1 June 2027 at 9:30', 'block Fatima', '2027-06-01T07:30:00.000Z'], // summer time: UTC+2
    ['block Fatima on Monday', 'block Fatima', '2026-12-07T08:00:00.000Z'],
    ['block Fatima at 17:00.', 'block Fatima', '2026-12-05T16:00:00.000Z'],
    ['blokkeer Noah over 2 uur', 'blokkeer Noah', '2026-12-05T14:00:00.000Z'],
    ['block Noah tonight', 'block Noah', '2026-12-05T19:00:00.000Z'],
    ['blokkeer Noah vanavond om 9', 'blokkeer Noah', '2026-12-05T20:00:00.000Z'],
    ['blokkeer Noah per 1-3-2027', 'blokkeer Noah', '2027-02-28T23:00:00.000Z'],
  ])('%s', (input, rest, at) => {
    const split = splitWhen(input);
    expect(split?.text).toBe(rest);
    const resolved = resolveWhen(split!.when, NOW, AMS);
    expect('at' in resolved && resolved.at.toISOString()).toBe(at);
  });

  it.each([
    'set the title of Noah to Head of Data', 'block Noah', 'set the office of Noah to Building 9', 'show Tom', 'in 10 minutes',
  ])('%s: no time', (input) => {
    expect(splitWhen(input)).toBeNull();
  });

  it.each([
    ['block Noah today at 9', 'inPast'],
    ['block Noah on 1 January 2020', 'inPast'],
    ['block Noah in 400 days', 'tooFar'],
    ['block Noah on 1 January 2029', 'tooFar'],
    ['block Noah on 31 February 2027', 'invalidDate'],
  ])('%s is refused: %s', (input, problem) => {
    expect(resolveWhen(splitWhen(input)!.when, NOW, AMS)).toEqual({ problem });
  });

  it('is in UTC when the zone is not known', () => {
    const resolved = resolveWhen(splitWhen('block Noah tomorrow at 9')!.when, NOW, 'UTC');
    expect('at' in resolved && resolved.at.toISOString()).toBe('2026-12-06T09:00:00.000Z');
  });

  it('takes daylight saving into account', () => {
    expect(fromZoned(2027, 3, 28, 12, 0, AMS).toISOString()).toBe('2027-03-28T10:00:00.000Z');
    expect(fromZoned(2027, 3, 27, 12, 0, AMS).toISOString()).toBe('2027-03-27T11:00:00.000Z');
    expect(fromZoned(2027, 1, 1, 9, 0, 'America/New_York').toISOString()).toBe('2027-01-01T14:00:00.000Z');
  });

  it('the parser carries it on a change, and leaves other requests alone', () => {
    const request = parse("set Noah's department to Platform tomorrow at 9");
    expect(request).toMatchObject({ intent: 'change', target: 'Noah', changes: [{ property: 'department', value: 'Platform' }] });
    expect(request.when).toEqual({ kind: 'at', day: { kind: 'tomorrow' }, time: { hour: 9, minute: 0 } });
    expect(parse('blokkeer Pieter Bakker vrijdag om 17:00')).toMatchObject({ intent: 'change', target: 'Pieter Bakker', language: 'nl', when: { kind: 'at' } });
    expect(parse('show Noah').when).toBeUndefined();
    expect(parse('scheduled changes').intent).toBe('scheduledChanges');
    expect(parse('geplande wijzigingen').intent).toBe('scheduledChanges');
  });
});
