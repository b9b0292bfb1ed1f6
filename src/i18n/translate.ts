import type { Language } from '../language/request';
import { en, type CatalogueKey } from './en';
import { nl } from './nl';

/** A catalogue key with plural forms (`x.one`, `x.other`, …) is called as `x`, with a numeric `count`. */
type PluralBase<K> = K extends `${infer Base}.other` ? Base : never;
type PluralForm = `${string}.${Intl.LDMLPluralRule}`;
export type MessageKey = Exclude<CatalogueKey, PluralForm> | PluralBase<CatalogueKey>;
export type Params = Record<string, string | number>;

const CATALOGUES: Record<Language, Record<string, string>> = { en, nl };

/** Each language's plural rules ("1 approver", "2 approvers"; Dutch has the same two forms, other languages more). */
const PLURALS: Record<Language, Intl.PluralRules> = { en: new Intl.PluralRules('en'), nl: new Intl.PluralRules('nl') };

/** The catalogue text for `key`: its plural form for `count` when it has plural forms, else the text itself. */
function message(lang: Language, key: MessageKey, count: unknown): string {
  const own = CATALOGUES[lang][key] ?? en[key as CatalogueKey];
  if (own !== undefined) return own;
  const form = typeof count === 'number' ? PLURALS[lang].select(count) : 'other';
  return CATALOGUES[lang][`${key}.${form}`] ?? CATALOGUES[lang][`${key}.other`] ?? en[`${key}.other` as CatalogueKey];
}

/**
 * A message split once at its `{name}` parameters: text at even indexes, parameter names at odd ones. Every card
 * line goes through here, several dozen times a turn, so the message is not searched again on each use.
 */
const SPLIT: Record<Language, Map<string, string[]>> = { en: new Map(), nl: new Map() };

/**
 * The text for `key` in `lang`, with `{name}` parameters filled in. Unknown parameters stay visible. A key with
 * plural forms picks the one `Intl.PluralRules` gives for `params.count`.
 */
export function translate(lang: Language, key: MessageKey, params: Params = {}): string {
  const plural = typeof params.count === 'number' && !(key in CATALOGUES[lang]);
  const cacheKey = plural ? `${key}.${PLURALS[lang].select(params.count as number)}` : key;
  let parts = SPLIT[lang].get(cacheKey);
  if (!parts) {
    parts = message(lang, key, params.count).split(/\{(\w+)\}/);
    SPLIT[lang].set(cacheKey, parts);
  }
  let text = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    text += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1];
  }
  return text;
}

/** A translator bound to one language: `t('resolve.noMatch', { query })`. */
export type Translator = (key: MessageKey, params?: Params) => string;

export function translator(lang: Language): Translator {
  return (key, params) => translate(lang, key, params);
}

/** The language a translator speaks (cards format dates and lists in it). */
export function languageOf(t: Translator): Language {
  return t('language.code') === 'nl' ? 'nl' : 'en';
}

/** The reply language: Dutch when the caller's locale is nl-* or the message itself is Dutch. */
export function replyLanguage(locale: string | undefined, detected: Language | undefined): Language {
  if (locale?.toLowerCase().startsWith('nl')) return 'nl';
  return detected ?? 'en';
}

/** "2 h", "3 days": an age for people, from whole minutes. */
export function formatAge(t: Translator, minutes: number): string {
  if (minutes < 120) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('age.hours', { n: hours });
  const days = Math.floor(hours / 24);
  return days === 1 ? t('age.day') : t('age.days', { n: days });
}
