import { people, requireCard, startHarness, type Harness } from '../support/botHarness';

// The audit log is what an investigation reads: a block must be recorded as a block (disable, false) and an
// unblock as an unblock (enable, true), whether it was applied in the cloud or handed to AD.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.connector.clear();
  h.emulator.clearLog();
});

const planIdOf = (card: unknown): string => JSON.stringify(card).match(/"planId":"([^"]+)"/)![1];

/** Says `text`, applies the plan on the card, and returns the plan's audit record for accountEnabled. */
async function applyAndAudit(text: string) {
  const [reply] = await h.say(text);
  const planId = planIdOf(requireCard(reply));
  await h.act('change.apply', { planId });
  const records = await h.app.store.audit.listForPlan(planId);
  return records.filter((r) => r.property === 'accountEnabled');
}

describe('the audit record of blocking and unblocking', () => {
  it('cloud-only: block is recorded as disable (true → false), unblock as enable (false → true)', async () => {
    const blocked = await applyAndAudit('block noah.peeters@fabrikam.nl');
    expect(h.emulator.state.getUser(people.noah)?.accountEnabled).toBe(false);
    expect(blocked).toEqual([expect.objectContaining({ operation: 'disable', before: true, after: false, outcome: 'applied', targetId: people.noah, actorId: people.daan })]);

    const unblocked = await applyAndAudit('unblock noah.peeters@fabrikam.nl');
    expect(h.emulator.state.getUser(people.noah)?.accountEnabled).toBe(true);
    expect(unblocked).toEqual([expect.objectContaining({ operation: 'enable', before: false, after: true, outcome: 'applied', targetId: people.noah })]);
  });

  it('synced: the emergency block is recorded as disable; lifting it in the cloud as enable', async () => {
    const blocked = await applyAndAudit('block fatima.zahra@fabrikam.nl');
    expect(blocked).toEqual([expect.objectContaining({ operation: 'disable', after: false, outcome: 'applied', targetId: people.fatima })]);

    // The bot lifts its own emergency block in the cloud (Enable-ADAccount goes with it, for AD): recorded as enable.
    const withCloud = await applyAndAudit('set the account status of fatima.zahra@fabrikam.nl to enabled and usage location to Japan');
    expect(withCloud).toEqual([expect.objectContaining({ operation: 'enable', before: false, after: true, outcome: 'applied', targetId: people.fatima })]);
  });
});
