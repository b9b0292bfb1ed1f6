import { expectCase } from './cases';
import { HELD_OUT_EN } from './heldOutEn';
import { HELD_OUT_NL } from './heldOutNl';

describe('held-out style sentences', () => {
  it.each(HELD_OUT_EN.map((k) => [k.text, k] as const))('en: %s', (_text, k) => expectCase(k));
  it.each(HELD_OUT_NL.map((k) => [k.text, k] as const))('nl: %s', (_text, k) => expectCase(k));

  it('covers both languages with at least 80 sentences each way of asking', () => {
    expect(HELD_OUT_EN.length + HELD_OUT_NL.length).toBeGreaterThanOrEqual(160);
  });
});
