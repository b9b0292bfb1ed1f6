import { foldName, nameWords } from '../../src/text/foldName';

describe('foldName', () => {
  it.each([
    ['zoe  DIJKSTRA', 'Zoë Dijkstra'],
    ['O’Brien', "O'Brien"],
    ['O`Brien', "o'brien"],
    ['ʼt Hart', "'t hart"],
    ['  Bram\tde  Groot ', 'bram de groot'],
    ['Ǆemal', 'dzemal'],
  ])('%j folds as %j', (a, b) => {
    expect(foldName(a)).toBe(foldName(b));
  });

  it('folds every ASCII character as full decomposition would (the fast path changes nothing)', () => {
    const slow = (v: string) => v.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2018\u2019\u02bc`´]/g, "'").toLowerCase().replace(/\s+/g, ' ').trim();
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
    for (let i = 0; i < ascii.length; i++) {
      const sample = `A${ascii[i]}b ${ascii.slice(i, i + 7)}Z`;
      expect(foldName(sample)).toBe(slow(sample));
    }
  });

  it('splits names and UPN local parts into words', () => {
    expect(nameWords('fatima.el-amrani_2')).toEqual(['fatima', 'el', 'amrani', '2']);
  });
});
