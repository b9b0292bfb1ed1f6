import { people, requireCard, shown, startHarness, type Harness } from '../support/botHarness';

/*
 * Several people in one request (#15, item 2), through whole bot turns: one preview for everyone, per person where it
 * happens, one AD script for the synchronized ones; Apply runs as a job, updates the card, audits every row and offers
 * the results as a file.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h.close());
beforeEach(() => {
  h.emulator.reset();
  h.connector.clear();
});

const json = (x: unknown) => JSON.stringify(x);
const planIdOf = (card: unknown): string => json(card).match(/"planId":"([^"]+)"/)![1];
const verbs = (card: any): string[] => (card?.actions ?? []).map((a: any) => a.verb);
const user = (id: string) => h.emulator.state.getUser(id)!;

describe('a three-person request', () => {
  it('previews per person: two in the cloud, the synced one in one AD script; nothing written yet', async () => {
    const [reply] = await h.say('set the department of Noah Peeters, Milan Kowalski and Fatima Zahra to Operations');
    const card = requireCard(reply);
    const text = shown(card);
    expect(text).toContain('Change 3 people');
    expect(text).toMatch(/Noah Peeters: department: \S.* → Operations/);
    expect(text).toMatch(/Milan Kowalski: department: .* → Operations/);
    expect(text).toMatch(/To do in on-premises Active Directory\nFatima Zahra: department/);
    expect(json(card)).toContain("Set-ADUser -Identity 'fzahra' -Department 'Operations'");
    expect(json(card)).toContain('Start-ADSyncSyncCycle -PolicyType Delta');
    expect(verbs(card)).toEqual(['bulk.apply', 'bulk.cancel']);
    expect(json(card)).toMatch(/Apply to 2 people/);
    expect(user(people.noah).department).not.toBe('Operations');
  });

  it('Apply writes through one $batch, updates the card, audits every person and offers the results file', async () => {
    const [reply] = await h.say('set the department of Noah Peeters, Milan Kowalski and Fatima Zahra to Operations');
    const planId = planIdOf(requireCard(reply));
    const logBefore = h.emulator.requestLog.length;
    const r = await h.act('bulk.apply', { planId }, people.daan, { replyToId: 'bulk-card' });
    expect(r.status).toBe(200);
    expect(shown(r.body.value)).toMatch(/Applying: 0 of 2 done/);
    await h.app.runJobs();
    expect(user(people.noah).department).toBe('Operations');
    expect(user(people.milan).department).toBe('Operations');
    expect(user(people.fatima).department).not.toBe('Operations');
    // Two PATCHes, each sent once, inside $batch requests (the roles are read in batches too).
    const log = h.emulator.requestLog.slice(logBefore);
    expect(log.filter((x) => x.method === 'PATCH').map((x) => x.path).sort()).toEqual([`/v1.0/users/${people.noah}`, `/v1.0/users/${people.milan}`].sort());
    expect(log.filter((x) => x.path.endsWith('/$batch')).length).toBeLessThanOrEqual(3);

    const records = await h.app.store.audit.listForPlan(planId);
    const byTarget = (id: string) => records.filter((x) => x.targetId === id);
    expect(byTarget(people.noah)).toEqual([expect.objectContaining({ property: 'department', after: 'Operations', outcome: 'applied' })]);
    expect(byTarget(people.milan)).toEqual([expect.objectContaining({ outcome: 'applied' })]);
    expect(byTarget(people.fatima)).toEqual([expect.objectContaining({ outcome: 'onPremises' })]);

    const update = h.connector.sent.filter((s) => s.kind === 'update').pop()!;
    expect(shown(requireCard(update))).toMatch(/Done: 2 applied, 0 not applied, 1 handed over to AD/);
    const consent = h.connector.sent.map((s) => s.activity.attachments?.[0]).find((a) => a?.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    expect(consent?.content.acceptContext).toEqual({ fileId: `bulk-results-${planId}` });
    // Once run, the preview's Apply does nothing more.
    expect(json((await h.act('bulk.apply', { planId }, people.daan)).body.value)).toMatch(/already/);
  });

  it('a name that matches several people or nobody stops that row, not the others', async () => {
    const [reply] = await h.say('set the department of Noah Peeters, Nobody Atall and Jan to Operations');
    const text = shown(requireCard(reply));
    expect(text).toMatch(/Nobody Atall: nobody found by this name/);
    expect(text).toMatch(/Noah Peeters: department/);
    expect(text).toContain('Change 3 people');
  });

  it('a date is not dropped silently: a change to several people runs when confirmed, so one with a date is refused', async () => {
    const [reply] = await h.say('block Noah Peeters and Milan Kowalski on Friday');
    expect(json(reply)).toMatch(/runs when you confirm it: leave out the date/);
    expect(json(reply)).not.toMatch(/bulk\.apply/);
  });

  it('someone without an admin role is told bulk changes are for admins', async () => {
    const [reply] = await h.say('set the department of Noah Peeters and Fatima Zahra to Operations', people.milan);
    expect(json(reply)).toMatch(/for admins/);
  });

  it('a list pasted under the request, one per line', async () => {
    const [reply] = await h.say('add these people to Logistics Planners:\nNoah Peeters\nMilan Kowalski');
    const card = requireCard(reply);
    expect(shown(card)).toContain('Change 2 people');
    await h.act('bulk.apply', { planId: planIdOf(card) }, people.daan);
    await h.app.runJobs();
    expect(h.emulator.state.getGroupMemberIds('ef6022ab-ebd2-48bd-946d-6040da471d5a')).toEqual(expect.arrayContaining([people.noah, people.milan]));
  });
});

describe('a bulk run whose holder crashed mid-wave', () => {
  it('reads back what it had sent: landed is applied, not landed is reported, and neither is sent again', async () => {
    const [reply] = await h.say('set the department of Noah Peeters, Milan Kowalski and Daan Visser to Operations', people.hendrik);
    const planId = planIdOf(requireCard(reply));
    // What a holder leaves when it dies after sending Noah's and Milan's writes (only Noah's landed), before recording.
    expect(await h.app.store.plans.claim(planId, people.hendrik)).toBe('claimed');
    h.emulator.state.updateUser(h.emulator.state.findUser(people.noah)!, { department: 'Operations' });
    await h.app.store.jobs.add({
      id: planId, kind: 'bulkRun', dueAt: new Date(Date.now() - 1000).toISOString(), ownerId: people.hendrik,
      payload: { planId, ownerId: people.hendrik, conversationId: `conv-${people.hendrik}`, card: null, language: 'en', refused: [], outcomes: {}, inFlight: [people.noah, people.milan], audited: true },
    });
    const logStart = h.emulator.requestLog.length;
    await h.app.runJobs();
    const patches = h.emulator.requestLog.slice(logStart).filter((e) => e.method === 'PATCH').map((e) => e.path);
    expect(patches).toEqual([`/v1.0/users/${people.daan}`]); // only the one never sent
    expect(user(people.milan).department).not.toBe('Operations');
    const records = await h.app.store.audit.listForPlan(planId);
    expect(records.find((x) => x.targetId === people.noah)).toMatchObject({ outcome: 'applied', reason: 'RECOVERED' });
    expect(records.find((x) => x.targetId === people.milan)).toMatchObject({ outcome: 'failed', reason: 'INTERRUPTED' });
    expect(records.find((x) => x.targetId === people.daan)).toMatchObject({ outcome: 'applied' });
    expect((await h.app.store.plans.get(planId))?.state).toBe('partial');
  });
});
