import type { Directory } from '../directory/directory';
import type { AssistantContext } from './assistantContext';

/**
 * The directory a write by `userId` goes through. In delegated mode (GRAPH_MODE=delegated) it carries their own token,
 * so Entra enforces their roles, PIM activation and Conditional Access, and Entra's audit log names them; the token is
 * fetched here, before anything is claimed, so that a missing sign-in stops the change with the plan still open
 * (SignInRequired) instead of half-way. In application mode: the app's directory.
 */
export async function writerFor(ctx: AssistantContext, userId: string): Promise<Directory> {
  if (!ctx.delegated) return ctx.directory;
  await ctx.delegated.tokenFor(userId);
  return ctx.directory.asUser(userId);
}
