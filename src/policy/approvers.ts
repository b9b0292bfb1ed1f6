import type { Directory } from '../directory/directory';
import type { Policy } from './policyFile';
import { knownRoles, ROLE } from './roles';

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

/**
 * Whether someone is one of the people who decide on managers' requests (and so may choose where they are posted):
 * the policy's approvers when it names any, else whoever holds the User or Global Administrator role, active and
 * tenant-wide. Each decision is still checked against Entra's rules for that change and that person.
 */
export function mayApprove(policy: Policy, approverIdList: readonly string[], personId: string, activeRoleIds: readonly string[]): boolean {
  if (policy.approvers.length) return approverIdList.includes(personId);
  const roles = knownRoles(activeRoleIds);
  return roles.includes('userAdministrator') || roles.includes('globalAdministrator');
}
