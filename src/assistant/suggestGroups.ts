import { chooseGroupCard } from '../cards/chooseGroupCard';
import { plainText } from '../cards/plainText';
import type { Account } from '../directory/account';
import { findNearGroups } from '../directory/nearGroups';
import type { Translator } from '../i18n/translate';
import type { Request } from '../language/request';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { languageOf } from './conversationLanguage';
import { DirectoryError } from '../errors';
import { PICK_TTL_MS } from './findTarget';
import { card, text, type Reply } from './reply';


/**
 * A group name that matched no group: the nearest group names as buttons. The request and the offered group ids
 * are stored as a pick for this account; a click names one of those ids, and the same request is planned with it.
 */
export async function suggestGroups(ctx: AssistantContext, caller: Caller, account: Account, request: Request, query: string, t: Translator): Promise<Reply[]> {
  // Suggestions are a help, not an answer: a search that fails leaves the plain "no group is called …".
  const groups = await findNearGroups(ctx.directory, query).catch((error: unknown) => {
    if (!(error instanceof DirectoryError)) throw error;
    ctx.log.warn('group.suggestionsFailed', { code: error.code });
    return [];
  });
  if (!groups.length) return [text(t('group.notFound', { query: plainText(query) }))];
  const pendingId = await ctx.picks.save({
    callerId: caller.id,
    request,
    candidateIds: groups.map((g) => g.id),
    expiresAt: ctx.clock.now().getTime() + PICK_TTL_MS,
    language: languageOf(t),
    accountId: account.id,
  });
  return [card(chooseGroupCard(t('group.didYouMean', { query: plainText(query) }), groups, pendingId, t))];
}
