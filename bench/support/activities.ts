/**
 * The turns the benchmarks send: Teams message activities as they reach /api/messages, and the realistic mix
 * of the issue — `show`, sync-status questions, and change requests that produce a confirmation card.
 */
import { randomUUID } from 'node:crypto';

export type TurnKind = 'show' | 'syncStatus' | 'change';

export interface Turn {
  kind: TurnKind;
  text: string;
}

/** Admins of the demo tenant: Daan Visser and Priya Raman (User Administrators), Hendrik Mulder (Global). */
export const DEMO_ADMINS = ['c2d4a037-922c-45fd-8286-ec9d58f61fb6', '44cc9b20-de45-4c9c-b8f7-ac58f7971691', 'fc965c71-4f96-41b8-b210-ca6d973363bd'];

/** By name (one `$filter` each), synced and cloud-only accounts, English and Dutch; no change is ever applied. */
export const DEMO_MIX: Turn[] = [
  { kind: 'show', text: 'show Fatima Zahra' },
  { kind: 'syncStatus', text: 'is Kenji Watanabe synced?' },
  { kind: 'change', text: 'set the job title of Noah Peeters to Platform Lead' },
  { kind: 'show', text: 'show Milan Kowalski' },
  { kind: 'syncStatus', text: 'is Willem Post synchronized?' },
  { kind: 'change', text: "set Fatima's title to Head of Data and usage location to Japan" },
  { kind: 'syncStatus', text: 'wordt Bram de Groot gesynchroniseerd?' },
  { kind: 'show', text: 'toon Noah Peeters' },
  { kind: 'change', text: 'give Yara El Amrani an E3 licence' },
  { kind: 'syncStatus', text: 'is Sanne de Jong synced?' },
  { kind: 'change', text: 'zet de afdeling van Milan Kowalski op Support' },
  { kind: 'show', text: 'show Anouk Jansen' },
];

export interface ActivityContext {
  serviceUrl: string;
  tenantId: string;
}

/**
 * A Teams message activity from `from` (an Entra object id) in their 1:1 chat with the bot, with what Teams sends on
 * every message beside the text: the client's local time and zone, and its clientInfo entity.
 */
export function messageActivity(ctx: ActivityContext, from: string, text: string, locale = 'en-US'): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: ctx.serviceUrl,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString().replace('Z', '+01:00'),
    localTimezone: 'Europe/Amsterdam',
    locale,
    text,
    entities: [{ type: 'clientInfo', locale, country: 'NL', platform: 'Web', timezone: 'Europe/Amsterdam' }],
    from: { id: `29:${from}`, aadObjectId: from, name: 'Bench user' },
    recipient: { id: '28:bot', name: 'Account Assistant' },
    conversation: { id: `conv-${from}`, conversationType: 'personal', tenantId: ctx.tenantId },
    channelData: { tenant: { id: ctx.tenantId } },
  };
}

/** The mix as request bodies, each sentence from each admin in turn (Dutch sentences with a Dutch locale). */
export function mixBodies(ctx: ActivityContext, mix: Turn[], admins: string[]): { kind: TurnKind; body: string }[] {
  return mix.map((turn, i) => ({
    kind: turn.kind,
    body: JSON.stringify(messageActivity(ctx, admins[i % admins.length], turn.text, /^(wordt|toon|zet) /.test(turn.text) ? 'nl-NL' : 'en-US')),
  }));
}

/**
 * What a reply posted to the connector is, by the card it carries: a confirmation card offers Apply, a profile
 * card offers the sync status, a sync-status card is the one whose second block is the source-of-authority box.
 */
export function replyKind(posted: string): TurnKind | 'other' {
  const activity = JSON.parse(posted) as { attachments?: { contentType: string; content: { body?: { type: string }[] } }[] };
  const card = activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  if (!card) return 'other';
  const json = JSON.stringify(card);
  if (json.includes('"verb":"change.apply"')) return 'change';
  if (json.includes('"verb":"account.syncStatus"')) return 'show';
  if (json.includes('"verb":"resolve.pick"')) return 'other';
  return card.body?.[1]?.type === 'Container' ? 'syncStatus' : 'other';
}
