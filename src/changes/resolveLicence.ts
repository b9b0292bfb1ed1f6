import type { SubscribedSku } from '../directory/directory';
import { foldName } from '../text/foldName';
import { licenceName } from './licenceNames';

export type LicenceMatch =
  | { kind: 'one'; sku: SubscribedSku }
  /** Several of the tenant's licences fit what was typed: their names, to ask which. */
  | { kind: 'many'; names: string[] }
  /** None fits: the tenant's licence names, to choose from. */
  | { kind: 'none'; names: string[] };

/** Words that say "licence" rather than which one. */
const NOISE = new Set(['licence', 'license', 'licentie', 'licenties', 'licenses', 'licences', 'plan', 'subscription', 'abonnement']);

function words(text: string): string[] {
  return foldName(text).replace(/[_()+]/g, ' ').split(/\s+/).filter((w) => w && !NOISE.has(w));
}

/**
 * Finds the tenant's licence an admin means ("E3", "Microsoft 365 E5", "Visio", "POWER_BI_PRO") among its
 * subscribed SKUs: by friendly name or part number, exactly first, then by every typed word appearing in
 * the name. Only SKUs the tenant has are ever matched, so "E3" means whichever E3 the tenant owns.
 */
export function resolveLicence(query: string, skus: readonly SubscribedSku[]): LicenceMatch {
  const typed = words(query);
  const named = skus.map((sku) => ({ sku, name: licenceName(sku.skuPartNumber), words: new Set([...words(licenceName(sku.skuPartNumber)), ...words(sku.skuPartNumber)]) }));
  const all = named.map((n) => n.name).sort();
  if (!typed.length) return { kind: 'none', names: all };
  const joined = typed.join(' ');
  const exact = named.filter((n) => words(n.name).join(' ') === joined || foldName(n.sku.skuPartNumber) === foldName(query.trim()));
  if (exact.length === 1) return { kind: 'one', sku: exact[0].sku };
  const fits = named.filter((n) => typed.every((w) => n.words.has(w)));
  if (fits.length === 1) return { kind: 'one', sku: fits[0].sku };
  if (fits.length > 1) return { kind: 'many', names: fits.map((n) => n.name).sort() };
  return { kind: 'none', names: all };
}

/** Units still free to assign: what was bought and is active, less what is in use. */
export function freeUnits(sku: SubscribedSku): number {
  return sku.prepaidUnits.enabled - sku.consumedUnits;
}
