import { MAX_INPUT_LENGTH, MAX_TEXT_LENGTH, parse } from '../../src/language';

/** A small deterministic generator, so a failure names the same input every run. */
function* randomTexts(count: number, seed = 42): Generator<string> {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pieces = ["'", '"', '“', '<at>', '</at>', '&nbsp;', '&#x202E;', '\u200B', '\u0000', '😀', ':', ';', ',', '.', '-',
    'set', 'the', 'title', 'of', 'to', 'van', 'op', 'and', 'en', "Fatima's", 'Jan', 'de', 'Vries', 'is', 'synced', '?', ' ', '\n'];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 1 + Math.floor(next() * 30) }, () => pieces[Math.floor(next() * pieces.length)]);
    yield words.join(next() < 0.5 ? ' ' : '');
  }
}

/**
 * A guard against runaway (super-linear) parsing, which takes seconds, not a speed test: the 50 ms target
 * and throughput are measured by `npm run bench:parse`, away from a busy test run.
 */
const RUNAWAY_MS = 1_000;

/** The fastest of a few runs: the parser's own cost, not a busy machine's scheduling or a GC pause. */
function timed(text: string): { ms: number; intent: string } {
  parse(text); // warm-up, so the measurement is of parsing and not of compiling
  let ms = Infinity;
  let intent = '';
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    intent = parse(text).intent;
    ms = Math.min(ms, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ms, intent };
}

describe('parse on hostile input', () => {
  it.each([
    ['empty text', ''],
    ['only spaces', '   \t  '],
    ['only control characters', '\u0000\u0001\u0007\u001b'],
    ['only a mention', '<at>Account Assistant</at>'],
    ['only punctuation', '!!! ...'],
  ])('answers help for %s', (_what, text) => {
    expect(parse(text)).toEqual({ intent: 'help', target: null, changes: [], object: null, language: 'en' });
  });

  it('answers only emoji as small talk, not as a request for help', () => {
    expect(parse('😀🙂👍🏽')).toEqual({
      intent: 'smallTalk', smallTalk: 'acknowledgement', target: null, changes: [], object: null, language: 'en',
    });
  });

  it.each([
    ['10,000 letters', 'a'.repeat(MAX_INPUT_LENGTH)],
    ['10,001 letters', 'a'.repeat(MAX_INPUT_LENGTH + 1)],
    ['a request repeated past the limit', "set Fatima's title to CTO ".repeat(400)],
    ['clean text just over the limit', 'x'.repeat(MAX_TEXT_LENGTH + 1)],
  ])('answers unknown for %s', (_what, text) => {
    const { ms, intent } = timed(text);
    expect(intent).toBe('unknown');
    expect(ms).toBeLessThan(RUNAWAY_MS);
  });

  it.each([
    ['requests', "change Fatima's title to A and department to B and ".repeat(40)],
    ['Dutch names', 'zet de afdeling van Jan van der Berg op '.repeat(50)],
    ['key-value pairs', 'title: a, department: b; '.repeat(80)],
    ['quotes', '"a \' " \' '.repeat(250)],
    ['tags', '<a '.repeat(660)],
    ['e-mail fragments', 'a.b.c.d.e.f.g.h@'.repeat(120)],
  ])('parses 2,000 characters of %s without running away', (_what, text) => {
    expect(timed(text.slice(0, MAX_TEXT_LENGTH)).ms).toBeLessThan(RUNAWAY_MS);
  });

  it('strips control, bidi and zero-width characters before parsing', () => {
    expect(parse('disable \u202EPieter\u202C Bak\u200Bker\u0007')).toMatchObject({ target: 'Pieter Bakker' });
    expect(parse('set Kenji\u2066\u2069\'s title to C\u200DTO')).toMatchObject({ target: 'Kenji', changes: [{ value: 'CTO' }] });
  });

  it('removes the mention that addresses the bot and keeps a mentioned person', () => {
    expect(parse('<at>Account Assistant</at> show <at>Kenji Watanabe</at>')).toMatchObject({ intent: 'show', target: 'Kenji Watanabe' });
    expect(parse('<p>disable&nbsp;Pieter&nbsp;Bakker</p>')).toMatchObject({ intent: 'change', target: 'Pieter Bakker' });
  });

  it('never throws, and always answers with a valid Request', () => {
    for (const text of randomTexts(2000)) {
      const r = parse(text);
      expect(typeof r.intent).toBe('string');
      expect(Array.isArray(r.changes)).toBe(true);
      expect(r.target === null || typeof r.target === 'string').toBe(true);
    }
  });

  it('does not throw on values that are not strings', () => {
    expect(parse(undefined as unknown as string).intent).toBe('unknown');
    expect(parse(42 as unknown as string).intent).toBe('unknown');
  });
});
