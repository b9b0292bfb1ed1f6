import { en } from '../../src/i18n/en';
import { people, requireCard, startHarness, type Harness } from '../support/botHarness';

// A reset Graph refused set no password: showing the one the bot generated would hand out a password that
// does not work, and put a secret in the chat for nothing.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.connector.clear();
  h.emulator.clearLog();
  h.emulator.faults.clear();
});

const planIdOf = (card: unknown): string => JSON.stringify(card).match(/"planId":"([^"]+)"/)![1];
/** The fixed text before and after the password on the card (plan.temporaryPassword, plan.temporaryPasswordNote). */
const passwordLabel = en['plan.temporaryPassword'].split('{password}')[0];
const passwordNote = en['plan.temporaryPasswordNote'].split('{name}')[0];
/** Runs of the password alphabet exactly as long as a temporary password, with all four character classes. */
function passwordShaped(text: string): string[] {
  return (text.match(/[A-Za-z0-9!#%+\-=?@]+/g) ?? []).filter((run) =>
    run.length === 16 && /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run) && /[!#%+\-=?@]/.test(run));
}

describe('a password reset that Graph refuses', () => {
  it.each([
    ['403 (no permission)', 403],
    ['400 (refused by the password policy)', 400],
  ] as const)('%s: reported not applied, and no temporary password in the card or any reply', async (_name, status) => {
    const changesBefore = h.emulator.state.getPasswordChanges(people.noah).length;
    const [reply] = await h.say('reset the password of noah.peeters@fabrikam.nl');
    const planId = planIdOf(requireCard(reply));
    const sentBefore = h.connector.sent.length;
    h.emulator.faults.add({ match: { method: 'PATCH', pathIncludes: `/users/${people.noah}` }, status, times: 1 });

    const r = await h.act('change.apply', { planId }, people.daan, { replyToId: `card-refused-${status}` });

    expect(r.status).toBe(200);
    expect(h.emulator.requestLog.filter((e) => e.method === 'PATCH' && e.fault)).toHaveLength(1);
    expect(h.emulator.state.getPasswordChanges(people.noah)).toHaveLength(changesBefore);
    const shown = [JSON.stringify(r.body), ...h.connector.sent.slice(sentBefore).map((s) => JSON.stringify(s.activity))].join('\n');
    expect(shown).toContain('✘ not applied');
    expect(shown).not.toContain(passwordLabel);
    expect(shown).not.toContain(passwordNote);
    expect(passwordShaped(shown)).toEqual([]);
    expect(await h.app.store.audit.listForPlan(planId)).toEqual([expect.objectContaining({ operation: 'resetPassword', outcome: 'failed' })]);
  });
});
