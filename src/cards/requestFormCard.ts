import type { AccountSummary } from '../directory/directory';
import type { Translator } from '../i18n/translate';
import type { ChangeableProperty } from '../language/request';
import { plainText } from './plainText';
import { propertyLabel } from './propertyLabel';
import { renderCard, type AdaptiveCard } from './renderCard';

export interface RequestFormView {
  reports: AccountSummary[];
  properties: readonly ChangeableProperty[];
  /** `YYYY-MM-DD`: the earliest and latest effective date the form accepts. */
  today: string;
  latest: string;
  /** What the manager typed or said before: kept when the form comes back with an error. */
  values?: { reportId?: string; property?: string; value?: string; clear?: string; reason?: string; effectiveDate?: string };
  error?: string;
}

/** The manager's request form: one of their direct reports, a property, the new value, a reason, a date. */
export function requestFormCard(view: RequestFormView, t: Translator): AdaptiveCard {
  const v = view.values ?? {};
  return renderCard('requestForm', {
    title: t('request.formTitle'),
    intro: t('request.formIntro'),
    error: view.error ?? '',
    reportLabel: t('request.report'),
    reports: view.reports.map((r) => ({ id: r.id, name: plainText([r.displayName ?? r.userPrincipalName, r.jobTitle].filter(Boolean).join(' · ')) })),
    reportId: v.reportId ?? '',
    propertyLabel: t('request.property'),
    properties: view.properties.map((name) => ({ name, label: propertyLabel(t, name) })),
    property: v.property ?? '',
    valueLabel: t('request.value'),
    valueHint: t('request.valueHint'),
    value: v.value ?? '',
    // Wiping a value is a choice of its own, not what an empty field means.
    clearLabel: t('request.clear'),
    clear: v.clear === 'true' ? 'true' : 'false',
    reasonLabel: t('request.reason'),
    reasonMessage: t('request.reasonRequired'),
    reason: v.reason ?? '',
    dateLabel: t('request.date'),
    today: view.today,
    latest: view.latest,
    effectiveDate: v.effectiveDate ?? '',
    requiredMessage: t('request.required'),
    submitLabel: t('request.submit'),
  });
}
