import type { Directory } from '../directory/directory';
import type { Policy } from './policyFile';
import { ROLE } from './roles';

/**
 * Who decides on managers' requests, as object ids: the policy file's approvers, else the tenant's User
 * Administrators and Global Administrators. Several Graph reads: the app caches the answer for a few minutes.
 */
export async function approverIds(directory: Directory, policy: Policy): Promise<string[]> {
  if (policy.approvers.length) {
    const ids = await Promise.all(policy.approvers.map(async (a) => (a.includes('@') ? (await directory.findAccounts({ by: 'upnOrMail', value: a }, 1))[0]?.id : a)));
    return ids.filter((id): id is string => !!id);
  }
  const members = await directory.listRoleMembers([ROLE.userAdministrator, ROLE.globalAdministrator]);
  return members.map((m) => m.id);
}
