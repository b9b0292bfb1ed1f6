import type { AdaptiveCard } from './renderCard';

/**
 * A card that only says something, without actions: what a card whose buttons can do nothing more becomes (an
 * expired choice, say). The text is the bot's own message, never a directory value.
 */
export function noticeCard(text: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'Container', style: 'warning', items: [{ type: 'TextBlock', text, wrap: true }] }],
  };
}
