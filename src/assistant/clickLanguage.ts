import type { Language } from '../language/request';
import type { PlanRecord, RequestRecord } from '../store';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { languageForUser } from './conversationLanguage';

/** What a stored plan, pick or request keeps of the conversation it came from. */
interface Spoken {
  language?: Language;
}

/**
 * What a click's turn learned before its use case ran: the language to answer in and the stored record read for it.
 * `plan` (also a pick: picks are stored as plans) and `request` are there only when read, `null` when read and absent;
 * `undefined` means not read (or the read failed), and the use case reads it itself.
 *
 * The record is read at the start of this same turn: a use case may take it instead of reading it again only where
 * it would read it first, before anything of its own is written (Apply, Schedule, Undo, a pick). Safety never rests
 * on that read being fresh: a claim, a version or a state transition in the store decides.
 */
export interface ClickRead {
  language: Language;
  plan?: PlanRecord | null;
  request?: RequestRecord | null;
}

/**
 * The language to answer a click in: the one its card was made in when the card is the clicker's own (their plan,
 * pick or request), else the clicker's own (their last message, else their client's locale). Only ids from the card
 * are used, to read the stored record; a card cannot choose the language.
 */
export async function clickLanguage(ctx: AssistantContext, caller: Caller, data: object): Promise<Language> {
  return (await readClick(ctx, caller, data)).language;
}

/** {@link clickLanguage}, with the record it read, for the turn's use case to take rather than read again. */
export async function readClick(ctx: AssistantContext, caller: Caller, data: object): Promise<ClickRead> {
  const read = await readRecord(ctx, data).catch(() => ({}) as Omit<ClickRead, 'language'>);
  return { language: languageOfRecord(read, caller) ?? (await languageForUser(ctx, caller.id, caller.locale)), ...read };
}

async function readRecord(ctx: AssistantContext, data: object): Promise<Omit<ClickRead, 'language'>> {
  const ids = data as { planId?: string; pendingId?: string; requestId?: string };
  const planId = ids.planId ?? ids.pendingId;
  if (planId) return { plan: await ctx.plans.get(planId) };
  if (ids.requestId) return { request: await ctx.requests.get(ids.requestId) };
  return {};
}

function languageOfRecord(read: Omit<ClickRead, 'language'>, caller: Caller): Language | undefined {
  if (read.plan) return read.plan.actorId === caller.id ? spoken(read.plan.payload) : undefined;
  if (read.request) return read.request.requesterId === caller.id ? spoken(read.request.changes) : undefined;
  return undefined;
}

function spoken(payload: unknown): Language | undefined {
  const language = (payload as Spoken | null)?.language;
  return language === 'nl' || language === 'en' ? language : undefined;
}
