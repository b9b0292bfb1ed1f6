import type { Language } from '../language/request';
import { en, type MessageKey } from './en';
import { nl } from './nl';

export type { MessageKey };
export type Params = Record<string, string | number>;

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, nl };

/**
 * A message split once at its `{name}` parameters: text at even indexes, parameter names at odd ones. Every card
 * line goes through here, several dozen times a turn, so the message is not searched again on each use.
 */
const SPLIT: Record<Language, Map<MessageKey, string[]>> = { en: new Map(), nl: new Map() };

/** The text for `key` in `lang`, with `{name}` parameters filled in. Unknown parameters stay visible. */
export function translate(lang: Language, key: MessageKey, params: Params = {}): string {
  let parts = SPLIT[lang].get(key);
  if (!parts) {
    parts = (CATALOGUES[lang][key] ?? en[key]).split(/\{(\w+)\}/);
    SPLIT[lang].set(key, parts);
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
