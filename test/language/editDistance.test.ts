import { allowedEdits, boundedEditDistance } from '../../src/language/editDistance';

describe('boundedEditDistance', () => {
  it.each([
    ['title', 'title', 0],
    ['titel', 'title', 1], // a swap of two neighbours is one edit
    ['chagne', 'change', 1],
    ['departmnet', 'department', 1],
    ['mobil', 'mobile', 1],
    ['deparment', 'department', 1],
    ['abc', 'xyz', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(boundedEditDistance(a, b, 3)).toBe(d);
  });

  it('stops counting past the bound', () => {
    expect(boundedEditDistance('manager', 'password', 2)).toBe(3);
    expect(boundedEditDistance('a', 'abcdef', 1)).toBe(2);
  });
});

describe('allowedEdits', () => {
  it.each([[3, 0], [4, 1], [7, 1], [8, 2], [12, 2]])('a word of %i letters may have %i', (length, edits) => {
    expect(allowedEdits(length)).toBe(edits);
  });
});
