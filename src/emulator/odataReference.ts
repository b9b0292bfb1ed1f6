import { badRequest, GraphMessages } from './graphError';

const REFERENCE = /(?:^|\/)(?:users|directoryObjects|groups|directoryRoles)\/([^/?#]+)\/?$/i;

/**
 * The object id inside a `$ref` body, `{"@odata.id": "https://graph.microsoft.com/v1.0/users/{id}"}`.
 * Any host and version prefix is accepted (clients point at national clouds or the emulator), and a
 * relative `users/{id}` too; what counts is the entity set and the key.
 */
export function referencedId(body: unknown): string {
  const ref = (body as Record<string, unknown> | null)?.['@odata.id'];
  if (typeof ref !== 'string' || ref.length === 0) {
    throw badRequest("The request body must contain an '@odata.id' property with the URL of a directory object.", 'BadRequest');
  }
  const match = REFERENCE.exec(ref);
  if (!match) throw badRequest(`Invalid object identifier '${ref.slice(0, 200)}'.`);
  try {
    return decodeURIComponent(match[1]);
  } catch {
    throw badRequest(GraphMessages.invalidValue('@odata.id', 'DirectoryObject'));
  }
}
