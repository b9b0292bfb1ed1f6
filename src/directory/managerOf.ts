import type { Account } from './account';
import type { AccountSummary, Directory } from './directory';

/** The account's manager: from the read that found the account when it expanded it, else one more read. */
export async function managerOf(directory: Directory, account: Account): Promise<AccountSummary | null> {
  return account.manager !== undefined ? account.manager : directory.getManager(account.id);
}

/** How far up a reporting line the bot looks for a loop; real lines are a dozen levels at most. */
const MAX_CHAIN = 25;

/**
 * The ids above `account` in its reporting line (its manager, their manager, …), nearest first, up to 25 levels:
 * enough to refuse a change that would make someone report, in the end, to themselves. Stops at a loop it finds.
 */
export async function managerChain(directory: Directory, account: Account): Promise<string[]> {
  const chain: string[] = [];
  let next = await managerOf(directory, account);
  while (next && chain.length < MAX_CHAIN && !chain.includes(next.id)) {
    chain.push(next.id);
    next = await directory.getManager(next.id);
  }
  return chain;
}
