import type { MessageKey, Translator } from '../i18n/translate';
import { renderCard, type AdaptiveCard } from './renderCard';

export interface HelpView {
  /** Names of the caller's admin roles, as Entra shows them. */
  roleNames: string[];
  isManager: boolean;
}

const ADMIN_EXAMPLES: MessageKey[] = [
  'help.example.show', 'help.example.sync', 'help.example.change', 'help.example.block',
  'help.example.password', 'help.example.licence', 'help.example.group', 'help.example.history',
];
const MANAGER_EXAMPLES: MessageKey[] = ['help.example.request', 'help.example.myRequests'];
const EVERYONE_EXAMPLES: MessageKey[] = ['help.example.show', 'help.example.sync'];

/** What this caller can ask, from their roles: admins see changes, managers see requests. */
export function helpCard(view: HelpView, t: Translator): AdaptiveCard {
  const admin = view.roleNames.length > 0;
  const keys = [...(admin ? ADMIN_EXAMPLES : EVERYONE_EXAMPLES), ...(view.isManager ? MANAGER_EXAMPLES : [])];
  return renderCard('help', {
    title: t('help.title'),
    intro: t('help.intro'),
    listTitle: admin ? t('help.adminTitle', { roles: view.roleNames.join(', ') }) : t('help.noRoleTitle'),
    examples: keys.map((k) => ({ text: t(k) })),
    footer: t('help.footer'),
  });
}
