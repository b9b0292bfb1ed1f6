import type { CountryCode } from 'libphonenumber-js';
import type { ChangeableProperty } from '../language/request';
import type { CountryCodes } from '../sync/powerShell';
import { findCountry } from './countries';

/** Graph's length limits in characters (../shared/reference/entra-sync.md §6, and Graph's schema for the rest). */
export const MAX_LENGTH: Partial<Record<ChangeableProperty, number>> = {
  displayName: 256, givenName: 64, surname: 64, jobTitle: 128, department: 64, companyName: 64,
  officeLocation: 128, streetAddress: 1024, city: 128, state: 128, postalCode: 40, country: 128,
  businessPhones: 64, mobilePhone: 64, faxNumber: 64, employeeId: 16, employeeType: 64,
};

export type ValidationRule =
  | 'required' | 'type' | 'tooLong' | 'forbiddenCharacters' | 'phone' | 'country' | 'usageLocation' | 'language';

/** A valid value, normalised: what Graph gets, and for country also the AD codes. */
export type Normalized =
  | { property: Exclude<ChangeableProperty, 'country' | 'accountEnabled'>; value: string | null }
  | { property: 'country'; value: string | null; codes: CountryCodes | null }
  | { property: 'accountEnabled'; value: boolean };

export type Validation =
  | { ok: true; change: Normalized }
  | { ok: false; property: ChangeableProperty; rule: ValidationRule; params: Record<string, string | number> };

/** Control, bidirectional-override and zero-width characters: never part of a directory value. */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const PHONES: ReadonlySet<ChangeableProperty> = new Set(['businessPhones', 'mobilePhone', 'faxNumber']);

export interface ValidationContext {
  /** The account's usage location or country, to read national phone numbers (06 …) correctly. */
  defaultCountry?: string | null;
}

/** Checks and normalises one requested value; a failure names the property and the rule. */
export function validateValue(property: ChangeableProperty, raw: string | boolean | null, ctx: ValidationContext = {}): Validation {
  const fail = (rule: ValidationRule, params: Record<string, string | number> = {}): Validation => ({ ok: false, property, rule, params });

  if (property === 'accountEnabled') {
    return typeof raw === 'boolean' ? { ok: true, change: { property, value: raw } } : fail('type');
  }
  if (typeof raw === 'boolean') return fail('type');
  const value = raw === null ? null : raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (value === null || value === '') {
    if (property === 'displayName') return fail('required');
    return property === 'country' ? { ok: true, change: { property, value: null, codes: null } } : { ok: true, change: { property, value: null } };
  }
  if (FORBIDDEN.test(raw as string)) return fail('forbiddenCharacters');
  const max = MAX_LENGTH[property];
  if (max !== undefined && value.length > max) return fail('tooLong', { max });

  if (PHONES.has(property)) {
    const region = (ctx.defaultCountry && /^[A-Z]{2}$/i.test(ctx.defaultCountry) ? ctx.defaultCountry.toUpperCase() : undefined) as CountryCode | undefined;
    const phone = phoneNumbers().parsePhoneNumberFromString(value, region);
    if (!phone || !phone.isValid()) return fail('phone', { value });
    return { ok: true, change: { property: property as 'mobilePhone', value: phone.formatInternational() } };
  }
  if (property === 'country') {
    const codes = findCountry(value);
    return codes ? { ok: true, change: { property, value: codes.name, codes } } : fail('country', { value });
  }
  if (property === 'usageLocation') {
    const codes = findCountry(value);
    return codes ? { ok: true, change: { property, value: codes.alpha2 } } : fail('usageLocation', { value });
  }
  if (property === 'preferredLanguage') {
    const tag = canonicalLanguage(value);
    return tag ? { ok: true, change: { property, value: tag } } : fail('language', { value });
  }
  return { ok: true, change: { property, value } };
}

/** Graph wants `ll-CC` (ISO 639-1 and a region): "nl-nl" → "nl-NL". */
function canonicalLanguage(value: string): string | null {
  try {
    const [tag] = Intl.getCanonicalLocales(value);
    return /^[a-z]{2}-[A-Z]{2}$/.test(tag) ? tag : null;
  } catch {
    return null;
  }
}

let phoneLibrary: typeof import('libphonenumber-js') | undefined;

/**
 * libphonenumber-js, loaded with the first phone number checked rather than at start: its code and metadata are about
 * 8 MB of resident memory (issue #17), and most processes check a phone number rarely, many never.
 */
function phoneNumbers(): typeof import('libphonenumber-js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (phoneLibrary ??= require('libphonenumber-js') as typeof import('libphonenumber-js'));
}
