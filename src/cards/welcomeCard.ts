import type { MessageKey, Translator } from '../i18n/translate';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';
import type { Abilities } from '../policy/changePolicy';

/** Who the person is to the bot, as Entra says: their admin roles and how many people report to them. */
export interface WelcomeView {
  /** Their active admin roles' names; empty for none. */
  roleNames: string[];
  directReports: number;
  /** What their roles let them change, and whether they decide on managers' requests. */
  can: Abilities;
  decides: boolean;
  /** False when their roles could not be read: the card then says nothing about them rather than something wrong. */
  known: boolean;
}

const ADMIN_TRIES: MessageKey[] = ['help.example.sync', 'help.example.show', 'welcome.try.help'];
const MANAGER_TRIES: MessageKey[] = ['welcome.try.request', 'help.example.myRequests', 'welcome.try.help'];
/** Without an admin role the bot shows only the person themselves. */
const EVERYONE_TRIES: MessageKey[] = ['help.example.showMe', 'help.example.syncMe', 'welcome.try.help'];

/** "change job titles and other profile details, block sign-in, …": what the roles allow, in words. */
function abilities(view: WelcomeView, t: Translator): string {
  const parts: MessageKey[] = [
    'ability.lookUp',
    ...(view.can.profile ? ['ability.profile' as const] : []),
    ...(view.can.block ? ['ability.block' as const] : []),
    ...(view.can.password ? ['ability.password' as const] : []),
    ...(view.can.licence ? ['ability.licence' as const] : []),
    ...(view.can.group ? ['ability.group' as const] : []),
    ...(view.can.block ? ['ability.offboard' as const] : []),
    ...(view.can.profile ? ['ability.bulk' as const] : []),
    ...(view.decides ? ['ability.decide' as const] : []),
  ];
  return new Intl.ListFormat(t('language.code'), { type: 'conjunction' }).format(parts.map((k) => t(k)));
}

/**
 * The first card in a personal chat: what the bot is, who the person is to it, and three things to try as buttons
 * that send their text as the person's own message (imBack), so trying one is the same as typing it.
 */
export function welcomeCard(view: WelcomeView, t: Translator): AdaptiveCard {
  const admin = view.roleNames.length > 0;
  const standing: string[] = [];
  if (view.known && admin) standing.push(t('welcome.admin', { count: view.roleNames.length, roles: view.roleNames.map(plainText).join(', '), abilities: abilities(view, t) }));
  if (view.known && view.directReports > 0) standing.push(t('welcome.manager', { count: view.directReports }));
  if (view.known && !standing.length) standing.push(t('welcome.neither'));
  const tries = admin ? ADMIN_TRIES : view.directReports > 0 ? MANAGER_TRIES : EVERYONE_TRIES;
  return renderCard('welcome', {
    title: t('welcome.title'),
    intro: t('help.intro'),
    standing: standing.map((line) => ({ line })),
    tryTitle: t('welcome.tryTitle'),
    tries: tries.map((k) => ({ text: t(k) })),
    footer: t('help.footer'),
  });
}
