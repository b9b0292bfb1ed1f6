import type { ChangeableProperty, Intent, Language, Unsupported } from './request';

/**
 * Word classes the parser's code relies on, so every lexicon must define them (possibly empty).
 * Lexicons add any other classes their templates need.
 */
export const CORE_CLASSES = [
  'the', // articles dropped in front of names, licences and groups
  'det', // words that may stand before a property word: the, new, current, his…
  'possPron', // his, her, zijn, haar: "… and his department to Operations"
  'me', // the speaker as a target: me, I, ik
  'my', // the speaker as a possessive: my, mijn
  'of', // "the title OF X": introduces the target after a property word
  'for', // "… to CTO FOR Fatima": a target after the last value
  'to', // "title TO X": the link between property and value
  'is', // "X's title IS Y"
  'colon', // "title: Y"
  'from', // "FROM A to B": the old value, ignored
  'particle', // Dutch separable-verb particles before the link: "pas … AAN naar", "stel … IN op"
  'sep', // what may separate two changes: and, en, comma, semicolon, line break
  'also', // "and ALSO her department to …"
  'set', // verbs that may open a further change: "… and CHANGE his department to …"
  'empty', // values that clear a property: nothing, empty, leeg
  'enabled', // values meaning accountEnabled = true
  'disabled', // values meaning accountEnabled = false
  'leadingFiller', // ignored before a request: please, can you, kun je
  'trailingFiller', // ignored after a request: please, thanks, from now on, alsjeblieft
  'personNoun', // "the user X", "collega X": dropped in front of a name
  'nameParticle', // lower-case parts of names: de, van, der, bin
  'isContraction', // words whose 's means "is": what's, who's
  'pronoun', // him, her, hem: a target that refers to a name elsewhere in the message
  'fieldNoun', // "the manager FIELD of X": noise after a property word
  'clauseSep', // where a message may be split into clauses when it does not parse whole: ",", "but", "maar"
  'verb', // words that open a request and so cannot open a name ("Set department=Sales" is not about "Set")
  'softener', // "de afdeling van X GRAAG veranderen in Y": an adverb between the person and the verb
  'politeness', // "graag", "alsjeblieft": words that may stand anywhere in a request and are left out before matching
  'participle', // "de afdeling van X GEWIJZIGD hebben naar Y": a past participle before the link
  'auxiliary', // "… gewijzigd HEBBEN naar Y": the auxiliary after that participle
  'thanks', // small talk that thanks: thanks, bedankt (a message of nothing else gets "you're welcome")
  'greeting', // small talk that greets: hi, goedemorgen, how are you
  'acknowledgement', // small talk that acknowledges: ok, great, prima, sorry, no
  'adminRole', // "Global Administrator", "admin": a role, which "make X a …" asks for and which is never a job title
  'roleNoun', // "… role", "… rights", "rol": after an admin role
  'cancel', // small talk that calls something off: cancel, never mind, laat maar (nothing in a chat is pending)
] as const;

/** A word class the parser's code uses by name. */
export type CoreClass = (typeof CORE_CLASSES)[number];

/**
 * One way of saying something, as templates over tokens. Template syntax (elements separated by spaces):
 * - `word`, `a|b|c` — literal words (matched exactly, accents and case ignored), which may mix with classes
 *   (`of|@for`); `?` makes an element optional;
 * - `@class`, `@class?` — any phrase of a word class (misspellings allowed); `@prop` any property word,
 *   `@prop=manager` a word for that property;
 * - `{t}` the target person; `{t's}` a target written as a possessive ("Fatima's", "my"); `{name}` a target
 *   that must look like a name (capitalised words, an e-mail address); `{v}` a value (`{v+}` longest first);
 *   `{o}` a licence or group name (`{product}`: one that starts with a known licence product, so no
 *   "licence" word is needed);
 * - `{changes}` one or more "property to value" changes (`{changes@is}`, `{changes@colon}`, `{changes@none}`
 *   use "is", ":" or nothing as the link); `{clears}` one or more property words whose values are cleared;
 * - `...` any words (ignored).
 * The whole sentence must be covered; leading and trailing fillers are removed first.
 */
export interface Rule {
  intent: Intent;
  /** For rules that always change one property ("X reports to Y" → manager). */
  property?: ChangeableProperty;
  /** A fixed value: `false` for "block X", `null` for "X has no manager anymore". */
  value?: boolean | null;
  /** For `unsupported` rules: the operation asked for. */
  unsupported?: Unsupported;
  /** Templates; rules are tried in order and the first template that matches wins. */
  when: readonly string[];
}

/** Everything one language contributes: words in classes, property synonyms, and templates. */
export interface Lexicon {
  language: Language;
  classes: Record<CoreClass, readonly string[]> & Record<string, readonly string[]>;
  /** Words and phrases naming each property ("job title", "functie"). */
  properties: Record<ChangeableProperty, readonly string[]>;
  /** Dutch writes "Anouks functie": a capitalised name ending in a plain -s may be a possessive. */
  possessiveWithoutApostrophe?: boolean;
  rules: readonly Rule[];
}
