import type { Locator, Page, WebSocket } from 'playwright-core';

/** What the playground's server pushed to its page for one bot message (its `_ws_conversation` stream). */
export interface PushedMessage {
  action: 'createMessage' | 'updateMessage';
  messageId: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

/** One answer of the bot as rendered: the message bubbles it added, and the activities behind them. */
export interface Reply {
  /** The bot's new message bubbles, oldest first. */
  bubbles: Locator[];
  /** The last of them. */
  last: Locator;
  messages: PushedMessage[];
}

/** A card action's outcome: the clicked bubble (updated in place) and the invoke response's card, if any. */
export interface ClickOutcome {
  bubble: Locator;
  /** The Adaptive Card the bot answered the invoke with (Universal Actions replace the clicked card with it). */
  card: unknown;
  /** What the playground showed under the card about the click: its own "Your response was sent to the app", or
   * the bot's message when it answered the invoke with one. */
  notice: string;
  /** Messages the bot posted besides. */
  newBubbles: Locator[];
}

/** A bot message in the chat pane: text or card, each drawn in an OutputCard. User messages have none. */
const BOT_BUBBLE = '.fai-OutputCard';
const QUIET_MS = 700;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Microsoft 365 Agents Playground (0.2.28) as a person uses it: pick a chat, type into its compose box (a
 * Lexical editor, not an <input>), press Enter, read the bot's bubbles, click card buttons. It watches the page's
 * WebSocket for what the bot sent, so it knows when an answer is complete before it reads the rendered page.
 */
export class PlaygroundPage {
  readonly pushed: PushedMessage[] = [];

  private constructor(readonly page: Page) {}

  static async open(page: Page, url: string, timeoutMs: number): Promise<PlaygroundPage> {
    const playground = new PlaygroundPage(page);
    page.on('websocket', (ws) => playground.watch(ws));
    await page.goto(url, { timeout: timeoutMs });
    await page.getByRole('treeitem', { name: /Personal Chat/ }).or(page.getByText('Personal Chat')).first().waitFor({ timeout: timeoutMs });
    return playground;
  }

  private watch(ws: WebSocket): void {
    if (!ws.url().includes('_ws_conversation')) return;
    ws.on('framereceived', ({ payload }) => {
      try {
        const event = JSON.parse(String(payload)) as { action?: string; message?: Omit<PushedMessage, 'action'> };
        if ((event.action === 'createMessage' || event.action === 'updateMessage') && event.message) {
          this.pushed.push({ action: event.action, ...event.message });
        }
      } catch {
        /* not JSON: nothing we read */
      }
    });
  }

  private get bubbles(): Locator {
    return this.page.locator(BOT_BUBBLE);
  }

  async openChat(name: string, timeoutMs: number): Promise<void> {
    await this.page.getByText(name, { exact: true }).first().click({ timeout: timeoutMs });
    await this.composeBox.waitFor({ timeout: timeoutMs });
  }

  private get composeBox(): Locator {
    return this.page.locator('[data-lexical-editor="true"]');
  }

  /**
   * Waits for the chat's first bot messages, which arrive without being asked (a welcome on install): what came
   * within `ms`, or null when nothing did.
   */
  async firstReply(ms: number): Promise<Reply | null> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline && this.created() === 0) await sleep(100);
    return this.created() === 0 ? null : this.settle(0, 0, ms);
  }

  /** Types a message as the user does and waits for the bot's complete answer, rendered. */
  async send(text: string, timeoutMs: number): Promise<Reply> {
    const pushedBefore = this.created();
    const bubblesBefore = await this.bubbles.count();
    await this.composeBox.click({ timeout: timeoutMs });
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    const deadline = Date.now() + timeoutMs;
    while (this.created() === pushedBefore) {
      if (Date.now() > deadline) throw new Error(`no answer to "${text}" within ${timeoutMs / 1000} s`);
      await sleep(100);
    }
    return this.settle(pushedBefore, bubblesBefore, Math.max(1_000, deadline - Date.now()));
  }

  /**
   * Clicks a card button (Action.Execute / Action.Submit) and waits for the bot's invoke response and for the clicked
   * bubble to show it. `near`: the button in the part of the card that shows this text (a choice card has one
   * "This one" per row).
   */
  async click(bubble: Locator, button: string, timeoutMs: number, near?: string): Promise<ClickOutcome> {
    const pushedBefore = this.created();
    const bubblesBefore = await this.bubbles.count();
    const textBefore = await cardText(bubble);
    const target = buttonIn(near ? rowOf(bubble, near) : bubble, button);
    if ((await target.count()) !== 1) {
      throw new Error(`${await target.count()} buttons "${button}"${near ? ` next to "${near}"` : ''} on the card, not one (buttons: ${(await buttonsOf(bubble)).join(', ')})`);
    }
    const invoked = this.page
      .waitForResponse((r) => r.url().includes('/_conversation/v1/invoke') && r.request().method() === 'POST', { timeout: timeoutMs })
      .then((r) => r.json().catch(() => null) as Promise<{ body?: { value?: unknown }; value?: unknown } | null>)
      .catch(() => {
        throw new Error(`the bot did not answer the click on "${button}" within ${timeoutMs / 1000} s`);
      });
    invoked.catch(() => undefined); // awaited below; never an unhandled rejection if the click itself fails
    await target.click({ timeout: timeoutMs });
    const body = await invoked;
    const card = body?.body?.value ?? body?.value ?? body;
    // The card is redrawn once the page has the response; a bot that answers with no card leaves it as it was.
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && (await cardText(bubble)) === textBefore) await sleep(100);
    await sleep(QUIET_MS);
    // The playground's own "Your response was sent to the app" under the card: not the bot's, so out of the way.
    // An invoke answered with a message (not a card) shows that message there instead.
    const shown = bubble.locator('[aria-label="Display Invoked Message"]');
    const notice = (await shown.isVisible()) ? (await shown.innerText()).trim() : '';
    const dismiss = bubble.locator('[aria-label="Dismiss Invoke Message"]');
    if (await dismiss.isVisible()) await dismiss.click().catch(() => undefined);
    const reply = this.created() > pushedBefore ? await this.settle(pushedBefore, bubblesBefore, timeoutMs) : null;
    return { bubble, card, notice, newBubbles: reply?.bubbles ?? [] };
  }

  private created(): number {
    return this.pushed.filter((m) => m.action === 'createMessage').length;
  }

  /** Waits until the bot has been quiet for a moment and every message it pushed is drawn. */
  private async settle(pushedBefore: number, bubblesBefore: number, timeoutMs: number): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    let seen = this.created();
    for (;;) {
      await sleep(QUIET_MS);
      if (this.created() === seen || Date.now() > deadline) break;
      seen = this.created();
    }
    const messages = this.pushed.filter((m) => m.action === 'createMessage').slice(pushedBefore);
    const want = bubblesBefore + messages.length;
    while ((await this.bubbles.count()) < want) {
      if (Date.now() > deadline) throw new Error(`the bot sent ${messages.length} message(s) but the page drew ${(await this.bubbles.count()) - bubblesBefore}`);
      await sleep(100);
    }
    const bubbles = messages.map((_, i) => this.bubbles.nth(bubblesBefore + i));
    // Cards render asynchronously after the bubble appears.
    for (const bubble of bubbles) await bubble.locator('.ac-adaptiveCard, p, span').first().waitFor({ timeout: Math.max(1_000, deadline - Date.now()) });
    return { bubbles, last: bubbles[bubbles.length - 1], messages };
  }
}

/** The text of the bubble's card (or of the bubble, for a text message), without the playground's notices. */
async function cardText(bubble: Locator): Promise<string> {
  const card = bubble.locator('.ac-adaptiveCard').first();
  return (await card.count()) ? card.innerText() : bubble.innerText();
}

/** The visible text of a bubble, as a person reads it (line breaks kept). */
export const textOf = (bubble: Locator): Promise<string> => bubble.innerText();

const buttonIn = (scope: Locator, name: string): Locator => scope.locator('.ac-actionSet button').filter({ hasText: new RegExp(`^\\s*${escape(name)}\\s*$`) });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The innermost part of a card (a container, a row) that shows `text` and has a button: a choice's row. */
export function rowOf(bubble: Locator, text: string): Locator {
  return bubble.locator('.ac-container').filter({ hasText: text }).filter({ has: bubble.page().locator('.ac-actionSet button') }).last();
}

/** The names of a card's enabled buttons (its actions, a choice's options), or of one row of it. */
export async function buttonsOf(bubble: Locator): Promise<string[]> {
  const buttons = bubble.locator('.ac-actionSet button');
  const names: string[] = [];
  for (let i = 0; i < (await buttons.count()); i++) {
    const b = buttons.nth(i);
    if ((await b.isVisible()) && (await b.isEnabled())) names.push((await b.innerText()).trim());
  }
  return [...new Set(names)];
}
