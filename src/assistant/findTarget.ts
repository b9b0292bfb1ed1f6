import type { Account } from '../directory/account';
import { resolveAccount } from '../directory/accountResolver';
import { choosePersonCard } from '../cards/choosePersonCard';
import type { Translator } from '../i18n/translate';
import type { Request } from '../language/request';
import { plainText } from '../cards/plainText';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { card, text, type Reply } from './reply';

/** How long a choice card stays answerable. */
const PICK_TTL_MS = 30 * 60_000;

/** The one account the request names, or the replies that ask the caller to say which (nothing else happens). */
export async function findTarget(
  ctx: AssistantContext,
  caller: Caller,
  request: Request,
  t: Translator,
): Promise<{ account: Account } | { replies: Reply[] }> {
  if (!request.target) return { replies: [text(t('target.missing'))] };
  const found = await resolveAccount(ctx.directory, request.target, caller.id);
  switch (found.kind) {
    case 'one':
      return { account: found.account };
    case 'many': {
      const pendingId = await ctx.picks.save({
        callerId: caller.id,
        request,
        candidateIds: found.candidates.map((c) => c.id),
        expiresAt: ctx.clock.now().getTime() + PICK_TTL_MS,
      });
      return { replies: [card(choosePersonCard(request.target, found.candidates, pendingId, t))] };
    }
    case 'none': {
      const lines = [t('resolve.noMatch', { query: plainText(request.target) })];
      if (found.suggestions.length) {
        lines.push(t('resolve.suggestions', { names: found.suggestions.map((s) => plainText(s.displayName ?? s.userPrincipalName)).join(', ') }));
      }
      return { replies: [text(lines.join(' '))] };
    }
  }
}
