import { parse } from '../../src/language';
import { LEXICONS } from '../../src/language/lexicons';

// The words for "on" and "off" decide whether a sentence blocks or unblocks an account: a word in both lists
// would read "zet Pieter op uitgezet" as the opposite of what was said.

const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
const onWords = (lexicon: (typeof LEXICONS)[number]) => lexicon.classes.enabled.map(fold);
const offWords = (lexicon: (typeof LEXICONS)[number]) => lexicon.classes.disabled.map(fold);

/** Sentences that take the value word, per language. */
const SHAPES: Record<string, { locale: string; shapes: ((word: string) => string)[] }> = {
  en: { locale: 'en-US', shapes: [(w) => `set the account status of Pieter Bakker to ${w}`, (w) => `set Pieter Bakker to ${w}`] },
  nl: {
    locale: 'nl-NL',
    shapes: [(w) => `zet de accountstatus van Pieter Bakker op ${w}`, (w) => `zet Pieter Bakker op ${w}`, (w) => `het account van Pieter Bakker moet ${w}`],
  },
};

describe('the words for on and off', () => {
  it('every language has parse shapes in this test', () => {
    expect(LEXICONS.map((l) => l.language).sort()).toEqual(Object.keys(SHAPES).sort());
  });

  it.each(LEXICONS.map((l) => [l.language, l] as const))('%s: no word means both on and off', (_code, lexicon) => {
    const off = new Set(offWords(lexicon));
    expect(onWords(lexicon).filter((w) => off.has(w))).toEqual([]);
    expect(onWords(lexicon).length).toBeGreaterThan(0);
    expect(off.size).toBeGreaterThan(0);
  });

  it('no word is on in one language and off in another (a sentence may mix them)', () => {
    const on = new Set(LEXICONS.flatMap(onWords));
    expect(LEXICONS.flatMap(offWords).filter((w) => on.has(w))).toEqual([]);
  });

  const cases = (cls: 'enabled' | 'disabled') =>
    LEXICONS.flatMap((l) => l.classes[cls].flatMap((word) => SHAPES[l.language].shapes.map((shape) => [l.language, shape(word), SHAPES[l.language].locale] as const)));

  it.each(cases('disabled'))('%s off: %j blocks the account', (_code, text, locale) => {
    const got = parse(text, locale);
    expect({ intent: got.intent, target: got.target, changes: got.changes }).toEqual({ intent: 'change', target: 'Pieter Bakker', changes: [{ property: 'accountEnabled', value: false }] });
  });

  it.each(cases('enabled'))('%s on: %j unblocks the account', (_code, text, locale) => {
    const got = parse(text, locale);
    expect({ intent: got.intent, target: got.target, changes: got.changes }).toEqual({ intent: 'change', target: 'Pieter Bakker', changes: [{ property: 'accountEnabled', value: true }] });
  });
});
