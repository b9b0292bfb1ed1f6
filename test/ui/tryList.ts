import type { Locator } from 'playwright-core';
import { buttonsOf, rowOf, textOf, type PlaygroundPage, type Reply } from './playgroundPage';

/** What a step may use: the page, checks that record and go on, and screenshots of the key cards. */
export interface StepContext {
  playground: PlaygroundPage;
  /** Records one check of what is rendered; a failed check fails the run but not the steps after it. */
  check(label: string, ok: boolean, detail?: string): void;
  /** A screenshot of a card for the README (docs/<name>.png) when screenshots are asked for. */
  shot(name: string, bubble: Locator): Promise<void>;
  send(text: string): Promise<Reply>;
  /** Clicks a card's button; `near`: the one in the row that shows this text. */
  click(bubble: Locator, button: string, near?: string): ReturnType<PlaygroundPage['click']>;
}

export interface Step {
  name: string;
  run(ctx: StepContext): Promise<void>;
}

const has = (text: string, ...needles: (string | RegExp)[]) =>
  needles.every((n) => (typeof n === 'string' ? text.includes(n) : n.test(text)));
const missing = (text: string, ...needles: (string | RegExp)[]) =>
  `missing ${needles.filter((n) => !has(text, n)).map(String).join(', ')} in:\n${indent(text)}`;
const indent = (text: string) => text.split('\n').map((l) => `      | ${l}`).join('\n');

/** Checks that every needle is in the bubble's visible text; returns that text. */
async function expectText(ctx: StepContext, label: string, bubble: Locator, ...needles: (string | RegExp)[]): Promise<string> {
  const text = await textOf(bubble);
  ctx.check(label, has(text, ...needles), missing(text, ...needles));
  return text;
}

async function expectButtons(ctx: StepContext, label: string, bubble: Locator, wanted: string[]): Promise<string[]> {
  const buttons = await buttonsOf(bubble);
  const absent = wanted.filter((w) => !buttons.includes(w));
  ctx.check(label, absent.length === 0, `missing button(s) ${absent.join(', ')}; the card has [${buttons.join(', ')}]`);
  return buttons;
}

async function expectNoLiveButtons(ctx: StepContext, label: string, bubble: Locator, gone: string[]): Promise<void> {
  const buttons = await buttonsOf(bubble);
  const live = gone.filter((g) => buttons.includes(g));
  ctx.check(label, live.length === 0, `still clickable: ${live.join(', ')} (card: ${JSON.stringify((await textOf(bubble)).slice(0, 300))})`);
}

/** Every element of a card tree, depth first (body, items, columns, fallbacks). */
function* elements(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) for (const n of node) yield* elements(n);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string') yield o;
    for (const v of Object.values(o)) if (v && typeof v === 'object') yield* elements(v);
  }
}

const SCRIPT_COMMENT = /^# On the Microsoft Entra Connect server/m;

/**
 * The on-premises script: sent as Teams' CodeBlock (PowerShell), drawn either as one (a client that knows it) or
 * as its fallback (the Agents Playground 0.2.28 has no CodeBlock renderer); either way the `# …` comment line must
 * be on screen as written, `#` included, and not turned into a markdown heading.
 */
async function expectScript(ctx: StepContext, reply: Reply, bubble: Locator): Promise<Locator | null> {
  const codeBlocks = [...elements(reply.messages.map((m) => m.attachments))].filter((e) => e.type === 'CodeBlock');
  ctx.check(
    'the script is sent as a CodeBlock (language PowerShell) with a fallback',
    codeBlocks.length > 0 && codeBlocks.every((c) => String(c.language).toLowerCase() === 'powershell' && c.fallback !== undefined),
    codeBlocks.length ? `CodeBlock(s): ${JSON.stringify(codeBlocks.map((c) => ({ language: c.language, fallback: !!c.fallback })))}` : 'the card has no CodeBlock element',
  );
  const text = await textOf(bubble);
  ctx.check('the script shows its "# On the Microsoft Entra Connect server" line with the # intact', SCRIPT_COMMENT.test(text), missing(text, SCRIPT_COMMENT));
  const heading = await bubble.locator('h1, h2, h3, h4, h5, h6').filter({ hasText: 'On the Microsoft Entra Connect server' }).count();
  ctx.check('the script comment is not rendered as a markdown heading', heading === 0, 'the comment line is an <h1>–<h6>');
  // The element that draws the script: the innermost container holding both its first command and its comment.
  const script = bubble
    .locator('.ac-container, .ac-richTextBlock, .ac-textBlock, pre, code')
    .filter({ hasText: /Set-ADUser|Disable-ADAccount/ })
    .filter({ hasText: 'On the Microsoft Entra Connect server' })
    .last();
  return (await script.count()) ? script : null;
}

export const tryList: Step[] = [
  {
    name: 'welcome on install (personal scope)',
    async run(ctx) {
      const reply = await ctx.playground.firstReply(6_000);
      ctx.check('a welcome card arrives when the app is installed', !!reply, 'nothing arrived within 6 s of opening the personal chat');
      if (!reply) return;
      await expectText(ctx, 'the welcome says who Daan is to the bot (User Administrator)', reply.last, "Account Assistant", 'User Administrator');
      await ctx.shot('welcome', reply.last);
    },
  },
  {
    name: 'help',
    async run(ctx) {
      const { last } = await ctx.send('help');
      await expectText(ctx, 'help card: title, Daan as User Administrator, examples', last, 'What I can do for you', 'User Administrator', 'show Fatima Zahra');
    },
  },
  {
    name: 'is Fatima Zahra synchronized?',
    async run(ctx) {
      const { last } = await ctx.send('is Fatima Zahra synchronized?');
      await expectText(ctx, 'synced: on-premises AD as source of authority, sAMAccountName, DN, sync age', last, 'Where Fatima Zahra is managed', 'on-premises Active Directory', 'sAMAccountName', 'fzahra', /CN=/, 'Last synchronization');
      const text = await textOf(last);
      ctx.check('a demo started now does not read stale for Fatima', !/⚠ The last synchronization was/.test(text), 'the card warns that the last synchronization is old');
      await ctx.shot('sync-status', last);
    },
  },
  {
    name: 'is Noah Peeters synced?',
    async run(ctx) {
      const { last } = await ctx.send('is Noah Peeters synced?');
      await expectText(ctx, 'cloud-only account', last, 'cloud-only');
    },
  },
  {
    name: 'is Willem Post synced? (stale) and is Sanne de Jong synced? (conflict)',
    async run(ctx) {
      const stale = await ctx.send('is Willem Post synced?');
      await expectText(ctx, 'Willem Post reads stale', stale.last, '⚠ The last synchronization was');
      const conflict = await ctx.send('is Sanne de Jong synced?');
      await expectText(ctx, 'Sanne de Jong shows her synchronization conflict', conflict.last, '⚠ Synchronization errors');
    },
  },
  {
    name: 'show Tom: two Toms, pick one on the card',
    async run(ctx) {
      const { last } = await ctx.send('show Tom');
      const text = await expectText(ctx, 'two Toms are offered', last, 'Tom Baker', 'Tom Hendriks');
      const row = await buttonsOf(rowOf(last, 'Tom Baker'));
      ctx.check('each Tom has a button to pick him', row.length === 1, `buttons next to Tom Baker: [${row.join(', ')}] in:\n${indent(text)}`);
      if (row.length !== 1) return;
      const outcome = await ctx.click(last, row[0], 'Tom Baker');
      const shown = [outcome.bubble, ...outcome.newBubbles];
      const texts = (await Promise.all(shown.map(textOf))).join('\n');
      ctx.check('picking a Tom shows a profile', /Sign-in name/.test(texts) && /Tom/.test(texts), missing(texts, 'Sign-in name'));
    },
  },
  {
    name: 'show Fatma Zahra: a name that matches nobody, suggestions as buttons',
    async run(ctx) {
      const { last } = await ctx.send('show Fatma Zahra');
      const text = await textOf(last);
      const row = text.includes('Fatima Zahra') ? await buttonsOf(rowOf(last, 'Fatima Zahra')) : [];
      ctx.check('"Did you mean" offers Fatima Zahra with a button', row.length === 1, `buttons next to Fatima Zahra: [${row.join(', ')}] in:\n${indent(text)}`);
    },
  },
  {
    name: 'block pieter.bakker@fabrikam.com: an address on a domain the tenant does not have',
    async run(ctx) {
      const { last } = await ctx.send('block pieter.bakker@fabrikam.com');
      const text = await expectText(ctx, 'the address is not used as typed: the same name on the tenant\'s domains is offered', last, 'is not an address of this organization');
      const row = text.includes('Pieter Bakker') ? await buttonsOf(rowOf(last, 'Pieter Bakker')) : [];
      ctx.check('Pieter Bakker is offered with a button', row.length === 1, `buttons next to Pieter Bakker: [${row.join(', ')}] in:\n${indent(text)}`);
    },
  },
  {
    name: 'add Milan Kowalski to the Servce Desk group: no such group',
    async run(ctx) {
      const { last } = await ctx.send('add Milan Kowalski to the Servce Desk group');
      const text = await expectText(ctx, 'no group by that name', last, "No group is called 'Servce Desk'");
      const row = text.includes('IT Service Desk') ? await buttonsOf(rowOf(last, 'IT Service Desk')) : [];
      ctx.check('the nearest group, IT Service Desk, is offered with a button', row.length === 1, `buttons next to IT Service Desk: [${row.join(', ')}] in:\n${indent(text)}`);
    },
  },
  {
    name: 'wordt Bram de Groot gesynchroniseerd? (Dutch)',
    async run(ctx) {
      const { last } = await ctx.send('wordt Bram de Groot gesynchroniseerd?');
      await expectText(ctx, 'answered in Dutch', last, 'Bram de Groot', /beheerd|Bron/);
    },
  },
  {
    name: "set Fatima's title to Head of Data and usage location to Japan (synced: AD script + cloud part)",
    async run(ctx) {
      const reply = await ctx.send("set Fatima's title to Head of Data and usage location to Japan");
      const card = reply.last;
      await expectText(ctx, 'plan card: the title goes to AD with Set-ADUser, the usage location to the cloud', card, 'Change Fatima Zahra', 'Head of Data', 'Set-ADUser', 'usage location', 'JP');
      await expectButtons(ctx, 'plan card has Apply and Cancel', card, ['Apply', 'Cancel']);
      await ctx.shot('plan-card', card);
      const script = await expectScript(ctx, reply, card);
      if (script) await ctx.shot('script', script);
      const outcome = await ctx.click(card, 'Apply');
      const text = await expectText(ctx, 'after Apply: the usage location applied in the cloud, the title still for AD', outcome.bubble, 'Applied in Microsoft Entra ID', /JP/);
      ctx.check('after Apply: the AD part is shown as still to do, with its script', has(text, 'Set-ADUser'), missing(text, 'Set-ADUser'));
      await expectNoLiveButtons(ctx, 'after Apply: no Apply/Cancel left on the card', outcome.bubble, ['Apply', 'Cancel']);
      await ctx.shot('outcome', outcome.bubble);
    },
  },
  {
    name: 'set the job title of Noah Peeters to Platform Lead, then history',
    async run(ctx) {
      const { last } = await ctx.send('set the job title of Noah Peeters to Platform Lead');
      await expectButtons(ctx, 'cloud-only change: Apply and Cancel', last, ['Apply', 'Cancel']);
      const outcome = await ctx.click(last, 'Apply');
      await expectText(ctx, 'after Apply: applied', outcome.bubble, 'Applied in Microsoft Entra ID', 'Platform Lead');
      const history = await ctx.send('history of Noah Peeters');
      await expectText(ctx, 'history shows the change', history.last, 'Platform Lead');
    },
  },
  {
    name: 'give Yara El Amrani an E3 licence',
    async run(ctx) {
      const { last } = await ctx.send('give Yara El Amrani an E3 licence');
      await expectText(ctx, 'the plan sets the usage location first', last, 'usage location', /E3/);
    },
  },
  {
    name: 'add Milan Kowalski to the IT Service Desk group; add Fatima to Logistiek Planning (synced group)',
    async run(ctx) {
      const cloud = await ctx.send('add Milan Kowalski to the IT Service Desk group');
      await expectText(ctx, 'a cloud group: added in the cloud after Apply', cloud.last, 'IT Service Desk', 'Applied in Microsoft Entra ID when you click Apply');
      await expectButtons(ctx, 'group membership plan has Apply and Cancel', cloud.last, ['Apply', 'Cancel']);
      const synced = await ctx.send('add Fatima to Logistiek Planning');
      await expectText(ctx, "a synced group: AD's, with Add-ADGroupMember", synced.last, 'Logistiek Planning', 'Add-ADGroupMember');
    },
  },
  {
    name: 'block Fatima Zahra, then Cancel',
    async run(ctx) {
      const reply = await ctx.send('block Fatima Zahra');
      await expectText(ctx, 'block plan: cloud block, sessions revoked, Disable-ADAccount for AD', reply.last, 'Disable-ADAccount', 'sign out everywhere');
      await expectButtons(ctx, 'block plan has Apply and Cancel', reply.last, ['Apply', 'Cancel']);
      const outcome = await ctx.click(reply.last, 'Cancel');
      const texts = [...(await Promise.all([outcome.bubble, ...outcome.newBubbles].map(textOf))), outcome.notice].join('\n');
      ctx.check('Cancel says nothing was changed', has(texts, 'Nothing was changed'), missing(texts, 'Nothing was changed'));
      await expectNoLiveButtons(ctx, 'Cancel replaces the card: Apply and Cancel are gone', outcome.bubble, ['Apply', 'Cancel']);
    },
  },
  {
    name: 'reset the password of Noah Peeters → Apply: a temporary password, once',
    async run(ctx) {
      const { last } = await ctx.send('reset the password of Noah Peeters');
      await expectButtons(ctx, 'password reset plan has Apply and Cancel', last, ['Apply', 'Cancel']);
      const outcome = await ctx.click(last, 'Apply');
      await expectText(ctx, 'the temporary password is shown on the card', outcome.bubble, 'Temporary password:');
    },
  },
  {
    name: 'pending approvals',
    async run(ctx) {
      const { last } = await ctx.send('pending approvals');
      await expectText(ctx, 'the approvals list (none yet in a fresh demo)', last, /No requests are waiting for approval|Requests waiting for approval/);
    },
  },
  {
    name: 'wijzig de functie van Noah in Teamleider → Toepassen (the conversation stays Dutch)',
    async run(ctx) {
      const { last } = await ctx.send('wijzig de functie van Noah in Teamleider');
      await expectText(ctx, 'Dutch plan card', last, 'Noah Peeters wijzigen', 'Teamleider');
      await expectButtons(ctx, 'Dutch plan card has Toepassen and Annuleren', last, ['Toepassen', 'Annuleren']);
      await ctx.shot('plan-card-nl', last);
      const outcome = await ctx.click(last, 'Toepassen');
      const text = await expectText(ctx, 'after Toepassen the outcome card is Dutch', outcome.bubble, 'Toegepast in Microsoft Entra ID', 'Teamleider');
      ctx.check('after Toepassen no English on the card', !/\b(Applied|Change Noah|Done by|applied)\b/.test(text), `English words in:\n${indent(text)}`);
      ctx.check('times in the user\'s time zone, not UTC', !/\bUTC\b/.test(text), `"UTC" in:\n${indent(text)}`);
      await expectNoLiveButtons(ctx, 'after Toepassen: no Toepassen/Annuleren left', outcome.bubble, ['Toepassen', 'Annuleren']);
      await ctx.shot('outcome-nl', outcome.bubble);
    },
  },
  {
    name: 'blokkeer Milan Kowalski (Dutch), Annuleren',
    async run(ctx) {
      const { last } = await ctx.send('blokkeer Milan Kowalski');
      await expectButtons(ctx, 'Dutch block plan has Toepassen and Annuleren', last, ['Toepassen', 'Annuleren']);
      const outcome = await ctx.click(last, 'Annuleren');
      const texts = [...(await Promise.all([outcome.bubble, ...outcome.newBubbles].map(textOf))), outcome.notice].join('\n');
      ctx.check('Annuleren answers in Dutch', has(texts, 'Geannuleerd'), missing(texts, 'Geannuleerd'));
      await expectNoLiveButtons(ctx, 'Annuleren replaces the card: Toepassen and Annuleren are gone', outcome.bubble, ['Toepassen', 'Annuleren']);
    },
  },
];
