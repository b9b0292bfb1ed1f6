import { MAX_LENGTH, validateValue } from '../../src/changes/validateValue';
import type { ChangeableProperty } from '../../src/language/request';

describe('validateValue', () => {
  it.each([
    ['mobilePhone', '06 98765432', 'NL', '+31 6 98765432'],
    ['businessPhones', '+31 20 555 1234', null, '+31 20 555 1234'],
    ['mobilePhone', '+81 90 1234 5678', 'NL', '+81 90 1234 5678'],
    ['usageLocation', 'jp', null, 'JP'],
    ['usageLocation', 'Nederland', null, 'NL'],
    ['usageLocation', 'Netherlands', null, 'NL'],
    ['country', 'Portugal', null, 'Portugal'],
    ['country', 'Duitsland', null, 'Germany'],
    ['country', 'the Netherlands', null, 'Netherlands'],
    ['country', 'curacao', null, 'Curaçao'],
    ['usageLocation', 'UNITED  STATES', null, 'US'],
    ['usageLocation', 'Verenigde Staten', null, 'US'],
    ['usageLocation', 'USA', null, 'US'],
    ['preferredLanguage', 'nl-nl', null, 'nl-NL'],
    ['jobTitle', '  Director,  Research & Development ', null, 'Director, Research & Development'],
    ['mobilePhone', null, null, null],
  ] as const)('%s %j → %j', (property, raw, country, value) => {
    const r = validateValue(property, raw, { defaultCountry: country });
    expect(r).toMatchObject({ ok: true, change: { value } });
  });

  it('keeps the AD codes of a country', () => {
    expect(validateValue('country', 'NL')).toMatchObject({ ok: true, change: { codes: { alpha2: 'NL', name: 'Netherlands', numeric: 528 } } });
  });

  it.each([
    ['jobTitle', 'x'.repeat(129), 'tooLong'],
    ['department', 'y'.repeat(65), 'tooLong'],
    ['employeeId', '12345678901234567', 'tooLong'],
    ['jobTitle', 'Head\u202Eof Data', 'forbiddenCharacters'],
    ['jobTitle', 'Head\u200Bof Data', 'forbiddenCharacters'],
    ['department', 'Sales\nIT', 'forbiddenCharacters'],
    ['mobilePhone', '12', 'phone'],
    ['mobilePhone', 'call me', 'phone'],
    ['usageLocation', 'Atlantis', 'usageLocation'],
    ['country', 'Narnia', 'country'],
    ['preferredLanguage', 'Klingon', 'language'],
    ['displayName', null, 'required'],
    ['displayName', '   ', 'required'],
    ['accountEnabled', 'yes', 'type'],
    ['jobTitle', true, 'type'],
  ] as const)('%s %j is refused: %s', (property, raw, rule) => {
    expect(validateValue(property, raw)).toMatchObject({ ok: false, property, rule });
  });
});

describe('validateValue: Graph\'s length limits', () => {
  /** Graph's limits (../shared/reference/entra-sync.md §6 and Graph's user resource), written out, not read from the code. */
  const GRAPH_LIMITS: [ChangeableProperty, number][] = [
    ['displayName', 256], ['givenName', 64], ['surname', 64], ['jobTitle', 128], ['department', 64], ['companyName', 64],
    ['officeLocation', 128], ['streetAddress', 1024], ['city', 128], ['state', 128], ['postalCode', 40], ['employeeId', 16],
    ['employeeType', 64], ['country', 128], ['businessPhones', 64], ['mobilePhone', 64], ['faxNumber', 64],
  ];
  /** Checked further once short enough: at the limit they fail on content (not a phone, not a country), not length. */
  const CHECKED_FURTHER: ReadonlySet<ChangeableProperty> = new Set(['country', 'businessPhones', 'mobilePhone', 'faxNumber']);

  it('every property with a limit is in the table', () => {
    expect(Object.keys(MAX_LENGTH).sort()).toEqual(GRAPH_LIMITS.map(([p]) => p).sort());
  });

  it.each(GRAPH_LIMITS.filter(([p]) => !CHECKED_FURTHER.has(p)))('%s: exactly %i characters pass, one more is too long', (property, max) => {
    expect(validateValue(property, 'a'.repeat(max))).toEqual({ ok: true, change: { property, value: 'a'.repeat(max) } });
    expect(validateValue(property, 'a'.repeat(max + 1))).toEqual({ ok: false, property, rule: 'tooLong', params: { max } });
  });

  it.each(GRAPH_LIMITS.filter(([p]) => CHECKED_FURTHER.has(p)))('%s: exactly %i characters are not too long, one more is', (property, max) => {
    expect(validateValue(property, '7'.repeat(max))).toMatchObject({ ok: false, rule: property === 'country' ? 'country' : 'phone' });
    expect(validateValue(property, '7'.repeat(max + 1))).toEqual({ ok: false, property, rule: 'tooLong', params: { max } });
  });

  it('counts characters after collapsing white space, so padding does not push a value over the limit', () => {
    expect(validateValue('employeeId', `  ${'1'.repeat(16)}  `)).toMatchObject({ ok: true, change: { value: '1'.repeat(16) } });
  });
});

describe('validateValue: preferred language', () => {
  // Graph's preferredLanguage is ISO 639-1 plus a region (nl-NL): a bare language code is refused by Graph.
  it.each(['nl', 'en', 'NL', 'de', 'nl-', 'nl_NL', 'nl-NLD', 'nl-Latn-NL'])('%j is refused', (raw) => {
    expect(validateValue('preferredLanguage', raw)).toEqual({ ok: false, property: 'preferredLanguage', rule: 'language', params: { value: raw } });
  });

  it.each([['nl-NL', 'nl-NL'], ['en-US', 'en-US'], ['NL-nl', 'nl-NL'], ['en-gb', 'en-GB'], [' de-DE ', 'de-DE']])('%j is accepted as %j', (raw, tag) => {
    expect(validateValue('preferredLanguage', raw)).toEqual({ ok: true, change: { property: 'preferredLanguage', value: tag } });
  });
});
