import { z } from 'zod';

/** What a deployer may restrict beyond Entra's own rules. */
export interface Policy {
  /** Object ids and sign-in names (lower case) of accounts nobody may change through the bot. */
  protectedAccounts: ReadonlySet<string>;
}

export const EMPTY_POLICY: Policy = { protectedAccounts: new Set() };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schema = z.strictObject({
  protectedAccounts: z
    .array(z.string().trim().refine((v) => GUID.test(v) || /^[^@\s]+@[^@\s]+$/.test(v), { message: 'must be an object id or a sign-in name (user@domain)' }))
    .max(10_000)
    .default([]),
});

/**
 * The policy file's text (JSON) → a Policy, or the problems, one line each with its place in the file.
 * Example: `{ "protectedAccounts": ["ceo@contoso.com", "0b7c…-object-id"] }`.
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
  return { ok: true, policy: { protectedAccounts: new Set(parsed.data.protectedAccounts.map((v) => v.toLowerCase())) } };
}
