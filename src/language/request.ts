import type { When } from './when';

/** What the user asked for, as the parser or a card understood it. Nothing here is trusted or resolved yet. */
export type Intent =
  | 'change'
  | 'resetPassword'
  | 'revokeSessions'
  | 'assignLicense'
  | 'removeLicense'
  | 'addToGroup'
  | 'removeFromGroup'
  | 'show'
  | 'syncStatus'
  | 'history'
  | 'requestChange'
  | 'myRequests'
  | 'scheduledChanges'
  | 'pendingApprovals'
  | 'useChannelForApprovals'
  /** Someone leaves the organisation: the offboarding steps for `target` (optionally from `when`, forwarding mail). */
  | 'offboard'
  /** Delegated mode: drop the caller's own sign-in (their token); never someone's sessions (that is revokeSessions). */
  | 'signOut'
  /** Delegated mode: sign in now (the sign-in card), rather than at the first change. */
  | 'signIn'
  /** Take back an applied change: the speaker's latest, or the latest to `target`. */
  | 'undo'
  | 'help'
  | 'smallTalk'
  | 'unsupported'
  | 'unknown';

/**
 * What a small-talk message was: thanks, a greeting, an acknowledgement ("ok", "sorry", "no"), or a wish to cancel
 * ("cancel", "laat maar"), which in a chat cancels nothing: a pending change waits on its card.
 */
export type SmallTalk = 'thanks' | 'greeting' | 'acknowledgement' | 'cancel';

/**
 * What an `unsupported` request asked for: an operation the bot deliberately does not do, so the answer says where
 * it is done ("delete Noah", "make Noah a Global Administrator": the latter is never a job title).
 */
export type Unsupported = 'deleteAccount' | 'assignRole';

/** Graph property names a change may name. */
export const CHANGEABLE_PROPERTIES = [
  'displayName', 'givenName', 'surname', 'jobTitle', 'department', 'companyName', 'officeLocation',
  'streetAddress', 'city', 'state', 'postalCode', 'country', 'businessPhones', 'mobilePhone', 'faxNumber',
  'employeeId', 'employeeType', 'usageLocation', 'preferredLanguage', 'manager', 'accountEnabled',
] as const;
export type ChangeableProperty = (typeof CHANGEABLE_PROPERTIES)[number];

/** What one requested change is about: a profile property, or one of the account operations. */
export type ChangeSubject = ChangeableProperty | 'licence' | 'group' | 'signInSessions' | 'password';

export interface RequestedChange {
  property: ChangeableProperty;
  /** As written (case kept); `true`/`false` for accountEnabled; `null` to clear. */
  value: string | boolean | null;
}

export type Language = 'en' | 'nl';

export interface Request {
  intent: Intent;
  /** The person as written, `"me"` for the speaker, `null` when none. */
  target: string | null;
  changes: RequestedChange[];
  /** Licence or group name for licence and group intents. */
  object: string | null;
  /** The language the text was written in (detected, or the caller's locale when undecidable). */
  language: Language;
  /** For `smallTalk` only: which kind, so the answer fits ("you're welcome" to thanks). */
  smallTalk?: SmallTalk;
  /** For `unsupported` only: which operation. */
  unsupported?: Unsupported;
  /** For a change: when it is to happen, as written at the end ("… tomorrow at 9"); absent for now. */
  when?: When;
  /**
   * Several people named in one request ("block Anna, Bob and Carl", a pasted list): each as written, in order,
   * duplicates (case ignored) left out, at most MAX_TARGETS. Absent for one person. `target` then holds the people
   * as written together ("Anna, Bob and Carl").
   */
  targets?: string[];
  /** Set when the list held more than MAX_TARGETS people and only the first were kept in `targets`. */
  targetsTruncated?: true;
  /** For `offboard` only: whom the leaver's mail is to be forwarded to, as written ("Lars", "lars@contoso.com"). */
  forwardTo?: string;
}
