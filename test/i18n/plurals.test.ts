import { en } from '../../src/i18n/en';
import { nl } from '../../src/i18n/nl';
import { translate } from '../../src/i18n/translate';

describe('plural messages through Intl.PluralRules', () => {
  it.each([
    ['en', 1, 'Sent to 1 approver. You will hear the outcome here.'],
    ['en', 2, 'Sent to 2 approvers. You will hear the outcome here.'],
    ['en', 0, 'Sent to 0 approvers. You will hear the outcome here.'],
    ['nl', 1, 'Verstuurd naar 1 goedkeurder. Je hoort de uitkomst hier.'],
    ['nl', 3, 'Verstuurd naar 3 goedkeurders. Je hoort de uitkomst hier.'],
  ] as const)('%s, %d', (lang, count, expected) => {
    expect(translate(lang, 'request.sentApprovers', { count })).toBe(expected);
  });

  it('picks the form per call, not the first one cached', () => {
    expect(translate('nl', 'request.pendingOthers', { count: 1 })).toMatch(/^Nog 1 wacht /);
    expect(translate('nl', 'request.pendingOthers', { count: 4 })).toMatch(/^Nog 4 wachten /);
    expect(translate('nl', 'request.pendingOthers', { count: 1 })).toMatch(/^Nog 1 wacht /);
  });

  it('without a count, the other form', () => {
    expect(translate('en', 'request.sentApprovers')).toBe('Sent to {count} approvers. You will hear the outcome here.');
  });

  it('no message writes a plural as "(s)" or "(en)"', () => {
    for (const text of [...Object.values(en), ...Object.values(nl)]) expect(text).not.toMatch(/\w\((s|en)\)/);
  });

  it('every plural key has its "other" form in both languages', () => {
    const bases = Object.keys(en).filter((k) => /\.(one|two|few|many|zero)$/.test(k)).map((k) => k.replace(/\.\w+$/, ''));
    for (const base of bases) {
      expect(Object.keys(en)).toContain(`${base}.other`);
      expect(Object.keys(nl)).toContain(`${base}.other`);
    }
  });
});
