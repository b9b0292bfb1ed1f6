import type { BatchWrite } from '../directory';
import { DirectoryError } from '../../errors';
import { graphPath } from './graphPath';

/** One Graph write: what the single-item methods send on their own and `writeBatch` sends as a `$batch` item. */
export interface WriteRequest {
  method: 'PATCH' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  /** An error answer that still means the asked-for state holds (see `settles`). */
  settledBy?: 'alreadyMember' | 'notMember';
}

/*
 * One builder per write, shared by GraphDirectory's single writes and writeBatch, so a batched write can never drift
 * from the request (and the forgiven errors) of the same write sent alone. `origin` is Graph's, for `@odata.id`.
 */

export const patchUser = (id: string, patch: Record<string, unknown>): WriteRequest => ({ method: 'PATCH', path: graphPath`/users/${id}`, body: patch });

export const setManagerRef = (id: string, managerId: string | null, origin: string): WriteRequest => managerId === null
  ? { method: 'DELETE', path: graphPath`/users/${id}/manager/$ref` }
  : { method: 'PUT', path: graphPath`/users/${id}/manager/$ref`, body: { '@odata.id': `${origin}/v1.0/users/${encodeURIComponent(managerId)}` } };

export const assignLicense = (id: string, add: string[], remove: string[]): WriteRequest => ({
  method: 'POST',
  path: graphPath`/users/${id}/assignLicense`,
  body: { addLicenses: add.map((skuId) => ({ skuId, disabledPlans: [] })), removeLicenses: remove },
});

export const addMemberRef = (groupId: string, memberId: string, origin: string): WriteRequest => ({
  method: 'POST',
  path: graphPath`/groups/${groupId}/members/$ref`,
  body: { '@odata.id': `${origin}/v1.0/directoryObjects/${encodeURIComponent(memberId)}` },
  settledBy: 'alreadyMember',
});

export const removeMemberRef = (groupId: string, memberId: string): WriteRequest => ({
  method: 'DELETE', path: graphPath`/groups/${groupId}/members/${memberId}/$ref`, settledBy: 'notMember',
});

// An action without parameters: the client sends a POST's body as `{}`, so the batch item carries the same.
export const revokeSessions = (id: string): WriteRequest => ({ method: 'POST', path: graphPath`/users/${id}/revokeSignInSessions`, body: {} });

/** The request of one bulk write. */
export function batchWriteRequest({ userId, write }: BatchWrite, origin: string): WriteRequest {
  switch (write.op) {
    case 'patch': return patchUser(userId, write.patch);
    case 'manager': return setManagerRef(userId, write.managerId, origin);
    case 'licence': return write.assign ? assignLicense(userId, [write.skuId], []) : assignLicense(userId, [], [write.skuId]);
    case 'membership': return write.add ? addMemberRef(write.groupId, userId, origin) : removeMemberRef(write.groupId, userId);
    case 'revokeSessions': return revokeSessions(userId);
  }
}

/** Whether this error answer to `request` means the asked-for state holds (the write counts as done). */
export function settles(request: WriteRequest, error: DirectoryError): boolean {
  // A retried POST can land twice; "already exist" means the member is there, which is what was asked.
  if (request.settledBy === 'alreadyMember') return error.status === 400 && /already exist/i.test(error.message);
  // Not (or no longer) a member: the asked-for state holds.
  if (request.settledBy === 'notMember') return error.code === 'GRAPH_NOT_FOUND';
  return false;
}
