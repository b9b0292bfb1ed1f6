import { tokenize } from '../../src/language/tokenize';

const isContraction = (norm: string): boolean => ['what', 'who'].includes(norm);
const show = (text: string): string[] =>
  tokenize(text, isContraction).map((t) => `${t.kind}:${t.text}${t.possessive ? "'s" : ''}`);

describe('tokenize', () => {
  it.each([
    ["Fatima's title", ["word:Fatima's", 'word:title']],
    ["Lars Nilsson' title", ['word:Lars', "word:Nilsson's", 'word:title']],
    ["Jan’s functie", ["word:Jan's", 'word:functie']],
    ["Siobhán O'Brien's job", ['word:Siobhán', "word:O'Brien's", 'word:job']],
    ["jan.devries@fabrikam.nl's mobile", ["email:jan.devries@fabrikam.nl's", 'word:mobile']],
    ['"Head of Legal"', ['quoted:Head of Legal']],
    ['“Head of Legal”', ['quoted:Head of Legal']],
    ["to 'Head of Legal'", ['word:to', 'quoted:Head of Legal']],
    ["what's who’s", ['word:what', 'word:is', 'word:who', 'word:is']],
    ["doesn't", ["word:doesn't"]],
    ['E5-licentie', ['word:E5', 'punct:-', 'word:licentie']],
    ['a\nb', ['word:a', 'break:\n', 'word:b']],
  ])('splits %j', (text, expected) => {
    expect(show(text)).toEqual(expected);
  });

  it('keeps spans into the original text, so values keep case and punctuation', () => {
    const text = 'to Jr. Designer (EMEA)';
    const tokens = tokenize(text);
    expect(text.slice(tokens[1].start, tokens[tokens.length - 1].end)).toBe('Jr. Designer (EMEA)');
  });

  it('folds case and accents for matching only', () => {
    const [token] = tokenize('Beëindig');
    expect(token).toMatchObject({ text: 'Beëindig', norm: 'beeindig', capitalized: true });
  });
});
