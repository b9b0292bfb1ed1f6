import type { AdaptiveCard } from '../cards/renderCard';

/** What the assistant answers: plain text (markdown) or an Adaptive Card. The bot turns these into activities. */
export type Reply = { type: 'text'; text: string } | { type: 'card'; card: AdaptiveCard };

export const text = (value: string): Reply => ({ type: 'text', text: value });
export const card = (value: AdaptiveCard): Reply => ({ type: 'card', card: value });

/** The answer to a card action: the card that replaces the one clicked, and/or messages. */
export interface ActionResult {
  card?: AdaptiveCard;
  replies: Reply[];
}
