import type { Translator } from '../i18n/translate';
import type { AdaptiveCard } from './renderCard';

/** Shown in place of the clicked card while work goes on past Teams' invoke limit; replaced when it is done. */
export function workingCard(t: Translator): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text: t('working'), wrap: true }],
  };
}
