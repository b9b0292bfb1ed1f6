import { TurnContext, type Activity } from 'botbuilder';
import type { Json } from '../store/json';
import type { Caller } from '../assistant/caller';

/** The caller as the (authenticated) activity names them; null when Teams did not say who it is. */
export function callerFromActivity(activity: Activity): Caller | null {
  const id = activity.from?.aadObjectId;
  const tenantId = activity.channelData?.tenant?.id ?? activity.conversation?.tenantId;
  if (!id || !tenantId) return null;
  return {
    id,
    name: activity.from.name ?? null,
    tenantId,
    locale: activity.locale ?? undefined,
    ...optionalTimeZone(activity),
    conversation: {
      id: activity.conversation.id,
      type: conversationKind(activity),
    },
    reference: TurnContext.getConversationReference(activity) as unknown as Json,
    ...(activity.type === 'invoke' && activity.replyToId ? { cardActivityId: activity.replyToId } : {}),
  };
}

/**
 * The client's time zone: Teams sends it on each activity as `localTimezone`, and in the `clientInfo` entity. It is
 * client-supplied text, so it is kept only when the runtime knows it as a zone (anything else would throw later).
 */
export function timeZoneOf(activity: Pick<Activity, 'localTimezone' | 'entities'>): string | undefined {
  const clientInfo = activity.entities?.find((e) => e?.type === 'clientInfo') as { timezone?: unknown } | undefined;
  for (const zone of [activity.localTimezone, clientInfo?.timezone]) {
    if (typeof zone !== 'string' || !zone || zone.length > 64) continue;
    const known = knownZone(zone);
    if (known) return known;
  }
  return undefined;
}

/** Zones as the runtime spells them, by the text a client sent (null: no zone); bounded, as clients choose the text. */
const ZONES = new Map<string, string | null>();
const MAX_ZONES = 1_000;

/**
 * Asking the runtime means building an Intl.DateTimeFormat, about 50 µs: on every turn (Teams sends the zone on each
 * activity) that was a twentieth of a turn's CPU. People use a few dozen zones, so each answer is kept.
 */
function knownZone(zone: string): string | null {
  const seen = ZONES.get(zone);
  if (seen !== undefined) return seen;
  let known: string | null;
  try {
    known = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    // Not a zone this runtime knows: the next candidate, else none (times are then shown in UTC, saying so).
    known = null;
  }
  if (ZONES.size >= MAX_ZONES) ZONES.delete(ZONES.keys().next().value!);
  ZONES.set(zone, known);
  return known;
}

function optionalTimeZone(activity: Activity): { timeZone?: string } {
  const timeZone = timeZoneOf(activity);
  return timeZone ? { timeZone } : {};
}

/**
 * Where the activity was said. Teams always names it (and production serves only Teams). A client that does not
 * (the development playground) has a 1:1 chat unless it says the conversation is a group; a kind we do not know
 * counts as a group chat, so a temporary password or a personal notice never goes to it.
 */
export function conversationKind(activity: Pick<Activity, 'conversation'>): Caller['conversation']['type'] {
  const kind = activity.conversation?.conversationType;
  if (kind === 'personal' || kind === 'channel' || kind === 'groupChat') return kind;
  return kind === undefined && activity.conversation?.isGroup !== true ? 'personal' : 'groupChat';
}
