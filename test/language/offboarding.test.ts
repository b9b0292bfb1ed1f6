import { contractRequest, parse } from '../../src/language';
import type { Request } from '../../src/language/request';
import type { When } from '../../src/language/when';

const FRIDAY: When = { kind: 'at', day: { kind: 'weekday', weekday: 5 }, time: null };
const MONDAY: When = { kind: 'at', day: { kind: 'weekday', weekday: 1 }, time: null };
/** "per 1 maart", "as of 1 March": from the start of that day. */
const PER_1_MARCH: When = { kind: 'at', day: { kind: 'date', day: 1, month: 3 }, time: null, startOfDay: true };
/** "on 1 March": that day. */
const ON_1_MARCH: When = { kind: 'at', day: { kind: 'date', day: 1, month: 3 }, time: null };
const TOMORROW_9: When = { kind: 'at', day: { kind: 'tomorrow' }, time: { hour: 9, minute: 0 } };

/** text, locale, target, when (undefined: none), forwardTo (undefined: none) */
type Row = [string, string, string, When | undefined, string | undefined];

const ENGLISH: Row[] = [
  ['offboard Noah Peeters', 'en-US', 'Noah Peeters', undefined, undefined],
  ['offboard Noah on Friday', 'en-US', 'Noah', FRIDAY, undefined],
  ['offboard Noah tomorrow at 9', 'en-US', 'Noah', TOMORROW_9, undefined],
  ['Offboard noah.peeters@contoso.com', 'en-US', 'noah.peeters@contoso.com', undefined, undefined],
  ['please offboard Noah Peeters', 'en-US', 'Noah Peeters', undefined, undefined],
  ['start offboarding for Noah', 'en-US', 'Noah', undefined, undefined],
  ['start the offboarding of Noah Peeters on 1 March', 'en-US', 'Noah Peeters', ON_1_MARCH, undefined],
  ['offboarding Noah per 1 maart', 'en-US', 'Noah', PER_1_MARCH, undefined],
  ['Noah leaves on Friday', 'en-US', 'Noah', FRIDAY, undefined],
  ['Noah is leaving on 1 March', 'en-US', 'Noah', ON_1_MARCH, undefined],
  ['Noah is leaving the company', 'en-US', 'Noah', undefined, undefined],
  ["Noah's last day is Friday", 'en-US', 'Noah', FRIDAY, undefined],
  ["Noah's last day is 1 March", 'en-US', 'Noah', ON_1_MARCH, undefined],
  ['the last day of Noah Peeters is on Monday', 'en-US', 'Noah Peeters', MONDAY, undefined],
  ['Noah left the company', 'en-US', 'Noah', undefined, undefined],
  ['Noah Peeters has left the company', 'en-US', 'Noah Peeters', undefined, undefined],
  ["remove Noah's access, he is leaving", 'en-US', 'Noah', undefined, undefined],
  ['offboard Noah and forward his mail to Lars', 'en-US', 'Noah', undefined, 'Lars'],
  ['offboard Noah and forward email to lars@contoso.com', 'en-US', 'Noah', undefined, 'lars@contoso.com'],
  ['offboard Noah on Friday and forward his mail to Lars Nilsson', 'en-US', 'Noah', FRIDAY, 'Lars Nilsson'],
  ['offboard Noah and forward his mail to Lars on Friday', 'en-US', 'Noah', FRIDAY, 'Lars'],
  ['Noah leaves on Friday, forward her emails to me', 'en-US', 'Noah', FRIDAY, 'me'],
  ['offboard Noah and have his mail forwarded to Lars', 'en-US', 'Noah', undefined, 'Lars'],
  ['offboard Noah with mail forwarding to Lars please', 'en-US', 'Noah', undefined, 'Lars'],
];

const DUTCH: Row[] = [
  ['uitdiensttreding van Noah per 1 maart', 'nl-NL', 'Noah', PER_1_MARCH, undefined],
  ['Noah gaat uit dienst op vrijdag', 'nl-NL', 'Noah', FRIDAY, undefined],
  ['Noah gaat per 1 maart uit dienst', 'nl-NL', 'Noah', PER_1_MARCH, undefined],
  ['Noah Peeters gaat vrijdag uit dienst', 'nl-NL', 'Noah Peeters', FRIDAY, undefined],
  ['Noah vertrekt per 1 maart', 'nl-NL', 'Noah', PER_1_MARCH, undefined],
  ['offboard Noah', 'nl-NL', 'Noah', undefined, undefined],
  ['Noah uit dienst melden', 'nl-NL', 'Noah', undefined, undefined],
  ['meld Noah Peeters uit dienst per 1 maart', 'nl-NL', 'Noah Peeters', PER_1_MARCH, undefined],
  ['zet uitdiensttreding van Noah in gang', 'nl-NL', 'Noah', undefined, undefined],
  ['start de offboarding van Noah', 'nl-NL', 'Noah', undefined, undefined],
  ['de laatste werkdag van Noah is 1 maart', 'nl-NL', 'Noah', ON_1_MARCH, undefined],
  ['Noah zijn laatste werkdag is vrijdag', 'nl-NL', 'Noah', FRIDAY, undefined],
  ['Noah heeft het bedrijf verlaten', 'nl-NL', 'Noah', undefined, undefined],
  ['offboard Noah en stuur zijn mail door naar Lars', 'nl-NL', 'Noah', undefined, 'Lars'],
  ['uitdiensttreding van Noah per 1 maart en stuur zijn mail door naar lars@contoso.com', 'nl-NL', 'Noah', PER_1_MARCH, 'lars@contoso.com'],
  ['Noah gaat uit dienst, zijn mail doorsturen naar Lars', 'nl-NL', 'Noah', undefined, 'Lars'],
];

describe('offboarding', () => {
  it.each([...ENGLISH, ...DUTCH])('%s', (text, locale, target, when, forwardTo) => {
    const got = parse(text, locale);
    expect(got).toMatchObject({ intent: 'offboard', target, changes: [], object: null });
    expect(got.when).toEqual(when);
    expect(got.forwardTo).toBe(forwardTo);
    expect(got.targets).toBeUndefined();
  });

  it('answers in the language the request is written in', () => {
    expect(parse('Noah gaat uit dienst op vrijdag', 'en-US').language).toBe('nl');
    expect(parse('offboard Noah en stuur zijn mail door naar Lars', 'en-US').language).toBe('nl');
    expect(parse('Noah is leaving the company', 'nl-NL').language).toBe('en');
  });
});

describe('what stays what it was', () => {
  const cases: [string, Partial<Request>][] = [
    ['block Noah', { intent: 'change', target: 'Noah', changes: [{ property: 'accountEnabled', value: false }] }],
    ['blokkeer Noah', { intent: 'change', target: 'Noah', changes: [{ property: 'accountEnabled', value: false }] }],
    ['Priya will report to Lars from Monday', {
      intent: 'change', target: 'Priya', changes: [{ property: 'manager', value: 'Lars' }], when: MONDAY,
    }],
    ['Kenji left the company, please block his account', {
      intent: 'change', target: 'Kenji', changes: [{ property: 'accountEnabled', value: false }],
    }],
    ["Please disable Pieter Bakker's account, he left the company", {
      intent: 'change', target: 'Pieter Bakker', changes: [{ property: 'accountEnabled', value: false }],
    }],
    ['blokkeer Sanne de Boer, ze is uit dienst', {
      intent: 'change', target: 'Sanne de Boer', changes: [{ property: 'accountEnabled', value: false }],
    }],
    ['Noah should leave the Sales group', { intent: 'removeFromGroup', target: 'Noah', object: 'Sales' }],
    ['remove Noah from Field Engineers', { intent: 'removeFromGroup', target: 'Noah', object: 'Field Engineers' }],
    ['Kenji is back from leave, enable his account', {
      intent: 'change', target: 'Kenji', changes: [{ property: 'accountEnabled', value: true }],
    }],
    ['set the title of Noah to Leaver Coordinator', {
      intent: 'change', target: 'Noah', changes: [{ property: 'jobTitle', value: 'Leaver Coordinator' }],
    }],
  ];
  it.each(cases)('%s', (text, expected) => {
    const got = parse(text);
    expect(got).toMatchObject(expected);
    expect(got.forwardTo).toBeUndefined();
    if (!expected.when) expect(got.when).toBeUndefined();
  });

  it('forwards mail only for an offboarding: "block Noah and forward his mail to Lars" is no offboarding', () => {
    const got = parse('block Noah and forward his mail to Lars');
    expect(got.intent).not.toBe('offboard');
    expect(got.forwardTo).toBeUndefined();
  });

  it('does not take a pronoun for the person mail goes to', () => {
    expect(parse('offboard Noah and forward his mail to him').forwardTo).toBeUndefined();
  });
});

describe('the contract output of an offboarding', () => {
  it('prints intent offboard and the target, and forwardTo only when asked', () => {
    expect(contractRequest(parse('offboard Noah Peeters'))).toEqual({
      intent: 'offboard', target: 'Noah Peeters', changes: [], object: null, language: 'en',
    });
    expect(contractRequest(parse('offboard Noah and forward his mail to Lars'))).toEqual({
      intent: 'offboard', target: 'Noah', changes: [], object: null, language: 'en', forwardTo: 'Lars',
    });
  });
});
