import type { AdaptiveCard } from '../cards/renderCard';

/**
 * What the assistant answers: plain text (markdown), an Adaptive Card, or a file offered to the user. The bot turns
 * these into activities. A file is offered only in the personal chat (Teams' file consent works nowhere else; the bot
 * drops one meant for another conversation): its content is not in the reply, the bot asks for it by `fileId`
 * (Assistant.fileContent) once the user accepts.
 */
export type Reply = { type: 'text'; text: string } | { type: 'card'; card: AdaptiveCard } | FileReply | SignInReply;

/**
 * Delegated mode: the acting admin has to sign in (or consent) before the bot can act with their rights. `text` says
 * so in their language; the bot shows it on Teams' sign-in card (an OAuthCard for the Azure Bot's OAuth connection),
 * or as plain text where there is no such connection (development, where the emulator signs users in by itself).
 */
export interface SignInReply {
  type: 'signIn';
  text: string;
}

/** A file offered for download: `description` and `sizeInBytes` are shown on the consent card. */
export interface FileReply {
  type: 'file';
  /** The file name the user's OneDrive gets (e.g. "results.csv"). */
  name: string;
  description: string;
  /** Ours, echoed back by Teams on accept/decline: letters, digits, ':', '_' and '-' only, at most 120. */
  fileId: string;
  sizeInBytes: number;
}

export const text = (value: string): Reply => ({ type: 'text', text: value });
export const card = (value: AdaptiveCard): Reply => ({ type: 'card', card: value });
export const file = (value: Omit<FileReply, 'type'>): Reply => ({ type: 'file', ...value });
export const signIn = (value: string): Reply => ({ type: 'signIn', text: value });

/** The answer to a card action: the card that replaces the one clicked, and/or messages. */
export interface ActionResult {
  card?: AdaptiveCard;
  replies: Reply[];
}
