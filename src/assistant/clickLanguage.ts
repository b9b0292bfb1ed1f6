import type { Language } from '../language/request';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { languageForUser } from './conversationLanguage';

/** What a stored plan, pick or request keeps of the conversation it came from. */
interface Spoken {
  language?: Language;
}

/**
 * The language to answer a click in: the one its card was made in when the card is the clicker's own (their plan,
 * pick or request), else the clicker's own (their last message, else their client's locale). Only ids from the card
 * are used, to read the stored record; a card cannot choose the language.
 */
export async function clickLanguage(ctx: AssistantContext, caller: Caller, data: object): Promise<Language> {
  return (await languageOfRecord(ctx, caller, data).catch(() => undefined)) ?? languageForUser(ctx, caller.id, caller.locale);
}

async function languageOfRecord(ctx: AssistantContext, caller: Caller, data: object): Promise<Language | undefined> {
  const ids = data as { planId?: string; pendingId?: string; requestId?: string };
  const planId = ids.planId ?? ids.pendingId;
  if (planId) {
    const plan = await ctx.plans.get(planId);
    return plan?.actorId === caller.id ? spoken(plan.payload) : undefined;
  }
  if (ids.requestId) {
    const request = await ctx.requests.get(ids.requestId);
    return request?.requesterId === caller.id ? spoken(request.changes) : undefined;
  }
  return undefined;
}

function spoken(payload: unknown): Language | undefined {
  const language = (payload as Spoken | null)?.language;
  return language === 'nl' || language === 'en' ? language : undefined;
}
