import { en } from '../../src/i18n/en';
import { nl } from '../../src/i18n/nl';
import { formatAge, replyLanguage, translate, translator } from '../../src/i18n/translate';

describe('catalogues', () => {
  it('Dutch has exactly the English keys, none empty, with the same parameters', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const nlText = nl[key as keyof typeof en];
      expect(nlText.trim()).not.toBe('');
      const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect([key, params(nlText)]).toEqual([key, params(text)]);
    }
  });

  it('fills parameters', () => {
    expect(translate('nl', 'resolve.noMatch', { query: 'Piet' })).toBe("Geen account gevonden voor 'Piet'.");
  });

  it.each([
    ['nl-NL', 'en', 'nl'],
    ['en-US', 'nl', 'nl'],
    ['en-US', 'en', 'en'],
    [undefined, undefined, 'en'],
  ] as const)('locale %s + message in %s → %s', (locale, detected, expected) => {
    expect(replyLanguage(locale, detected)).toBe(expected);
  });

  it.each([
    [5, '5 min'], [119, '119 min'], [180, '3 h'], [47 * 60, '47 h'], [48 * 60, '2 days'],
  ])('age %d minutes → %s', (minutes, text) => {
    expect(formatAge(translator('en'), minutes)).toBe(text);
  });
});
