import { readFileSync } from 'node:fs';
import { plainText } from '../../src/cards/plainText';
import { startGraphEmulator, type GraphEmulator, type TenantFixtureInput } from '../../src/emulator';
import { DEMO_TENANT, TENANT_ID, cardOf, people, startHarness, type Harness } from '../support/botHarness';
import type { SentActivity } from '../support/fakeConnector';

/*
 * Teams renders a bot's text messages as markdown. Every directory value (a display name, a group name — anyone may
 * create a group —, a licence's part number, a sign-in name) and every typed value in a text reply must show as
 * typed: never as a link or as formatting. One case per text reply that carries such a value, through whole turns.
 */

const LINK = '[Re-verify your account](https://evil.example/login)';
const HOSTILE = `${LINK} **bold**`;

const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // manages Milan and Daniel; no admin role
const daniel = 'c263df29-f4e3-4aa8-857f-2b264f031462';
const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691'; // User Administrator
const marloes = '632225ca-36cb-4a3c-99c2-edd55970fa0b'; // CEO; Hendrik (Global Administrator) reports to her
const breakglass = '17cfa68c-7c76-4bbe-9ad5-44615a2efe48'; // Global Administrator

const MILAN = `Milan Kowalski ${HOSTILE}`;
const YARA = `Yara El Amrani ${HOSTILE}`;
const NOOR_UPN = `noor${LINK}**bold**@fabrikam.nl`;
const PRIYA_UPN = `priya${LINK}**bold**@fabrikam.nl`;
const DANIEL_UPN = `daniel${LINK}**bold**@fabrikam.nl`;
const BREAKGLASS_UPN = `breakglass${LINK}**bold**@fabrikam.onmicrosoft.com`;
const SALES_LINK = `Sales ${LINK}`;
const SALES_BOLD = 'Sales **bold**';
const SKU = `VERIFY_E3 ${HOSTILE}`;

/** The demo tenant with hostile names: people, sign-in names, two groups and a licence. */
function hostileTenant(): TenantFixtureInput {
  const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8'));
  const changed: Record<string, Record<string, string>> = {
    [people.milan]: { displayName: MILAN },
    [people.yara]: { displayName: YARA },
    [noor]: { userPrincipalName: NOOR_UPN },
    [priya]: { userPrincipalName: PRIYA_UPN },
    [daniel]: { userPrincipalName: DANIEL_UPN },
    [breakglass]: { userPrincipalName: BREAKGLASS_UPN },
  };
  const group = (n: number, displayName: string) => ({
    id: `eeeeeeee-0000-4000-8000-00000000000${n}`, displayName, securityEnabled: true, mailEnabled: false, groupTypes: [], members: [],
  });
  const e3 = tenant.subscribedSkus.find((s: { skuPartNumber: string }) => s.skuPartNumber === 'SPE_E3');
  const skuId = 'eeeeeeee-0000-4000-8000-0000000000e3';
  return {
    ...tenant,
    users: tenant.users.map((u: { id: string }) => ({ ...u, ...changed[u.id] })),
    groups: [...tenant.groups, group(1, SALES_LINK), group(2, SALES_BOLD)],
    subscribedSkus: [...tenant.subscribedSkus, { ...e3, id: `${TENANT_ID}_${skuId}`, skuId, skuPartNumber: SKU, consumedUnits: 0 }],
  };
}

let emulator: GraphEmulator;
let h: Harness;
beforeAll(async () => {
  emulator = await startGraphEmulator({ tenant: hostileTenant() });
  h = await startHarness({ emulator });
  // Approvers and requesters have talked with the bot: their chats are known.
  for (const id of [people.daan, people.hendrik, priya, noor, marloes]) await h.say('help', id);
}, 120_000);
afterAll(async () => {
  await h.close();
  await emulator.close();
});
beforeEach(() => h.connector.clear());

const json = (x: unknown) => JSON.stringify(x);
function requestIdOf(card: unknown): string {
  const found = json(card).match(/"requestId":"([^"]+)"/);
  if (!found) throw new Error(`expected a request, the bot answered: ${json(card).slice(0, 400)}`);
  return found[1];
}
const planIdOf = (card: unknown) => json(card).match(/"planId":"([^"]+)"/)![1];

function textOf(sent: SentActivity): string {
  if (typeof sent.activity.text !== 'string') throw new Error(`expected a text reply, the bot sent: ${json(cardOf(sent) ?? sent.activity).slice(0, 400)}`);
  return sent.activity.text;
}

/**
 * The text of an invoke's answer: the message when it came without a card (it travels in the invoke response), else
 * the notice on top of the card that replaced the clicked one (a refusal keeps the card, with the reason on it).
 */
function invokeText(r: { body: any }): string {
  if (typeof r.body?.value === 'string') return r.body.value;
  const notice = (r.body?.value?.body as any[] | undefined)?.find((e) => e.type === 'Container' && e.style === 'warning' && e.items?.length === 1 && !e.items[0].weight);
  if (!notice) throw new Error(`expected a text answer or a card with a notice, the bot answered: ${json(r.body).slice(0, 400)}`);
  return notice.items[0].text;
}

async function say(message: string, from = people.daan): Promise<string> {
  return textOf((await h.say(message, from))[0]);
}

async function submit(values: Record<string, string>, from = noor) {
  return h.act('request.submit', { reportId: people.milan, value: '', reason: 'Moved teams', effectiveDate: '', ...values }, from);
}

/** A pending request by Noor (Milan's department to a typed hostile value); cancelled after `use`. */
async function withRequest(use: (requestId: string) => Promise<string>, values: Record<string, string> = {}, from = noor): Promise<string> {
  const r = await submit({ property: 'department', value: HOSTILE, ...values }, from);
  const requestId = requestIdOf(r.body.value);
  try {
    return await use(requestId);
  } finally {
    await h.act('request.cancel', { requestId }, from);
  }
}

interface Case {
  /** The reply's message key, and which values it carries. */
  reply: string;
  run: () => Promise<string>;
  /** The hostile values the reply shows. */
  shows: string[];
}

const cases: Case[] = [
  {
    // The parser takes no brackets or asterisks in a name; a sign-in name may carry underscores.
    reply: 'resolve.noMatch (typed name)',
    run: () => say('show zor__blax__@fabrikam.nl'),
    shows: ['zor__blax__@fabrikam.nl'],
  },
  // Suggestions ("Did you mean") are buttons on a choice card now, whose names go through plainText like any card's.
  {
    reply: 'group.ambiguous (group names)',
    run: () => say('add Milan Kowalski to Sales'),
    shows: [SALES_LINK, SALES_BOLD],
  },
  {
    // Words no group name starts like: a near name would be offered as a button instead.
    reply: 'group.notFound (typed group)',
    run: () => say('add Milan Kowalski to Zorblax **qux**'),
    shows: ['Zorblax **qux**'],
  },
  {
    reply: 'licence.ambiguous (SKU part number)',
    run: () => say('give Milan Kowalski an E3 licence'),
    shows: [SKU],
  },
  {
    reply: 'licence.notFound (typed licence, SKU part number)',
    run: () => say('give Milan Kowalski a Zorblax **bold** licence'),
    shows: ['Zorblax **bold**', SKU],
  },
  {
    reply: 'plan.managerNotFound (typed manager)',
    run: () => say(`set the manager of Milan Kowalski to ${HOSTILE}`),
    shows: [HOSTILE],
  },
  {
    reply: 'history.none (display name)',
    run: () => say('history of Yara El Amrani'),
    shows: [YARA],
  },
  {
    reply: 'history.title and history.line (display name, typed value, sign-in name)',
    run: async () => {
      const before = emulator.state.getUser(people.milan)!.department;
      const [plan] = await h.say(`set the department of Milan Kowalski to ${HOSTILE}`, priya);
      await h.act('change.apply', { planId: planIdOf(cardOf(plan)) }, priya);
      expect(emulator.state.getUser(people.milan)!.department).toBe(HOSTILE);
      emulator.state.updateUser(emulator.state.findUser(people.milan)!, { department: before });
      return say('history of Milan Kowalski', priya);
    },
    shows: [MILAN, HOSTILE, PRIYA_UPN],
  },
  {
    reply: 'request.propertyNotAllowed (typed property)',
    run: async () => invokeText(await submit({ property: HOSTILE, value: 'x' })),
    shows: [HOSTILE],
  },
  {
    reply: 'request.nothingToChange (display name)',
    run: async () => invokeText(await submit({ property: 'department', value: String(emulator.state.getUser(people.milan)!.department) })),
    shows: [MILAN],
  },
  {
    reply: 'request.line in "my requests" (display name, typed value)',
    run: () => withRequest(() => say('my requests', noor)),
    shows: [MILAN, HOSTILE],
  },
  {
    reply: 'request.pendingLine in "pending approvals" (sign-in name, display name, typed value)',
    run: () => withRequest(() => say('pending approvals', people.daan)),
    shows: [NOOR_UPN, MILAN, HOSTILE],
  },
  {
    reply: 'request.alreadyDecided (sign-in name of who decided)',
    run: () => withRequest(async (requestId) => {
      await h.act('request.reject', { requestId }, priya);
      return invokeText(await h.act('request.approve', { requestId }, people.daan));
    }),
    shows: [PRIYA_UPN],
  },
  {
    reply: 'request.ownRequest (sign-in names of who can decide)',
    run: () => withRequest(async (requestId) => invokeText(await h.act('request.approve', { requestId }, noor))),
    // The first three approvers: the Global Administrators, then the User Administrators.
    shows: [BREAKGLASS_UPN],
  },
  {
    reply: 'request.aboutYou (sign-in names of who can decide)',
    run: () => withRequest(
      async (requestId) => invokeText(await h.act('request.approve', { requestId }, people.hendrik)),
      { reportId: people.hendrik, property: 'jobTitle', value: 'CIO' }, marloes,
    ),
    // Only a Global Administrator may decide about another one: Priya (User Administrator) is not named.
    shows: [BREAKGLASS_UPN],
  },
  {
    reply: 'request.noLongerReport (display name, sign-in name of the requester)',
    run: () => withRequest(async (requestId) => {
      emulator.state.setManager(people.milan, people.daan);
      try {
        return invokeText(await h.act('request.approve', { requestId }, people.daan));
      } finally {
        emulator.state.setManager(people.milan, noor);
      }
    }),
    shows: [MILAN, NOOR_UPN],
  },
  {
    reply: 'request.targetGone (sign-in name)',
    run: async () => {
      const r = await submit({ reportId: daniel, property: 'department', value: 'Warehouse' });
      const requestId = requestIdOf(r.body.value);
      // Daniel's account is gone by the time an admin approves.
      const gone = emulator.faults.add({ match: { pathIncludes: `/users/${daniel}` }, status: 404, times: 100 });
      try {
        return invokeText(await h.act('request.approve', { requestId }, people.daan));
      } finally {
        gone.remove();
      }
    },
    shows: [DANIEL_UPN],
  },
  {
    reply: 'request.channelChanged, the notice sent to the other approvers (sign-in name)',
    run: async () => {
      const sent = await h.say('use this channel for approvals', priya, { conversationType: 'channel', expect: 3 });
      await h.app.store.settings.set('approvals.channel', null);
      return textOf(sent.find((s) => s.conversationId === `conv-${people.daan}`)!);
    },
    shows: [PRIYA_UPN],
  },
];

/** Markdown as Teams reads it: a backslash-escaped character is literal, so it cannot open a link or emphasis. */
const unescaped = (text: string) => text.replace(/\\[\\`*_[\]~<>]/g, '');

describe('text replies show directory values and typed text as text', () => {
  it.each(cases.map((c) => [c.reply, c] as const))('%s', async (_reply, c) => {
    const text = await c.run();
    expect(unescaped(text)).not.toMatch(/\[[^\]]*\]\(/);
    expect(text).not.toMatch(/https:\/\/evil/i);
    expect(unescaped(text)).not.toContain('**');
    // Escaped once: twice would show the backslashes.
    expect(text).not.toContain('\\\\');
    for (const value of c.shows) expect(text).toContain(plainText(value));
  });
});
