import type { Account } from './account';
import type { DirectoryError, ErrorCode } from '../errors';

/** A short reference to a user: enough for a choice card or a "manager: …" line. */
export interface AccountSummary {
  id: string;
  displayName: string | null;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
}

export interface GroupSummary {
  id: string;
  displayName: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  onPremisesSyncEnabled: boolean | null;
}

/** A group as membership changes need it: who manages its members (Graph, AD, Exchange or a rule). */
export interface Group extends GroupSummary {
  mail: string | null;
  onPremisesSamAccountName: string | null;
  /** Set for dynamic groups: members follow this rule, nobody adds them by hand. */
  membershipRule: string | null;
  /** Role-assignable groups: only a Privileged Role Administrator or Global Administrator may change members. */
  isAssignableToRole: boolean;
}

/**
 * Where a person stands in Entra's role model, read completely or not at all: a read that is cut short,
 * throttled or failed throws, and is never taken for "no role".
 */
export interface Privileges {
  /**
   * Role template ids assigned to the person tenant-wide (directory scope `/`), directly or through a
   * role-assignable group they are in: what they may do.
   */
  activeRoleIds: string[];
  /**
   * Every role the person holds anywhere: the active ones, those scoped to an administrative unit, and, when
   * eligibility is read, the ones they are eligible for through Privileged Identity Management. What protects them.
   */
  heldRoleIds: string[];
  /** The role-assignable groups they are a member of: Entra protects their members like role holders. */
  roleAssignableGroups: { id: string; displayName: string }[];
  /** Whether PIM eligibilities were read (the app needs RoleEligibilitySchedule.Read.Directory for that). */
  eligibilityRead: boolean;
}

export interface SubscribedSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  prepaidUnits: { enabled: number };
  consumedUnits: number;
}

export interface Organization {
  id: string;
  displayName: string;
  onPremisesSyncEnabled: boolean | null;
  onPremisesLastSyncDateTime: string | null;
  /** The organization's country (ISO 3166-1 alpha-2): a usage location to offer when an account has none. */
  countryLetterCode: string | null;
  /** The tenant's verified domain names, the default first: where a mistyped address is looked for again. */
  verifiedDomains: string[];
}

/**
 * How to look accounts up:
 * - `upnOrMail`: exact sign-in name or mail;
 * - `upnOrMailIn`: exact sign-in name or mail, any of a few (Graph's `in`, one request);
 * - `name`: exact display name, or display name / first and last name starting with what was typed;
 * - `search`: Graph's tokenized `$search` on display name and mail, any of the words (for suggestions).
 */
export type AccountQuery =
  | { by: 'upnOrMail'; value: string }
  | { by: 'upnOrMailIn'; values: string[] }
  | { by: 'name'; value: string }
  | { by: 'search'; words: string[] };

/** What a write returned: Graph's request-id, kept in the audit record. */
export interface WriteResult {
  requestId: string | null;
}

/** One write of a bulk change, sent as an item of `POST /$batch` exactly as the single-item method sends it. */
export type BatchWrite = {
  userId: string;
  write:
    | { op: 'patch'; patch: Record<string, unknown> }
    | { op: 'manager'; managerId: string | null }
    | { op: 'licence'; skuId: string; assign: boolean }
    | { op: 'membership'; groupId: string; add: boolean }
    | { op: 'revokeSessions' };
};

/**
 * How one batched write ended. `mayHaveLanded`: Graph may have carried it out although no success came back (a 5xx
 * or 504 item, an item missing from the answer, a whole batch that timed out or failed): reconcile by reading, never
 * by sending it again.
 */
export type BatchWriteResult =
  | { ok: true; requestId: string | null }
  | { ok: false; code: ErrorCode; status: number; graphCode: string | null; requestId: string | null; mayHaveLanded: boolean };

/** A look-up `findAccountsMany` sends as one `$batch` item: the `findAccounts` queries that take one value. */
export type SingleAccountQuery = { by: 'upnOrMail'; value: string } | { by: 'name'; value: string };

/** `mailboxSettings.userPurpose` (Graph v1.0 enum `userPurpose`): what kind of Exchange mailbox it is. */
export type MailboxPurpose = 'user' | 'linked' | 'shared' | 'room' | 'equipment' | 'others' | 'unknownFutureValue';

/**
 * Everything the bot asks of Microsoft Entra ID. The only implementation that talks to Graph is
 * `GraphDirectory`; nothing else in src/ imports the Graph client.
 */
export interface Directory {
  getAccount(id: string): Promise<Account | null>;
  /**
   * Many users by id in ceil(n / 20) round trips (`$batch` of `GET /users/{id}?$select=…`), with the manager's id
   * when asked: each id to its selected fields, null when there is no such user; an id whose read failed is absent.
   */
  readUsers(ids: readonly string[], select: readonly string[], options?: { managerId?: boolean }): Promise<Map<string, Record<string, unknown> | null>>;
  /** Full accounts (the same fields as getAccount), so a resolved person needs no second read. */
  findAccounts(query: AccountQuery, limit: number): Promise<Account[]>;
  getManager(id: string): Promise<AccountSummary | null>;
  getDirectReports(id: string): Promise<AccountSummary[]>;
  /**
   * The person's roles and role-assignable memberships, whatever the number of groups they are in: role
   * assignments by principal, the role-assignable groups among their direct memberships (such groups cannot be
   * nested), their groups' assignments, and with `eligibility` their PIM eligibilities. Never a list of all groups.
   */
  getPrivileges(id: string, options: { eligibility: boolean }): Promise<Privileges>;
  getOrganization(): Promise<Organization>;
  listSubscribedSkus(): Promise<SubscribedSku[]>;
  updateAccount(id: string, patch: Record<string, unknown>): Promise<WriteResult>;
  /** Sets (`managerId`) or removes (`null`) the account's manager, through the `$ref` endpoints. */
  setManager(id: string, managerId: string | null): Promise<WriteResult>;
  /** Groups whose display name is the name given or, when none is, starts with it. */
  findGroups(name: string, limit: number): Promise<Group[]>;
  /** Groups with a display-name word starting with any of these words (Graph's `$search`): suggestions, not answers. */
  searchGroups(words: string[], limit: number): Promise<Group[]>;
  getGroup(id: string): Promise<Group | null>;
  /** Ids of the users who are direct members of the group, every page (a bulk change's "already a member"). */
  getGroupMemberIds(groupId: string): Promise<string[]>;
  /** Ids of the groups the account is a direct member of (not through nested groups). */
  getDirectGroupIds(id: string): Promise<string[]>;
  addGroupMember(groupId: string, memberId: string): Promise<WriteResult>;
  removeGroupMember(groupId: string, memberId: string): Promise<WriteResult>;
  /** `assignLicense`: adds and removes licences (by skuId) in one call. */
  assignLicenses(id: string, add: string[], remove: string[]): Promise<WriteResult>;
  /** Invalidates the account's refresh tokens and session cookies. */
  revokeSignInSessions(id: string): Promise<WriteResult>;
  /** A cloud-only account: sets a temporary password that must be changed at the next sign-in. */
  setTemporaryPassword(id: string, password: string): Promise<WriteResult>;
  /** A synced account with password writeback: resets through the password authentication method. */
  resetPasswordWithWriteback(id: string, password: string): Promise<WriteResult>;
  /** Users holding any of these directory roles (by role template id), directly or through a role-assignable group. */
  listRoleMembers(roleTemplateIds: readonly string[]): Promise<AccountSummary[]>;
  /**
   * Many writes as items of `POST /$batch` (20 a request, 4 requests in flight); the results in the order of `items`.
   * Throttled items are sent again after their Retry-After; an item that may have landed is never sent again.
   * `onProgress` gets the number of items finished after each batch.
   */
  writeBatch(items: BatchWrite[], options?: { onProgress?: (done: number) => void }): Promise<BatchWriteResult[]>;
  /** The groups the account is a direct member of, with the fields membership changes need; all pages or an error. */
  getDirectGroups(id: string): Promise<Group[]>;
  /** The account's mailbox kind; null when it has no mailbox in Exchange Online. */
  getMailbox(id: string): Promise<{ purpose: MailboxPurpose } | null>;
  /**
   * Each query answered as `findAccounts(query, limitEach)` answers it, sent as items of `$batch` (20 a request):
   * the accounts, or the DirectoryError of that one query, in the order of `queries`.
   */
  findAccountsMany(queries: SingleAccountQuery[], limitEach: number): Promise<(Account[] | DirectoryError)[]>;
  /**
   * `getPrivileges` for everyone at once, in a number of requests that does not grow with the number of users: every
   * principal (user id) that holds a role, an eligibility or a role-assignable membership; absent users hold nothing.
   * Any failed or cut-short read throws.
   */
  getAllPrivileges(options: { eligibility: boolean }): Promise<Map<string, Privileges>>;
  /**
   * The same directory, whose writes carry `userId`'s own delegated token (GRAPH_MODE=delegated), so that Entra enforces
   * their roles, PIM activation and Conditional Access on each; reads keep the app's token. In application mode: this.
   */
  asUser(userId: string): Directory;
  /** Cheap reachability check for /healthz. */
  ping(): Promise<boolean>;
}
