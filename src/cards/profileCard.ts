import type { Account } from '../directory/account';
import type { AccountSummary } from '../directory/directory';
import type { Translator } from '../i18n/translate';
import type { SourceOfAuthority } from '../sync/sourceOfAuthority';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';

export interface ProfileView {
  account: Account;
  manager: AccountSummary | null;
  source: SourceOfAuthority;
  /** Friendly licence names, resolved from the tenant's SKUs where known. */
  licences: string[];
}

/** The card for "show <person>": the profile, where it is managed, and a way to ask why. */
export function profileCard(view: ProfileView, t: Translator): AdaptiveCard {
  const a = view.account;
  const none = t('profile.none');
  const v = (value: string | null | undefined) => (value ? plainText(value) : none);
  const facts = [
    { title: t('profile.upn'), value: v(a.userPrincipalName) },
    { title: t('profile.mail'), value: v(a.mail) },
    { title: t('profile.jobTitle'), value: v(a.jobTitle) },
    { title: t('profile.department'), value: v(a.department) },
    { title: t('profile.companyName'), value: v(a.companyName) },
    { title: t('profile.officeLocation'), value: v(a.officeLocation) },
    { title: t('profile.businessPhones'), value: v(a.businessPhones.join(', ')) },
    { title: t('profile.mobilePhone'), value: v(a.mobilePhone) },
    { title: t('profile.city'), value: v(a.city) },
    { title: t('profile.country'), value: v(a.country) },
    { title: t('profile.usageLocation'), value: v(a.usageLocation) },
    { title: t('profile.manager'), value: v(view.manager?.displayName ?? view.manager?.userPrincipalName) },
    { title: t('profile.accountEnabled'), value: a.accountEnabled === false ? t('profile.disabled') : t('profile.enabled') },
    { title: t('profile.licences'), value: v(view.licences.join(', ')) },
  ];
  const synced = view.source.kind === 'onPremises';
  return renderCard('profile', {
    title: plainText(a.displayName ?? a.userPrincipalName),
    subtitle: plainText([a.jobTitle, a.department].filter(Boolean).join(' · ') || a.userPrincipalName),
    sourceBadge: synced ? 'AD' : 'Cloud',
    sourceColor: synced ? 'Attention' : 'Good',
    facts,
    accountId: a.id,
    syncButton: t('profile.syncButton'),
  });
}
