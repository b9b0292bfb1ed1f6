// The library without its Node entry point, which registers all of its 80 languages (about 8 MB of resident
// memory); the two the bot speaks are registered below.
import countries from 'i18n-iso-countries/index';
import en from 'i18n-iso-countries/langs/en.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import type { CountryCodes } from '../sync/powerShell';
import { foldName } from '../text/foldName';

countries.registerLocale(en);
countries.registerLocale(nl);

/**
 * Every English and Dutch name (official and alternative) by its folded form, English first where both name
 * different countries. The library's own lookup lower-cases all 250 countries' names on every call.
 */
const BY_NAME = new Map<string, string>();
for (const lang of ['en', 'nl']) {
  for (const [alpha2, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
    for (const name of names) if (!BY_NAME.has(foldName(name))) BY_NAME.set(foldName(name), alpha2);
  }
}

/** A country from an ISO code (NL, NLD) or its name in English or Dutch ("Netherlands", "Nederland"). */
export function findCountry(input: string): CountryCodes | null {
  const text = input.trim();
  let alpha2: string | undefined;
  if (/^[A-Za-z]{2}$/.test(text) && countries.isValid(text.toUpperCase())) alpha2 = text.toUpperCase();
  else if (/^[A-Za-z]{3}$/.test(text)) alpha2 = countries.alpha3ToAlpha2(text.toUpperCase());
  alpha2 ??= BY_NAME.get(foldName(text)) ?? BY_NAME.get(foldName(text.replace(/^the\s+/i, '')));
  if (!alpha2) return null;
  const name = countries.getName(alpha2, 'en');
  const numeric = Number(countries.alpha2ToNumeric(alpha2));
  return name && Number.isFinite(numeric) ? { alpha2, name, numeric } : null;
}
