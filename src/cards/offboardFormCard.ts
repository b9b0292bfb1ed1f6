import type { Translator } from '../i18n/translate';
import { renderCard, type AdaptiveCard } from './renderCard';

export interface OffboardFormView {
  /** Today in the reader's zone (YYYY-MM-DD): the earliest date the form offers. */
  today: string;
  /** What was entered, shown again with `error` when it could not be used. */
  values?: { person?: string; date?: string; forwardTo?: string };
  error?: string;
}

/** "offboard" without a name: who leaves, from when (empty: now), and where their mail goes (optional). */
export function offboardFormCard(view: OffboardFormView, t: Translator): AdaptiveCard {
  return renderCard('offboardForm', {
    title: t('offboard.formTitle'),
    intro: t('offboard.formIntro'),
    error: view.error ?? '',
    personLabel: t('offboard.formPerson'),
    personHint: t('offboard.formPersonHint'),
    requiredMessage: t('offboard.formPersonRequired'),
    dateLabel: t('offboard.formDate'),
    forwardLabel: t('offboard.formForward'),
    forwardHint: t('offboard.formForwardHint'),
    submitLabel: t('offboard.formSubmit'),
    today: view.today,
    person: view.values?.person ?? '',
    date: view.values?.date ?? '',
    forwardTo: view.values?.forwardTo ?? '',
  });
}
