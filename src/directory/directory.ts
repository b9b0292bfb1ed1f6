import type { Account } from './account';

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

export interface DirectoryRole {
  id: string;
  roleTemplateId: string;
  displayName: string;
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
}

/**
 * How to look accounts up:
 * - `upnOrMail`: exact sign-in name or mail;
 * - `name`: exact display name, or display name / first and last name starting with what was typed;
 * - `search`: Graph's tokenized `$search` on display name and mail, any of the words (for suggestions).
 */
export type AccountQuery =
  | { by: 'upnOrMail'; value: string }
  | { by: 'name'; value: string }
  | { by: 'search'; words: string[] };

/** What a write returned: Graph's request-id, kept in the audit record. */
export interface WriteResult {
  requestId: string | null;
}

/**
 * Everything the bot asks of Microsoft Entra ID. The only implementation that talks to Graph is
 * `GraphDirectory`; nothing else in src/ imports the Graph client.
 */
export interface Directory {
  getAccount(id: string): Promise<Account | null>;
  /** Full accounts (the same fields as getAccount), so a resolved person needs no second read. */
  findAccounts(query: AccountQuery, limit: number): Promise<Account[]>;
  getManager(id: string): Promise<AccountSummary | null>;
  getDirectReports(id: string): Promise<AccountSummary[]>;
  getMemberships(id: string): Promise<{ groups: GroupSummary[]; roles: DirectoryRole[] }>;
  getOrganization(): Promise<Organization>;
  listSubscribedSkus(): Promise<SubscribedSku[]>;
  updateAccount(id: string, patch: Record<string, unknown>): Promise<WriteResult>;
  /** Sets (`managerId`) or removes (`null`) the account's manager, through the `$ref` endpoints. */
  setManager(id: string, managerId: string | null): Promise<WriteResult>;
  /** Cheap reachability check for /healthz. */
  ping(): Promise<boolean>;
}
