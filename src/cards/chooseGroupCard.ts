import type { Group } from '../directory/directory';
import type { Translator } from '../i18n/translate';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';

/** "Did you mean one of these groups?" — one row per group, each with a pick button carrying only ids. */
export function chooseGroupCard(question: string, groups: Group[], pendingId: string, t: Translator): AdaptiveCard {
  return renderCard('chooseGroup', {
    question,
    pickLabel: t('resolve.pick'),
    pendingId,
    groups: groups.map((g) => ({
      id: g.id,
      // Anyone may create a group: its name and mail are shown as text, never as a link or formatting.
      name: plainText(g.displayName),
      details: plainText([g.mail, g.onPremisesSyncEnabled ? t('group.fromAd') : null].filter(Boolean).join(' · ') || ' '),
    })),
  });
}
