import { knownRoles } from './roles';

export interface Viewer {
  id: string;
  roleTemplateIds: readonly string[];
}

/**
 * Who may see an account's profile and synchronization details through the bot: admins of any user-management
 * role, the person themselves, and their manager. Everyone else is refused, even though Teams shows a
 * basic profile: the bot also shows on-premises identifiers.
 */
export function mayView(viewer: Viewer, targetId: string, targetManagerId: string | null): boolean {
  if (knownRoles(viewer.roleTemplateIds).length > 0) return true;
  return viewer.id === targetId || (targetManagerId !== null && viewer.id === targetManagerId);
}

export function isAdmin(viewer: Viewer): boolean {
  return knownRoles(viewer.roleTemplateIds).length > 0;
}
