import { changePlanCard } from '../../src/cards/changePlanCard';
import { planChanges } from '../../src/changes/planChanges';
import type { Account } from '../../src/directory/account';
import { ACCOUNT_SELECT } from '../../src/directory/account';
import { translator } from '../../src/i18n/translate';

const account = { ...Object.fromEntries(ACCOUNT_SELECT.map((k) => [k, null])), id: 'u1', userPrincipalName: 'u@x', displayName: 'Noah', businessPhones: [], assignedLicenses: [], onPremisesProvisioningErrors: [], jobTitle: 'Engineer' } as unknown as Account;
const plan = planChanges(account, [{ property: 'jobTitle', value: 'Lead' }, { property: 'department', value: 'IT' }], { allowed: () => true });
const t = translator('en');
const text = (outcomes: Parameters<typeof changePlanCard>[0]['outcomes']) =>
  JSON.stringify(changePlanCard({ targetName: 'Noah', plan, planId: 'p', outcomes, doneBy: { actor: 'daan@x', time: '2026-12-05 10:00' } }, t));

/** The outcome card's header tells the truth: "Done" only when something was applied. */
describe('the outcome card header', () => {
  it('every item failed: "Nothing was applied", under "Not applied"', () => {
    const card = text([{ property: 'jobTitle', ok: false, code: 'GRAPH_THROTTLED' }, { property: 'department', ok: false, code: 'GRAPH_THROTTLED' }]);
    expect(card).toContain('Nothing was applied. Tried by daan@x');
    expect(card).toContain('Not applied in Microsoft Entra ID');
    expect(card).not.toContain('Done by');
  });

  it('some applied: "Done by", under "Applied"', () => {
    const card = text([{ property: 'jobTitle', ok: true, requestId: 'r1' }, { property: 'department', ok: false, code: 'GRAPH_THROTTLED' }]);
    expect(card).toContain('Done by daan@x');
    expect(card).toContain('Applied in Microsoft Entra ID');
  });

  it('an answer that never came is "not confirmed yet", not failed', () => {
    const card = text([{ property: 'jobTitle', ok: false, code: 'GRAPH_TIMEOUT', uncertain: true }, { property: 'department', ok: false, code: 'GRAPH_TIMEOUT', uncertain: true }]);
    expect(card).toContain('not confirmed yet');
    expect(card).not.toContain('Nothing was applied');
  });
});
