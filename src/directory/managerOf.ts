import type { Account } from './account';
import type { AccountSummary, Directory } from './directory';

/** The account's manager: from the read that found the account when it expanded it, else one more read. */
export async function managerOf(directory: Directory, account: Account): Promise<AccountSummary | null> {
  return account.manager !== undefined ? account.manager : directory.getManager(account.id);
}
