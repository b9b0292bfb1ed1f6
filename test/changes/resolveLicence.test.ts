import { freeUnits, resolveLicence } from '../../src/changes/resolveLicence';
import type { SubscribedSku } from '../../src/directory/directory';

const sku = (skuPartNumber: string, skuId: string, enabled = 10, consumed = 0, capabilityStatus = 'Enabled'): SubscribedSku =>
  ({ skuId, skuPartNumber, capabilityStatus, prepaidUnits: { enabled }, consumedUnits: consumed });

// The demo tenant's subscribed SKUs (fixtures/demo-tenant.json).
const SPE_E3 = sku('SPE_E3', '05e9a617-0261-4cee-bb44-138d3ef5d965', 35, 29);
const SPE_E5 = sku('SPE_E5', '06ebc4ee-1bb5-47dd-8120-11324bc54e06', 12, 10);
const POWER_BI_PRO = sku('POWER_BI_PRO', 'f8a1db68-be16-40ed-86d5-cb42ce701560', 8, 8);
const VISIOCLIENT = sku('VISIOCLIENT', 'c5928f49-12ba-48f7-ada3-0d743a3601d5', 5, 3);
const EXCHANGESTANDARD = sku('EXCHANGESTANDARD', '4b9405b0-7788-4568-add1-99614e613b69', 10, 5);
const demo = [SPE_E3, SPE_E5, POWER_BI_PRO, VISIOCLIENT, EXCHANGESTANDARD];
const demoNames = ['Exchange Online (Plan 1)', 'Microsoft 365 E3', 'Microsoft 365 E5', 'Power BI Pro', 'Visio Plan 2'];

describe('resolveLicence in the demo tenant', () => {
  it.each([
    ['E3', SPE_E3],
    ['e5', SPE_E5],
    ['Microsoft 365 E3', SPE_E3],
    ['microsoft 365 e5', SPE_E5],
    ['Visio', VISIOCLIENT],
    ['visio licence', VISIOCLIENT],
    ['Visio Plan 2', VISIOCLIENT],
    ['Power BI', POWER_BI_PRO],
    ['POWER_BI_PRO', POWER_BI_PRO],
    ['power_bi_pro', POWER_BI_PRO],
    ['Exchange', EXCHANGESTANDARD],
    ['  E3 licentie ', SPE_E3],
    ['EXCHANGESTANDARD', EXCHANGESTANDARD],
  ])('"%s" → one', (query, expected) => {
    expect(resolveLicence(query, demo)).toEqual({ kind: 'one', sku: expected });
  });

  it('a typed word no licence name has makes nothing fit, rather than a guess', () => {
    expect(resolveLicence('the E3', demo)).toEqual({ kind: 'none', names: demoNames });
  });

  it('finds none for a licence the tenant does not have, and lists the tenant\'s own names, sorted', () => {
    expect(resolveLicence('E7', demo)).toEqual({ kind: 'none', names: demoNames });
  });

  it('does not match a licence the tenant does not own, even one it knows by name', () => {
    // Office 365 E3 is a known name (ENTERPRISEPACK), but the demo tenant has no such SKU.
    expect(resolveLicence('Office 365 E3', demo)).toEqual({ kind: 'none', names: demoNames });
  });

  it.each([[''], ['   '], ['licence'], ['License plan']])('an empty query (%j) lists every licence', (query) => {
    expect(resolveLicence(query, demo)).toEqual({ kind: 'none', names: demoNames });
  });

  it('"Microsoft 365" alone is ambiguous between E3 and E5', () => {
    expect(resolveLicence('Microsoft 365', demo)).toEqual({ kind: 'many', names: ['Microsoft 365 E3', 'Microsoft 365 E5'] });
  });

  it('matches a SKU without a friendly name by its part number', () => {
    const dev = sku('DEVELOPERPACK_E5', 'c42b9cae-ea4f-4ab7-9717-81576235ccac');
    expect(resolveLicence('developerpack e5', [...demo, dev])).toEqual({ kind: 'one', sku: dev });
  });

  it('returns none for a tenant with no licences at all', () => {
    expect(resolveLicence('E3', [])).toEqual({ kind: 'none', names: [] });
  });
});

describe('resolveLicence with two E3s', () => {
  const ENTERPRISEPACK = sku('ENTERPRISEPACK', '6fd2c87f-b296-42f0-b197-1e91e994b900');
  const both = [SPE_E3, ENTERPRISEPACK, VISIOCLIENT];

  it('"E3" is ambiguous: both names, to ask which', () => {
    expect(resolveLicence('E3', both)).toEqual({ kind: 'many', names: ['Microsoft 365 E3', 'Office 365 E3'] });
  });

  it('the full name picks one', () => {
    expect(resolveLicence('Office 365 E3', both)).toEqual({ kind: 'one', sku: ENTERPRISEPACK });
    expect(resolveLicence('Microsoft 365 E3', both)).toEqual({ kind: 'one', sku: SPE_E3 });
  });

  it('"365 E3" is still ambiguous', () => {
    expect(resolveLicence('365 E3', both).kind).toBe('many');
  });

  it('"Office E3" fits only one', () => {
    expect(resolveLicence('Office E3', both)).toEqual({ kind: 'one', sku: ENTERPRISEPACK });
  });
});

describe('resolveLicence with two Visio plans', () => {
  const VISIO1 = sku('VISIO_PLAN1_DEPT', 'ca7f3140-d88c-455b-9a1c-7f0679e31a76');
  const both = [VISIOCLIENT, VISIO1];

  it('"Visio" asks which', () => {
    expect(resolveLicence('Visio', both)).toEqual({ kind: 'many', names: ['Visio Plan 1', 'Visio Plan 2'] });
  });

  it.each([['Visio Plan 1', 'VISIO_PLAN1_DEPT'], ['visio plan 2', 'VISIOCLIENT'], ['Visio 2', 'VISIOCLIENT']])('"%s" → %s', (query, part) => {
    const match = resolveLicence(query, both);
    expect(match.kind === 'one' && match.sku.skuPartNumber).toBe(part);
  });
});

describe('freeUnits', () => {
  it.each([
    ['SPE_E3', 6, SPE_E3],
    ['SPE_E5', 2, SPE_E5],
    ['POWER_BI_PRO', 0, POWER_BI_PRO],
    ['VISIOCLIENT', 2, VISIOCLIENT],
  ])('%s has %d free', (_name, free, s) => {
    expect(freeUnits(s)).toBe(free);
  });

  it('goes below zero when more are in use than are active (after a renewal was cut)', () => {
    expect(freeUnits(sku('SPE_E3', 'x', 5, 7))).toBe(-2);
  });
});
