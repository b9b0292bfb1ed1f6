import type { Account } from '../directory/account';
import type { AssistantContext } from './assistantContext';

/** A break-glass or otherwise protected account (the policy file's list, by id or sign-in name): nobody changes it here. */
export function isProtected(ctx: AssistantContext, account: Pick<Account, 'id' | 'userPrincipalName'>): boolean {
  const list = ctx.policy.protectedAccounts;
  return list.has(account.id.toLowerCase()) || list.has(account.userPrincipalName.toLowerCase());
}
