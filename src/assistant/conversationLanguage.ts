import { replyLanguage, translator, type Translator } from '../i18n/translate';
import type { Language } from '../language/request';
import type { AssistantContext } from './assistantContext';

/** The language a translator speaks: what a plan, pick or request stores to be answered in later. */
export { languageOf } from '../i18n/translate';

/**
 * How to speak to someone who did not just write (a click on another person's card, a notice, an approval card):
 * in the language of their last message to the bot, else their Teams client's locale, else English.
 */
export async function languageForUser(ctx: Pick<AssistantContext, 'preferences'>, userId: string, locale?: string): Promise<Language> {
  const prefs = await ctx.preferences.get(userId);
  return prefs?.language ?? replyLanguage(locale, undefined);
}

export async function translatorForUser(ctx: Pick<AssistantContext, 'preferences'>, userId: string, locale?: string): Promise<Translator> {
  return translator(await languageForUser(ctx, userId, locale));
}
