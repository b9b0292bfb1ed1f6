import { CompiledLexicon } from '../../src/language/compiledLexicon';
import { CORE_CLASSES, type Lexicon } from '../../src/language/lexicon';
import { LEXICONS } from '../../src/language/lexicons';
import { CHANGEABLE_PROPERTIES } from '../../src/language/request';
import { compileTemplate } from '../../src/language/template';
import { tokenize } from '../../src/language/tokenize';

/** A third language as data only: a few German words and templates, no code. */
const de: Lexicon = {
  language: 'de' as Lexicon['language'],
  properties: {
    ...Object.fromEntries(CHANGEABLE_PROPERTIES.map((p) => [p, []])),
    department: ['abteilung'],
    jobTitle: ['titel', 'position'],
  } as unknown as Lexicon['properties'],
  classes: {
    ...Object.fromEntries(CORE_CLASSES.map((c) => [c, []])),
    the: ['der', 'die', 'das'], det: ['der', 'die', 'das'], of: ['von'], to: ['auf', 'zu'], set: ['setze', 'ändere'],
    sep: [',', 'und'], nameParticle: ['von', 'van', 'de'], disable: ['sperre'],
  } as unknown as Lexicon['classes'],
  rules: [
    { intent: 'change', property: 'accountEnabled', value: false, when: ['@disable {t}'] },
    { intent: 'change', when: ['@set {changes}'] },
  ],
};

function parseWith(lexicon: Lexicon, text: string): unknown {
  const compiled = new CompiledLexicon(lexicon);
  return compiled.match(compiled.prepare(text, tokenize(text)));
}

describe('lexicons', () => {
  it.each(LEXICONS.map((l) => [l.language, l] as const))('%s defines every core class and every property', (_code, lexicon) => {
    for (const cls of CORE_CLASSES) expect(lexicon.classes).toHaveProperty(cls);
    for (const property of CHANGEABLE_PROPERTIES) expect(lexicon.properties[property].length).toBeGreaterThan(0);
  });

  it.each(LEXICONS.map((l) => [l.language, l] as const))('%s compiles: every template names known classes', (_code, lexicon) => {
    expect(() => new CompiledLexicon(lexicon)).not.toThrow();
  });

  it('rejects a template with an unknown class or slot at start-up', () => {
    const intern = (): number => 0;
    expect(() => compileTemplate('@nope {t}', new Set(['the']), intern)).toThrow(/unknown class/);
    expect(() => compileTemplate('show {who}', new Set(), intern)).toThrow(/unknown slot/);
    expect(() => compileTemplate('@prop=colour {t}', new Set(['prop']), intern)).toThrow(/unknown property/);
  });

  it('takes a third language as data only', () => {
    expect(parseWith(de, 'setze die Abteilung von Jan de Vries auf Vertrieb und die Position auf Leiter')).toEqual({
      intent: 'change', target: 'Jan de Vries', object: null,
      changes: [{ property: 'department', value: 'Vertrieb' }, { property: 'jobTitle', value: 'Leiter' }],
    });
    expect(parseWith(de, 'sperre Anna Schmidt')).toMatchObject({ target: 'Anna Schmidt', changes: [{ property: 'accountEnabled', value: false }] });
  });
});
