import { validateValue } from '../../src/changes/validateValue';

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
