/**
 * Compiles the template strings of a lexicon (syntax: see `Rule` in lexicon.ts) into element lists
 * the matcher walks. Compiling once at start-up keeps parsing itself free of string handling.
 */
import type { ChangeableProperty } from './request';
import { CHANGEABLE_PROPERTIES } from './request';
import { normalizeWord } from './tokenize';

/** Which words may link a property to its value inside `{changes…}`. */
export type LinkClass = 'to' | 'is' | 'colon' | 'none';

/** A word class, or for `@prop=manager` the property class narrowed to one key. */
export interface ClassRef {
  cls: string;
  key?: ChangeableProperty;
}

/** How a slot is filled and checked. */
export type SlotKind = 'target' | 'possessiveTarget' | 'name' | 'value' | 'object' | 'product';

/** One step of a template. */
export type Element =
  | { kind: 'words'; words: readonly string[]; classes: readonly ClassRef[]; optional: boolean }
  | { kind: 'slot'; slot: SlotKind; greedy: boolean }
  | { kind: 'changes'; link: LinkClass }
  | { kind: 'clears' }
  | { kind: 'skip' };

/** A compiled template: its elements and what a sentence must contain for it to have a chance. */
export interface Template {
  source: string;
  elements: readonly Element[];
  /**
   * Words and `@classes` without which the template cannot match, as numbers from `intern`: checking
   * them is a few array reads, which lets a sentence skip most templates without trying them.
   */
  required: readonly number[];
}

const SLOTS: Record<string, { slot: SlotKind; greedy: boolean }> = {
  '{t}': { slot: 'target', greedy: false },
  "{t's}": { slot: 'possessiveTarget', greedy: false },
  '{name}': { slot: 'name', greedy: false },
  '{v}': { slot: 'value', greedy: false },
  '{v+}': { slot: 'value', greedy: true },
  '{o}': { slot: 'object', greedy: false },
  '{product}': { slot: 'product', greedy: false },
};
const LINKS = new Set<string>(['to', 'is', 'colon', 'none']);

function compileElement(part: string, source: string): Element {
  const slot = SLOTS[part];
  if (slot) return { kind: 'slot', ...slot };
  if (part === '...') return { kind: 'skip' };
  if (part === '{clears}') return { kind: 'clears' };
  const changes = /^\{changes(?:@(\w+))?\}$/.exec(part);
  if (changes) {
    const link = changes[1] ?? 'to';
    if (!LINKS.has(link)) throw new Error(`Template "${source}": unknown link "${link}"`);
    return { kind: 'changes', link: link as LinkClass };
  }
  const optional = part.endsWith('?') && part.length > 1;
  const body = optional ? part.slice(0, -1) : part;
  if (/[{}]/.test(body)) throw new Error(`Template "${source}": unknown slot "${part}"`);
  const words: string[] = [];
  const classes: ClassRef[] = [];
  for (const alt of body.split('|')) {
    if (!alt.startsWith('@')) {
      words.push(normalizeWord(alt));
      continue;
    }
    const [cls, key] = alt.slice(1).split('=');
    if (key !== undefined && !(CHANGEABLE_PROPERTIES as readonly string[]).includes(key)) {
      throw new Error(`Template "${source}": unknown property "${key}"`);
    }
    classes.push({ cls, key: key as ChangeableProperty | undefined });
  }
  return { kind: 'words', words, classes, optional };
}

/**
 * Compiles one template string; throws on a malformed template so a lexicon mistake fails at start-up.
 * `intern` numbers the words and `@classes` the template requires.
 */
export function compileTemplate(
  source: string, knownClasses: ReadonlySet<string>, intern: (word: string) => number,
): Template {
  const elements = source.trim().split(/\s+/).map((part) => compileElement(part, source));
  const required: string[] = [];
  for (const el of elements) {
    if (el.kind === 'changes' || el.kind === 'clears') required.push('@prop');
    if (el.kind === 'changes' && (el.link === 'is' || el.link === 'colon')) required.push(`@${el.link}`);
    if (el.kind !== 'words') continue;
    const unknown = el.classes.find((c) => !knownClasses.has(c.cls));
    if (unknown) throw new Error(`Template "${source}": unknown class "@${unknown.cls}"`);
    if (el.optional || el.words.length + el.classes.length !== 1) continue;
    required.push(el.words.length ? el.words[0] : `@${el.classes[0].cls}`);
  }
  return { source, elements, required: required.map(intern) };
}
