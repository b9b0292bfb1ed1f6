import type { Account } from '../directory/account';
import { formatAge, languageOf, type Translator } from '../i18n/translate';
import { formatTime } from '../i18n/formatTime';
import { onPremisesMasteredProperties } from '../sync/propertyAuthority';
import type { SourceOfAuthority } from '../sync/sourceOfAuthority';
import { propertyLabel } from './propertyLabel';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';

/** The card for "is <person> synchronized?": source of authority, on-premises identity, sync age, and what can be changed where. */
export function syncStatusCard(account: Account, source: SourceOfAuthority, t: Translator, timeZone?: string): AdaptiveCard {
  const name = plainText(account.displayName ?? account.userPrincipalName);
  const synced = source.kind === 'onPremises';
  const facts: { title: string; value: string }[] = [];
  const add = (title: string, value: string | null) => value && facts.push({ title, value: plainText(value) });
  if (source.kind !== 'cloudOnly') {
    add(t('sync.domain'), source.onPremises.domain);
    add(t('sync.sam'), source.onPremises.samAccountName);
    add(t('sync.dn'), source.onPremises.distinguishedName);
    add(t('sync.onPremUpn'), source.onPremises.userPrincipalName);
    const age = source.lastSyncAgeMinutes === null ? null : formatAge(t, source.lastSyncAgeMinutes);
    facts.push({
      title: t('sync.lastSync'),
      value: source.lastSync && age ? t('sync.lastSyncValue', { time: formatTime(source.lastSync, languageOf(t), timeZone), age }) : t('sync.never'),
    });
  }
  const staleWarning = source.stale
    ? t('sync.staleWarning', { age: source.lastSyncAgeMinutes === null ? t('sync.never') : formatAge(t, source.lastSyncAgeMinutes) })
    : '';
  return renderCard('syncStatus', {
    title: t('sync.title', { name }),
    authorityLabel: t('sync.authority'),
    authority: t(`source.${source.kind}`),
    authorityStyle: synced ? 'warning' : 'good',
    explanation: t(`sync.explain.${source.kind}`),
    facts,
    staleWarning,
    errorsTitle: t('sync.errorsTitle'),
    errorsExplain: t('sync.errorsExplain'),
    provisioningErrors: source.provisioningErrors.map((e) => ({
      line: t('sync.errorLine', {
        category: plainText(e.category ?? '?'),
        property: plainText(e.propertyCausingError ?? '?'),
        value: plainText(e.value ?? ''),
      }),
    })),
    cloudTitle: t('sync.cloudTitle'),
    cloudList: synced ? t('sync.cloudForSynced') : t('sync.cloudAll'),
    onPremTitle: t('sync.onPremTitle'),
    onPremList: synced ? onPremisesMasteredProperties().map((p) => propertyLabel(t, p)).join(', ') : t('sync.onPremNone'),
  });
}
