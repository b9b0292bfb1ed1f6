import { people, requireCard, shown, startHarness, type Harness } from '../support/botHarness';
import { writesIn } from '../support/graphWrites';

/*
 * Delegated mode (#16) in development, through whole bot turns: the chat user is signed in against the emulator's
 * local token issuer, every write carries their own token and the emulator enforces their roles as Entra does.
 * (Teams single sign-on itself — token exchange, consent, the sign-in card — is in delegatedSignIn.test.ts.)
 */

const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // a manager without an admin role

/** A clock the test moves (a scheduled change's time). */
const clock = { offset: 0, now() { return new Date(Date.now() + this.offset); } };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { graphMode: 'delegated' }, clock });
  // Approvers and requesters are reached in their own chats.
  for (const id of [people.daan, people.hendrik, noor]) await h.say('help', id);
}, 120_000);
afterAll(() => h.close());
beforeEach(() => {
  clock.offset = 0;
  h.emulator.reset();
  h.connector.clear();
});

const json = (x: unknown) => JSON.stringify(x);
const planIdOf = (card: unknown): string => json(card).match(/"planId":"([^"]+)"/)![1];
const writes = () => writesIn(h.emulator.requestLog);

it('a change is written with the admin\'s own token; reads keep the app\'s', async () => {
  const [reply] = await h.say('set the job title of Noah Peeters to Platform Lead');
  const done = (await h.act('change.apply', { planId: planIdOf(requireCard(reply)) }, people.daan)).body.value;
  expect(shown(done)).toMatch(/✔ done/);
  expect(writes()).toEqual([expect.objectContaining({ method: 'PATCH', delegatedUserId: people.daan })]);
  expect(h.emulator.requestLog.filter((e) => e.method === 'GET').every((e) => e.delegatedUserId === undefined)).toBe(true);
  // The token is in no log line, audit record or stored row.
  const token = h.emulator.issueDelegatedToken(people.daan);
  const signature = token.split('.')[2];
  expect(h.logLines.join('\n')).not.toContain(signature);
  expect(json(await h.app.store.audit.listForTarget(people.noah, 10))).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
});

it('Entra has the last word: a write it refuses is explained on the card, with PIM named', async () => {
  const [reply] = await h.say('set the job title of Noah Peeters to Platform Lead');
  // Entra refuses this admin's token (a role deactivated in PIM since, a Conditional Access policy): 403 as Graph says it.
  h.emulator.faults.add({ match: { method: 'PATCH' }, status: 403 });
  const done = (await h.act('change.apply', { planId: planIdOf(requireCard(reply)) }, people.daan)).body.value;
  expect(shown(done)).toMatch(/Entra refused: your roles don't allow this\. Is your role activated in PIM\?/);
  expect(h.emulator.state.getUser(people.noah)!.jobTitle).not.toBe('Platform Lead');
});

it('an approved request is written with the approver\'s token', async () => {
  const r = await h.act('request.submit', { reportId: people.milan, property: 'department', value: 'Support', reason: 'Moved', effectiveDate: '' }, noor);
  const requestId = json(r.body.value).match(/"requestId":"([^"]+)"/)![1];
  await h.act('request.approve', { requestId }, people.daan);
  expect(h.emulator.state.getUser(people.milan)?.department).toBe('Support');
  expect(writes()).toEqual([expect.objectContaining({ method: 'PATCH', delegatedUserId: people.daan })]);
});

it('"sign in" signs the chat user in against the emulator and says so', async () => {
  const [reply] = await h.say('sign in');
  expect(json(reply)).toMatch(/You are signed in: I act with your own rights/);
});

it('"sign out" drops the admin\'s token; the next change fetches a new one', async () => {
  const [reply] = await h.say('sign out');
  expect(json(reply)).toMatch(/Signed out/);
  const [plan] = await h.say('set the job title of Noah Peeters to Platform Lead');
  await h.act('change.apply', { planId: planIdOf(requireCard(plan)) }, people.daan);
  expect(writes()).toEqual([expect.objectContaining({ delegatedUserId: people.daan })]);
});

it('a scheduled change whose admin has no sign-in at its time is not applied, and the admin is told why', async () => {
  clock.offset = -20 * 60_000;
  const [reply] = await h.say('set the job title of Noah Peeters to Platform Lead in 10 minutes');
  await h.act('change.schedule', { planId: planIdOf(requireCard(reply)) }, people.daan);
  await h.say('sign out');
  // Entra signs no one into a disabled account: the emulator's issuer refuses Daan now.
  h.emulator.state.updateUser(h.emulator.state.findUser(people.daan)!, { accountEnabled: false });
  clock.offset = 0;
  const before = h.connector.sent.length;
  expect(await h.app.runJobs()).toBe(1);
  expect(writes()).toEqual([]);
  expect(json(h.connector.sent.slice(before).map((s) => s.activity))).toMatch(/was not applied: I act with your own rights and had no sign-in of yours/);
});
