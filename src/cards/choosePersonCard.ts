import type { AccountSummary } from '../directory/directory';
import type { Translator } from '../i18n/translate';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';

/**
 * "Which one do you mean?" — one row per candidate, each with a pick button carrying only ids. `question` replaces
 * the heading for suggestions ("No account matches …. Did you mean:").
 */
export function choosePersonCard(query: string, candidates: AccountSummary[], pendingId: string, t: Translator, question?: string): AdaptiveCard {
  return renderCard('choosePerson', {
    question: question ?? t('resolve.ambiguous', { count: candidates.length, query: plainText(query) }),
    pickLabel: t('resolve.pick'),
    pendingId,
    candidates: candidates.map((c) => ({
      id: c.id,
      name: plainText(c.displayName ?? c.userPrincipalName),
      upn: plainText(c.userPrincipalName),
      details: plainText([c.jobTitle, c.department].filter(Boolean).join(' · ') || ' '),
    })),
  });
}
