import { z } from 'zod';
import { CHANGEABLE_PROPERTIES, type ChangeableProperty } from '../language/request';

/** What a deployer may restrict beyond Entra's own rules. */
export interface Policy {
  /** Object ids and sign-in names (lower case) of accounts nobody may change through the bot. */
  protectedAccounts: ReadonlySet<string>;
  /** The properties a manager may request for a direct report. */
  managerProperties: readonly ChangeableProperty[];
  /**
   * Who gets approval cards in a 1:1 chat when no approvals channel is set (object ids or sign-in names, lower
   * case). Empty: the tenant's User Administrators and Global Administrators.
   */
  approvers: readonly string[];
}

/** The issue's default: what a manager plausibly knows better than IT, and nothing that grants access. */
export const DEFAULT_MANAGER_PROPERTIES: readonly ChangeableProperty[] = [
  'jobTitle', 'department', 'officeLocation', 'businessPhones', 'mobilePhone', 'employeeType', 'manager',
];

export const EMPTY_POLICY: Policy = { protectedAccounts: new Set(), managerProperties: DEFAULT_MANAGER_PROPERTIES, approvers: [] };

/** Properties a manager may never request, whatever the file says: they change access, not the profile. */
const NEVER_FOR_MANAGERS: ReadonlySet<ChangeableProperty> = new Set(['accountEnabled', 'usageLocation']);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const account = z.string().trim().refine((v) => GUID.test(v) || /^[^@\s]+@[^@\s]+$/.test(v), { message: 'must be an object id or a sign-in name (user@domain)' });

const schema = z.strictObject({
  protectedAccounts: z.array(account).max(10_000).default([]),
  managerProperties: z
    .array(z.enum(CHANGEABLE_PROPERTIES).refine((p) => !NEVER_FOR_MANAGERS.has(p), { message: 'managers cannot request this property' }))
    .default([...DEFAULT_MANAGER_PROPERTIES]),
  approvers: z.array(account).max(1_000).default([]),
});

/**
 * The policy file's text (JSON) → a Policy, or the problems, one line each with its place in the file.
 * Example: `{ "protectedAccounts": ["ceo@contoso.com"], "managerProperties": ["jobTitle", "department"], "approvers": ["it-lead@contoso.com"] }`.
 */
export function parsePolicy(text: string): { ok: true; policy: Policy } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`) };
  }
  const { protectedAccounts, managerProperties, approvers } = parsed.data;
  return {
    ok: true,
    policy: {
      protectedAccounts: new Set(protectedAccounts.map((v) => v.toLowerCase())),
      managerProperties: [...new Set(managerProperties)],
      approvers: approvers.map((v) => v.toLowerCase()),
    },
  };
}
