import { z } from 'zod';
import { badRequest } from './graphError';
import { hasMailbox } from './servicePlans';
import type { GraphObject, TenantState } from './tenantState';

/** Graph v1.0's `userPurpose` enum, as a mailbox can be set to it (`unknownFutureValue` is Graph's sentinel, not a kind). */
export const USER_PURPOSES = ['user', 'linked', 'shared', 'room', 'equipment', 'others'] as const;

/**
 * A mailbox's kind: `mailboxSettings.userPurpose` on the user (a tenant file may set it; `/_simulate/mailbox` does),
 * else "user", what Exchange Online makes of a licensed user's mailbox. The emulator keeps no other mailbox state.
 */
export function userPurposeOf(user: GraphObject): string {
  const settings = user.mailboxSettings as { userPurpose?: unknown } | undefined;
  return typeof settings?.userPurpose === 'string' ? settings.userPurpose : 'user';
}

const bodySchema = z.strictObject({
  user: z.string().min(1, 'a userPrincipalName or object id is required'),
  userPurpose: z.enum(USER_PURPOSES),
});

/**
 * `POST /_simulate/mailbox` `{"user":"<upn or id>","userPurpose":"shared"}`: plays an Exchange admin's
 * `Set-Mailbox -Type Shared` (a conversion Graph cannot make). Only a user with a mailbox has one to convert.
 */
export function simulateMailbox(state: TenantState, body: unknown): { id: string; userPurpose: string } {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refused(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const user = state.findUser(parsed.data.user);
  if (!user) throw refused(`user: no user '${parsed.data.user.slice(0, 200)}'`);
  if (!hasMailbox(user, (id) => state.sku(id))) throw refused(`user: ${String(user.userPrincipalName)} has no mailbox in Exchange Online (no licence with a mailbox plan)`);
  const settings = (user.mailboxSettings && typeof user.mailboxSettings === 'object' ? user.mailboxSettings : {}) as Record<string, unknown>;
  state.updateUser(user, { mailboxSettings: { ...settings, userPurpose: parsed.data.userPurpose } });
  return { id: user.id, userPurpose: parsed.data.userPurpose };
}

function refused(what: string) {
  return badRequest(`Simulated mailbox change refused: ${what}`);
}
