import type { MessageKey, Translator } from '../i18n/translate';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';

/** Who the person is to the bot, as Entra says: their admin roles and how many people report to them. */
export interface WelcomeView {
  /** Their active admin roles' names; empty for none. */
  roleNames: string[];
  directReports: number;
  /** False when their roles could not be read: the card then says nothing about them rather than something wrong. */
  known: boolean;
}

const ADMIN_TRIES: MessageKey[] = ['help.example.sync', 'help.example.show', 'welcome.try.help'];
const MANAGER_TRIES: MessageKey[] = ['welcome.try.request', 'help.example.myRequests', 'welcome.try.help'];
const EVERYONE_TRIES: MessageKey[] = ['help.example.show', 'help.example.sync', 'welcome.try.help'];

/**
 * The first card in a personal chat: what the bot is, who the person is to it, and three things to try as buttons
 * that send their text as the person's own message (imBack), so trying one is the same as typing it.
 */
export function welcomeCard(view: WelcomeView, t: Translator): AdaptiveCard {
  const admin = view.roleNames.length > 0;
  const standing: string[] = [];
  if (view.known && admin) standing.push(t('welcome.admin', { count: view.roleNames.length, roles: view.roleNames.map(plainText).join(', ') }));
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
