import type { MessageKey, Translator } from '../i18n/translate';
import { renderCard, type AdaptiveCard } from './renderCard';
import type { Abilities } from '../policy/changePolicy';

export interface HelpView {
  /** Names of the caller's admin roles, as Entra shows them. */
  roleNames: string[];
  /** What those roles let them change on an ordinary account. */
  can: Abilities;
  /** They may decide on managers' requests. */
  decides: boolean;
  isManager: boolean;
}

const MANAGER_EXAMPLES: MessageKey[] = ['help.example.request', 'help.example.myRequests'];
/** Without an admin role the bot shows only the person themselves (and a manager their reports). */
const EVERYONE_EXAMPLES: MessageKey[] = ['help.example.showMe', 'help.example.syncMe'];

/** The examples an admin's roles make true: a Password Administrator is not offered a job title change. */
export function adminExamples(can: Abilities, decides: boolean): MessageKey[] {
  return [
    'help.example.show', 'help.example.sync',
    ...(can.profile ? ['help.example.change' as const] : []),
    ...(can.block ? ['help.example.block' as const] : []),
    ...(can.password ? ['help.example.password' as const] : []),
    ...(can.licence ? ['help.example.licence' as const] : []),
    ...(can.group ? ['help.example.group' as const] : []),
    // Offboarding starts with blocking sign-in; changes to several people take the profile rights.
    ...(can.block ? ['help.example.offboard' as const] : []),
    ...(can.profile ? ['help.example.bulk' as const, 'help.example.csv' as const] : []),
    'help.example.history',
    ...(decides ? ['help.example.pending' as const] : []),
  ];
}

/** What this caller can ask, from their roles: admins see what their roles allow, managers see requests. */
export function helpCard(view: HelpView, t: Translator): AdaptiveCard {
  const admin = view.roleNames.length > 0;
  const keys = [...(admin ? adminExamples(view.can, view.decides) : EVERYONE_EXAMPLES), ...(view.isManager ? MANAGER_EXAMPLES : [])];
  return renderCard('help', {
    title: t('help.title'),
    intro: t('help.intro'),
    listTitle: admin ? t('help.adminTitle', { roles: view.roleNames.join(', ') }) : t('help.noRoleTitle'),
    examples: keys.map((k) => ({ text: t(k) })),
    footer: t('help.footer'),
  });
}
