import { temporaryPassword } from '../../src/changes/temporaryPassword';

const UPPER = /[ABCDEFGHJKLMNPQRSTUVWXYZ]/;
const LOWER = /[abcdefghijkmnopqrstuvwxyz]/;
const DIGIT = /[2-9]/;
const SYMBOL = /[!#%+\-=?@]/;
const ALLOWED = /^[ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+\-=?@]+$/;

describe('temporaryPassword', () => {
  const draws = Array.from({ length: 2000 }, () => temporaryPassword());

  it('is 16 characters long', () => {
    for (const p of draws) expect(p).toHaveLength(16);
  });

  it('honours another length', () => {
    expect(temporaryPassword(24)).toHaveLength(24);
    expect(temporaryPassword(8)).toHaveLength(8);
  });

  it('always has an upper-case letter, a lower-case letter, a digit and a symbol', () => {
    const missing = draws.filter((p) => !(UPPER.test(p) && LOWER.test(p) && DIGIT.test(p) && SYMBOL.test(p)));
    expect(missing).toEqual([]);
  });

  it('uses only its own character sets', () => {
    expect(draws.filter((p) => !ALLOWED.test(p))).toEqual([]);
  });

  it('has no look-alike characters (0 O 1 l I)', () => {
    expect(draws.filter((p) => /[0O1lI]/.test(p))).toEqual([]);
  });

  it('has no character markdown would render or Teams would eat (* _ ` [ ] ~ < > \\) and no white space', () => {
    expect(draws.filter((p) => /[*_`[\]~<>\\\s]/.test(p))).toEqual([]);
  });

  it('is different every time', () => {
    expect(new Set(draws).size).toBe(draws.length);
  });

  it('does not keep the guaranteed classes in fixed places', () => {
    // Without the shuffle the first four characters would always be upper, lower, digit, symbol.
    expect(draws.filter((p) => UPPER.test(p[0])).length).toBeLessThan(draws.length / 2);
    expect(draws.filter((p) => SYMBOL.test(p[3])).length).toBeLessThan(draws.length / 2);
  });

  it('uses every character of its sets over many draws', () => {
    const seen = new Set(draws.join(''));
    expect(seen.size).toBe('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-=?@'.length);
  });
});
