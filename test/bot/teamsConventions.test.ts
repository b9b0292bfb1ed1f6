import { formatTime } from '../../src/i18n/formatTime';
import type { SentActivity } from '../support/fakeConnector';
import { cardOf, people, requireCard, startHarness, type Harness } from '../support/botHarness';
import { emulatorDirectory } from '../support/emulatorDirectory';
import { writesIn } from '../support/graphWrites';

/**
 * Teams conventions (issue #13, finding 7), whole turns over HTTP: a welcome on install, suggestions as buttons that
 * rerun the request, a mistyped address domain, near group names, plurals, times in the reader's zone, request-ids.
 */
const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // manages Milan Kowalski and Daniel Okafor, no admin role
const pieter = 'pieter.bakker@fabrikam.nl';
const IT_SERVICE_DESK = 'IT Service Desk';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.connector.clear();
  h.emulator.clearLog();
});

const json = (x: unknown) => JSON.stringify(x);
const writes = () => writesIn(h.emulator.requestLog);

/** Posts any activity and returns what the bot posted because of it (the turn is over when the POST answers). */
async function post(activity: Record<string, unknown>): Promise<SentActivity[]> {
  const before = h.connector.sent.length;
  const r = await h.post(activity);
  expect(r.status).toBeLessThan(300);
  return h.connector.sent.slice(before);
}

function installation(from: string, action: 'add' | 'remove', opts: { locale?: string; conversationType?: string; conversationId?: string } = {}) {
  const a = h.activity('installationUpdate', from, { action }, opts);
  return withConversation(a, opts);
}

function botAdded(from: string, opts: { locale?: string; conversationType?: string; conversationId?: string } = {}) {
  const a = h.activity('conversationUpdate', from, { membersAdded: [{ id: '28:bot' }] }, opts);
  return withConversation(a, opts);
}

function withConversation(a: Record<string, unknown>, opts: { conversationType?: string; conversationId?: string }) {
  const conversation = { ...(a.conversation as object), ...(opts.conversationId ? { id: opts.conversationId } : {}) };
  const team = opts.conversationType === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: opts.conversationId } } : {};
  return { ...a, conversation, channelData: { ...(a.channelData as object), ...team } };
}

/** A message with the Teams client's time zone, as Teams sends it on every activity. */
async function sayIn(zone: string | undefined, text: string, from = people.daan, conversationType = 'personal'): Promise<SentActivity> {
  const before = h.connector.sent.length;
  const r = await h.post(h.activity('message', from, { text, ...(zone ? { localTimezone: zone } : {}) }, { conversationType }));
  expect(r.status).toBeLessThan(300);
  return (await h.connector.waitFor(before + 1))[before];
}

/** The Action.Execute buttons of a card: verb and data. */
function executeActions(card: unknown): { verb: string; data: Record<string, string>; title: string }[] {
  const found: { verb: string; data: Record<string, string>; title: string }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') found.push({ verb: String(o.verb), data: o.data as Record<string, string>, title: String(o.title) });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('welcome when the app is installed', () => {
  it('personal scope: one welcome card saying who you are to the bot, with three things to try as buttons, once per install', async () => {
    const conversationId = 'a:personal-daan-install';
    const sent = await post(installation(people.daan, 'add', { conversationId }));
    expect(sent).toHaveLength(1);
    const card = requireCard(sent[0]);
    expect(json(card)).toMatch(/You are a User Administrator: you can look people up and see where their accounts are managed, change job titles and other profile details, block or allow sign-in, reset passwords, assign licences, change group memberships, offboard people who leave, change many people at once \(a list or a CSV file\), and decide on managers' requests/);
    const tries = card.actions as { type: string; title: string; data: { msteams: { type: string; value: string } } }[];
    expect(tries).toHaveLength(3);
    for (const a of tries) expect(a).toMatchObject({ type: 'Action.Submit', data: { msteams: { type: 'imBack', value: a.title } } });
    expect(tries.map((a) => a.title)).toContain('help');

    // Teams announces the same install as a conversationUpdate adding the bot: no second welcome.
    expect(await post(botAdded(people.daan, { conversationId }))).toHaveLength(0);
    expect(await post(installation(people.daan, 'add', { conversationId }))).toHaveLength(0);

    // Removed and installed again: welcomed again.
    await post(installation(people.daan, 'remove', { conversationId }));
    expect(await post(botAdded(people.daan, { conversationId }))).toHaveLength(1);
  });

  it('a button sends its text as the user\'s own message, which the bot understands', async () => {
    const sent = await post(installation(people.daan, 'add', { conversationId: 'a:personal-daan-buttons' }));
    const tries = requireCard(sent[0]).actions as { title: string }[];
    for (const { title } of tries) {
      const [reply] = await h.say(title);
      expect(reply.activity.text ?? '').not.toMatch(/didn't understand/);
    }
  });

  it('in Dutch for a Dutch client; a manager without a role is told whom they manage', async () => {
    const sent = await post(installation(noor, 'add', { locale: 'nl-NL', conversationId: 'a:personal-noor' }));
    const text = json(requireCard(sent[0]));
    expect(text).toMatch(/Hallo, ik ben Account Assistant/);
    expect(text).toMatch(/Je bent in Microsoft Entra ID manager van \d+ personen/);
    expect(text).toContain('wijziging aanvragen');
    expect(text).not.toMatch(/beheerdersrol|Administrator/);
  });

  it('someone with neither a role nor reports is told what they can do', async () => {
    const sent = await post(botAdded(people.milan, { conversationId: 'a:personal-milan' }));
    expect(json(requireCard(sent[0]))).toMatch(/You hold no admin role and manage nobody/);
  });

  it('added to a team: one short intro in the channel, nothing about the person who added it', async () => {
    const conversationId = '19:general@thread.tacv2';
    const sent = await post(installation(people.daan, 'add', { conversationType: 'channel', conversationId }));
    expect(sent).toHaveLength(1);
    expect(cardOf(sent[0])).toBeUndefined();
    const text = sent[0].activity.text ?? '';
    expect(text).toMatch(/^Hello, I'm Account Assistant/);
    expect(text).toMatch(/use this channel for approvals/);
    expect(text).not.toMatch(/Administrator|Daan|Test user/);
    expect(await post(botAdded(people.daan, { conversationType: 'channel', conversationId }))).toHaveLength(0);
  });
});

describe('suggestions are buttons that rerun the request', () => {
  it('a near name: "Did you mean" with a button per person; the click shows the chosen person', async () => {
    const [reply] = await h.say('show Fatma Zahra');
    const card = requireCard(reply);
    expect(json(card)).toContain("No account matches 'Fatma Zahra'. Did you mean:");
    const pick = executeActions(card).find((a) => a.data.accountId === people.fatima);
    expect(pick).toMatchObject({ verb: 'resolve.pick' });
    const r = await h.act(pick!.verb, pick!.data);
    expect(json(r.body)).toContain('fatima.zahra@fabrikam.nl');
  });

  it('a change to a near name is not planned until the person is chosen, and then it is the same change', async () => {
    const [reply] = await h.say('set the job title of Noha Peeters to Platform Lead');
    const pick = executeActions(requireCard(reply)).find((a) => a.data.accountId === people.noah);
    expect(pick).toBeDefined();
    const r = await h.act(pick!.verb, pick!.data);
    expect(json(r.body)).toMatch(/Platform Lead/);
    expect(json(r.body)).toContain('change.apply');
    expect(writes()).toHaveLength(0);
  });

  it('an unknown group: near group names as buttons; the click plans the same request with that group', async () => {
    const [reply] = await h.say('add Milan Kowalski to the Servce Desk group');
    const card = requireCard(reply);
    expect(json(card)).toContain("No group is called 'Servce Desk'. Did you mean:");
    expect(json(card)).toContain(IT_SERVICE_DESK);
    const actions = executeActions(card);
    expect(actions.every((a) => a.verb === 'resolve.pickGroup' && Object.keys(a.data).sort().join() === 'groupId,pendingId')).toBe(true);
    const choice = actions[json(card).indexOf('Service Desk Admins') < json(card).indexOf(IT_SERVICE_DESK) ? 1 : 0];

    h.emulator.clearLog();
    const r = await h.act(choice.verb, choice.data);
    const plan = json(r.body);
    expect(plan).toContain('Milan Kowalski');
    expect(plan).toContain(`add ${IT_SERVICE_DESK}`);
    expect(plan).toContain('change.apply');
    // The group came by id from the stored pick: no search by name again, and nothing written.
    expect(h.emulator.requestLog.some((e) => e.path.endsWith('/groups'))).toBe(false);
    expect(writes()).toHaveLength(0);
  });

  it('a group pick takes only an offered group, from the person it was offered to, before it expires', async () => {
    const [reply] = await h.say('add Milan Kowalski to Logistcs Planers');
    const [offered] = executeActions(requireCard(reply));
    const invalid = (r: { body: unknown }) => expect(json(r.body)).toContain('That request is not valid.');
    // A group that was not offered (a real one: Privileged IT Admins is role-assignable).
    invalid(await h.act('resolve.pickGroup', { ...offered.data, groupId: 'aaaaaaaa-0000-0000-0000-000000000000' }));
    // Someone else's click.
    invalid(await h.act('resolve.pickGroup', offered.data, noor));
    // A person pick's id with a group, and a group pick's with a person.
    const [people1] = await h.say('show Tom');
    const personPick = executeActions(requireCard(people1))[0];
    invalid(await h.act('resolve.pickGroup', { pendingId: personPick.data.pendingId, groupId: offered.data.groupId }));
    invalid(await h.act('resolve.pick', { pendingId: offered.data.pendingId, accountId: people.milan }));
    // Extra fields are refused, not trimmed.
    invalid(await h.act('resolve.pickGroup', { ...offered.data, request: 'removeFromGroup' }));
    expect(writes()).toHaveLength(0);
  });

  it('no near group at all: says so in words', async () => {
    const [reply] = await h.say('add Milan Kowalski to Zorblax');
    expect(reply.activity.text).toBe("No group is called 'Zorblax'.");
  });
});

describe('an address on a domain that is not the tenant\'s', () => {
  it('is looked for by its local part on the verified domains and offered as a button, not used as typed', async () => {
    const [reply] = await h.say('block pieter.bakker@fabrikam.com');
    const card = requireCard(reply);
    expect(json(card)).toContain("'pieter.bakker@fabrikam.com' is not an address of this organization");
    expect(json(card)).toContain(pieter);
    expect(json(card)).not.toContain('change.apply');
    const [pick] = executeActions(card);
    const r = await h.act(pick.verb, pick.data);
    expect(json(r.body)).toContain('Pieter Bakker');
    expect(json(r.body)).toContain('change.apply');
    expect(writes()).toHaveLength(0);
  });
});

describe('plurals', () => {
  it('"Sent to 1 approver", not "approver(s)"', async () => {
    const h2 = await startHarness();
    try {
      // Only Daan, of the approvers, has a chat with the bot.
      await h2.say('help', people.daan);
      await h2.say('help', noor);
      const r = await h2.act('request.submit', { reportId: people.milan, property: 'department', value: 'Support', reason: 'Moved', effectiveDate: '' }, noor);
      expect(json(r.body)).toContain('Sent to 1 approver. You will hear the outcome here.');
      expect(json(r.body)).not.toContain('(s)');
    } finally {
      await h2.close();
    }
  });
});

describe('times in the reader\'s time zone', () => {
  it('the last synchronization in the caller\'s zone; in a group chat, and without a zone, in UTC saying so', async () => {
    const account = await emulatorDirectory(h.emulator.url).getAccount(people.fatima);
    const lastSync = account!.onPremisesLastSyncDateTime!;
    const tokyo = json(requireCard(await sayIn('Asia/Tokyo', 'is Fatima Zahra synced?')));
    expect(tokyo).toContain(formatTime(lastSync, 'en', 'Asia/Tokyo'));
    expect(tokyo).not.toMatch(/\d UTC/);
    // An activity without a zone: the zone this person's client sent last stands in.
    const none = json(requireCard(await sayIn(undefined, 'is Fatima Zahra synced?')));
    expect(none).toContain(formatTime(lastSync, 'en', 'Asia/Tokyo'));
    // Someone whose client never sent one reads UTC, and is told so.
    const never = json(requireCard(await sayIn(undefined, 'is Fatima Zahra synced?', people.hendrik)));
    expect(never).toContain(formatTime(lastSync, 'en'));
    const group = json(requireCard(await sayIn('Asia/Tokyo', 'is Fatima Zahra synced?', people.daan, 'groupChat')));
    expect(group).toContain(formatTime(lastSync, 'en'));
  });

  it('the outcome card and the history in the caller\'s zone; request-ids only in history details', async () => {
    const plan = requireCard(await sayIn('America/New_York', 'set the job title of Noah Peeters to Zone Lead'));
    const apply = executeActions(plan).find((a) => a.verb === 'change.apply')!;
    const r = await h.post(h.activity('invoke', people.daan, {
      name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: apply.verb, data: apply.data } }, localTimezone: 'America/New_York',
    }));
    const outcome = JSON.parse(r.text);
    const text = json(outcome);
    expect(text).toMatch(/✔ done/);
    expect(text).not.toMatch(/request-id/);
    const [record] = await h.app.store.audit.listForTarget(people.noah, 1);
    expect(text).toContain(formatTime(record.time, 'en', 'America/New_York'));
    expect(text).not.toMatch(/\d UTC/);

    const history = (await sayIn('America/New_York', 'history of Noah Peeters')).activity.text ?? '';
    expect(history).toContain(`${formatTime(record.time, 'en', 'America/New_York')} · daan.visser@fabrikam.nl`);
    expect(history).toContain(`request-id ${record.graphRequestId}`);
  });

  it('a failed write names Graph\'s request-id on its line', async () => {
    const plan = requireCard(await h.say('set the department of Noah Peeters to Zone Ops').then((s) => s[0]));
    const apply = executeActions(plan).find((a) => a.verb === 'change.apply')!;
    h.emulator.faults.add({ match: { method: 'PATCH', pathIncludes: `/users/${people.noah}` }, status: 403, times: 1 });
    const r = await h.act(apply.verb, apply.data);
    const failed = h.emulator.requestLog.find((e) => e.method === 'PATCH');
    expect(json(r.body)).toMatch(/✘ not applied: .*\(request-id [0-9a-f-]+\)/);
    expect(json(r.body)).toContain(failed!.requestId);
  });
});
