import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import type { CountryCodes } from '../sync/powerShell';

countries.registerLocale(en);
countries.registerLocale(nl);

/** A country from an ISO code (NL, NLD) or its name in English or Dutch ("Netherlands", "Nederland"). */
export function findCountry(input: string): CountryCodes | null {
  const text = input.trim();
  let alpha2: string | undefined;
  if (/^[A-Za-z]{2}$/.test(text) && countries.isValid(text.toUpperCase())) alpha2 = text.toUpperCase();
  else if (/^[A-Za-z]{3}$/.test(text)) alpha2 = countries.alpha3ToAlpha2(text.toUpperCase());
  alpha2 ??= countries.getAlpha2Code(text, 'en') ?? countries.getAlpha2Code(text, 'nl') ?? countries.getAlpha2Code(text.replace(/^the\s+/i, ''), 'en');
  if (!alpha2) return null;
  const name = countries.getName(alpha2, 'en');
  const numeric = Number(countries.alpha2ToNumeric(alpha2));
  return name && Number.isFinite(numeric) ? { alpha2, name, numeric } : null;
}
