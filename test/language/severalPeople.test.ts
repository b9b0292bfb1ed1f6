import { contractRequest, parse } from '../../src/language';
import { MAX_LIST_INPUT_LENGTH } from '../../src/language/parse';
import type { Intent, Request } from '../../src/language/request';
import { MAX_TARGETS } from '../../src/language/severalPeople';

/** text, locale, intent, target as written, targets, what else must hold */
type Row = [string, string, Intent, string, string[], Partial<Request>?];

const ENGLISH: Row[] = [
  ['set the department of Anna de Vries, Bob Jansen and Carl Smit to Operations', 'en-US', 'change',
    'Anna de Vries, Bob Jansen and Carl Smit', ['Anna de Vries', 'Bob Jansen', 'Carl Smit'],
    { changes: [{ property: 'department', value: 'Operations' }] }],
  ['set department to Operations for Anna, Bob and Carl', 'en-US', 'change', 'Anna, Bob and Carl', ['Anna', 'Bob', 'Carl'],
    { changes: [{ property: 'department', value: 'Operations' }] }],
  ['change the title of Anna and Bob to Engineer', 'en-US', 'change', 'Anna and Bob', ['Anna', 'Bob'],
    { changes: [{ property: 'jobTitle', value: 'Engineer' }] }],
  ["set Anna and Bob's title to Engineer", 'en-US', 'change', 'Anna and Bob', ['Anna', 'Bob'],
    { changes: [{ property: 'jobTitle', value: 'Engineer' }] }],
  ['block A, B and C', 'en-US', 'change', 'A, B and C', ['A', 'B', 'C'],
    { changes: [{ property: 'accountEnabled', value: false }] }],
  ['Block Anna, Bob, and Carl', 'en-US', 'change', 'Anna, Bob, and Carl', ['Anna', 'Bob', 'Carl'],
    { changes: [{ property: 'accountEnabled', value: false }] }],
  ['unblock Anna & Bob', 'en-US', 'change', 'Anna & Bob', ['Anna', 'Bob'],
    { changes: [{ property: 'accountEnabled', value: true }] }],
  ['add Anna, Bob and Carl to Sales Team', 'en-US', 'addToGroup', 'Anna, Bob and Carl', ['Anna', 'Bob', 'Carl'],
    { object: 'Sales Team' }],
  ['add me and Anna to Sales', 'en-US', 'addToGroup', 'me and Anna', ['me', 'Anna'], { object: 'Sales' }],
  ['remove a@contoso.com, b@contoso.com from Sales', 'en-US', 'removeFromGroup', 'a@contoso.com, b@contoso.com',
    ['a@contoso.com', 'b@contoso.com'], { object: 'Sales' }],
  ['add r&d@contoso.com & b@contoso.com to Sales', 'en-US', 'addToGroup', 'r&d@contoso.com & b@contoso.com',
    ['r&d@contoso.com', 'b@contoso.com'], { object: 'Sales' }],
  ['give Anna and Bob an E3 licence', 'en-US', 'assignLicense', 'Anna and Bob', ['Anna', 'Bob'], { object: 'E3' }],
  ['remove the E3 license from Anna and Bob', 'en-US', 'removeLicense', 'Anna and Bob', ['Anna', 'Bob'], { object: 'E3' }],
  ['sign out Anna and Bob', 'en-US', 'revokeSessions', 'Anna and Bob', ['Anna', 'Bob']],
  ['offboard Anna and Bob and forward their mail to Lars', 'en-US', 'offboard', 'Anna and Bob', ['Anna', 'Bob'],
    { forwardTo: 'Lars' }],
  ['block Anna and Bob tomorrow at 9', 'en-US', 'change', 'Anna and Bob', ['Anna', 'Bob'],
    { when: { kind: 'at', day: { kind: 'tomorrow' }, time: { hour: 9, minute: 0 } } }],
  ['Anna, Bob and Carl report to Lars from Monday', 'en-US', 'change', 'Anna, Bob and Carl', ['Anna', 'Bob', 'Carl'],
    { changes: [{ property: 'manager', value: 'Lars' }], when: { kind: 'at', day: { kind: 'weekday', weekday: 1 }, time: null } }],
  ['block Anna, anna and Bob', 'en-US', 'change', 'Anna, anna and Bob', ['Anna', 'Bob']],
  // Pasted lists: the request line, then one person a line (bullets and numbers dropped), or after a colon.
  ['set the department to Operations for:\nAnna de Vries\nBob Jansen\nCarl Smit', 'en-US', 'change',
    'Anna de Vries\nBob Jansen\nCarl Smit', ['Anna de Vries', 'Bob Jansen', 'Carl Smit'],
    { changes: [{ property: 'department', value: 'Operations' }] }],
  ['add these people to Sales Team:\nanna@contoso.com\nbob@contoso.com', 'en-US', 'addToGroup',
    'anna@contoso.com\nbob@contoso.com', ['anna@contoso.com', 'bob@contoso.com'], { object: 'Sales Team' }],
  ['block:\n- A\n- B', 'en-US', 'change', '- A\n- B', ['A', 'B'], { changes: [{ property: 'accountEnabled', value: false }] }],
  ['give an E3 licence to:\n1. Anna\n2. Bob\n3. anna\nthanks!', 'en-US', 'assignLicense', '1. Anna\n2. Bob', ['Anna', 'Bob'],
    { object: 'E3' }],
  ['sign out the following users:\n* anna@contoso.com\n* bob@contoso.com, carl@contoso.com', 'en-US', 'revokeSessions',
    '* anna@contoso.com\n* bob@contoso.com, carl@contoso.com', ['anna@contoso.com', 'bob@contoso.com', 'carl@contoso.com']],
  ['<p>add these people to Sales Team:</p><ul><li>anna@contoso.com</li><li>bob@contoso.com</li></ul>', 'en-US', 'addToGroup',
    'anna@contoso.com\nbob@contoso.com', ['anna@contoso.com', 'bob@contoso.com'], { object: 'Sales Team' }],
];

const DUTCH: Row[] = [
  ['zet de afdeling van Anna, Bob en Carl op Operations', 'nl-NL', 'change', 'Anna, Bob en Carl', ['Anna', 'Bob', 'Carl'],
    { changes: [{ property: 'department', value: 'Operations' }] }],
  ['voeg Anna, Bob en Carl toe aan Sales Team', 'nl-NL', 'addToGroup', 'Anna, Bob en Carl', ['Anna', 'Bob', 'Carl'],
    { object: 'Sales Team' }],
  ['Voeg Anna en Bob toe aan Sales', 'nl-NL', 'addToGroup', 'Anna en Bob', ['Anna', 'Bob'], { object: 'Sales' }],
  ['blokkeer A, B en C', 'nl-NL', 'change', 'A, B en C', ['A', 'B', 'C'], { changes: [{ property: 'accountEnabled', value: false }] }],
  ['verwijder Anna en Bob uit de groep Buitendienst', 'nl-NL', 'removeFromGroup', 'Anna en Bob', ['Anna', 'Bob'],
    { object: 'Buitendienst' }],
  ['wijs een E5-licentie toe aan Anna en Bob', 'nl-NL', 'assignLicense', 'Anna en Bob', ['Anna', 'Bob'], { object: 'E5' }],
  ['Noah Peeters en Lars Nilsson gaan uit dienst per 1 maart', 'nl-NL', 'offboard', 'Noah Peeters en Lars Nilsson',
    ['Noah Peeters', 'Lars Nilsson'], { when: { kind: 'at', day: { kind: 'date', day: 1, month: 3 }, time: null, startOfDay: true } }],
  ['voeg toe aan Sales Team: anna@contoso.com, bob@contoso.com', 'nl-NL', 'addToGroup', 'anna@contoso.com, bob@contoso.com',
    ['anna@contoso.com', 'bob@contoso.com'], { object: 'Sales Team' }],
  ['zet de afdeling op Operations voor:\n- Anna de Vries\n- Bob Jansen', 'nl-NL', 'change', '- Anna de Vries\n- Bob Jansen',
    ['Anna de Vries', 'Bob Jansen'], { changes: [{ property: 'department', value: 'Operations' }] }],
  ['verwijder de volgende mensen uit Sales Team:\nanna@contoso.com\nbob@contoso.com', 'nl-NL', 'removeFromGroup',
    'anna@contoso.com\nbob@contoso.com', ['anna@contoso.com', 'bob@contoso.com'], { object: 'Sales Team' }],
  ['blokkeer:\n1. Anna\n2. mij', 'nl-NL', 'change', '1. Anna\n2. mij', ['Anna', 'me']],
];

describe('several people in one request', () => {
  // A rest parameter: jest hands a callback that takes more arguments than a row has a `done` to wait for.
  it.each([...ENGLISH, ...DUTCH])('%s', (...row) => {
    const [text, locale, intent, target, targets, more] = row as Row;
    const got = parse(text, locale);
    expect(got).toMatchObject({ intent, target, targets, ...(more ?? {}) });
    expect(got.targetsTruncated).toBeUndefined();
  });
});

describe('one person stays one person', () => {
  const cases: [string, Partial<Request>][] = [
    ["set Noah's title to Head of Sales, Benelux", { intent: 'change', target: 'Noah', changes: [{ property: 'jobTitle', value: 'Head of Sales, Benelux' }] }],
    ["set Noah's department to R&D", { intent: 'change', target: 'Noah', changes: [{ property: 'department', value: 'R&D' }] }],
    ["set Omar's department to Sales and Marketing", { intent: 'change', target: 'Omar', changes: [{ property: 'department', value: 'Sales and Marketing' }] }],
    ['zet Omars afdeling op Verkoop en Marketing', { intent: 'change', target: 'Omar', changes: [{ property: 'department', value: 'Verkoop en Marketing' }] }],
    ["set Noah's department to: Sales, Marketing", { intent: 'change', target: 'Noah' }],
    ['add Noah to Sales and Marketing', { intent: 'addToGroup', target: 'Noah', object: 'Sales and Marketing' }],
    ['add Noah to R&D', { intent: 'addToGroup', target: 'Noah', object: 'R&D' }],
    ["change Omar's title to COO and his department to Operations", { intent: 'change', target: 'Omar' }],
    ['Yuki: title: CFO, department: Board', { intent: 'change', target: 'Yuki' }],
    ['user: Jan de Vries, title: CTO', { intent: 'change', target: 'Jan de Vries' }],
    ['Werk Noah Peeters bij: functie = Lead, afdeling = Sales', { intent: 'change', target: 'Noah Peeters' }],
    ['medewerker: Omar Haddad\nfunctie: Controller', { intent: 'change', target: 'Omar Haddad' }],
    ['Noah Peeters: title CTO, department Sales', { intent: 'change', target: 'Noah Peeters' }],
    ['block Anna and Anna', { intent: 'change', target: 'Anna' }],
    ['block me', { intent: 'change', target: 'me' }],
  ];
  it.each(cases)('%s', (text, expected) => {
    const got = parse(text);
    expect(got).toMatchObject(expected);
    expect(got.targets).toBeUndefined();
  });
});

describe('long lists', () => {
  it(`keeps the first ${MAX_TARGETS} people and says the list was cut`, () => {
    const people = Array.from({ length: MAX_TARGETS + 200 }, (_, i) => `user${i}@contoso.com`);
    const got = parse(`add these people to Sales Team:\n${people.join('\n')}`);
    expect(got).toMatchObject({ intent: 'addToGroup', object: 'Sales Team', targetsTruncated: true });
    expect(got.targets).toEqual(people.slice(0, MAX_TARGETS));
    expect(got.target).toBe(people.slice(0, MAX_TARGETS).join('\n'));
  });

  it('counts duplicates once towards the limit', () => {
    const people = Array.from({ length: 10 }, (_, i) => `user${i}@contoso.com`);
    const got = parse(`block:\n${[...people, ...people.map((p) => p.toUpperCase())].join('\n')}`);
    expect(got.targets).toEqual(people);
    expect(got.targetsTruncated).toBeUndefined();
  });

  it('answers a list longer than any message unknown, and a long message that is no list too', () => {
    expect(parse(`block:\n${'a@b.nl\n'.repeat(MAX_LIST_INPUT_LENGTH / 7 + 1)}`).intent).toBe('unknown');
    expect(parse(`block:\n${'set title to CTO\n'.repeat(1000)}`).intent).toBe('unknown');
  });

  it('reads a long pasted list in bounded time', () => {
    const text = `block:\n${'Anna &'.repeat(15_000)}`;
    const started = Date.now();
    parse(text);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('the contract output of several people', () => {
  it('prints target as written and an extra targets array', () => {
    expect(contractRequest(parse('block Anna, Bob and Carl'))).toEqual({
      intent: 'change', target: 'Anna, Bob and Carl', changes: [{ property: 'accountEnabled', value: false }], object: null,
      language: 'en', targets: ['Anna', 'Bob', 'Carl'],
    });
  });

  it('prints a one-person request as before', () => {
    expect(contractRequest(parse('block Anna'))).toEqual({
      intent: 'change', target: 'Anna', changes: [{ property: 'accountEnabled', value: false }], object: null, language: 'en',
    });
  });
});
