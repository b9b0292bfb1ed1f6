import { badRequest, GraphError, GraphMessages, notFound } from '../graphError';
import { collectionPage, contextFor, readQueryOptions } from '../odataQuery';
import { referencedId } from '../odataReference';
import type { GraphResponse, RouteContext, Router } from '../router';
import { userSelect } from '../directorySchemas';
import { requireUser, userJson } from './users';

/** `manager` and `directReports`: the one reference property a user has to another user. */
export function registerManagerRoutes(router: Router): void {
  router
    .add('GET', '/users/:id/manager/$ref', getManagerRef)
    .add('GET', '/users/:id/manager', getManager)
    .add('PUT', '/users/:id/manager/$ref', putManager)
    .add('DELETE', '/users/:id/manager/$ref', deleteManager)
    .add('GET', '/users/:id/directReports', listDirectReports);
}

function requireManager(ctx: RouteContext) {
  const manager = ctx.state.managerOf(requireUser(ctx).id);
  // Graph's own wording for a user without a manager.
  if (!manager) throw notFound('manager');
  return manager;
}

function getManager(ctx: RouteContext): GraphResponse {
  const manager = requireManager(ctx);
  const select = userSelect(readQueryOptions(ctx).select);
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#directoryObjects/$entity`, ...userJson(manager, select, true) } };
}

function getManagerRef(ctx: RouteContext): GraphResponse {
  const manager = requireManager(ctx);
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#directoryObjects/$ref`, '@odata.id': `${ctx.baseUrl}/directoryObjects/${manager.id}/Microsoft.DirectoryServices.User` } };
}

/** Manager is AD-mastered (entra-sync.md §2): a synced user's manager changes on-premises only. */
function refuseIfSynced(user: Record<string, unknown>): void {
  if (user.onPremisesSyncEnabled === true) throw badRequest(GraphMessages.onPremisesMastered);
}

function putManager(ctx: RouteContext): GraphResponse {
  const user = requireUser(ctx);
  const managerId = referencedId(ctx.req.body);
  const manager = ctx.state.userById(managerId);
  if (!manager) throw notFound(managerId);
  refuseIfSynced(user);
  if (manager === user) throw badRequest(GraphMessages.invalidValue('manager'));
  // A manager chain must not loop back to the user.
  for (let m = ctx.state.managerOf(manager.id), hops = 0; m && hops < 10_000; m = ctx.state.managerOf(m.id), hops++) {
    if (m === user) throw new GraphError(400, 'Request_BadRequest', 'Cannot set the manager: the change would create a circular manager reference.');
  }
  ctx.state.setManager(user.id, manager.id);
  return { status: 204 };
}

function deleteManager(ctx: RouteContext): GraphResponse {
  const user = requireUser(ctx);
  refuseIfSynced(user);
  if (!ctx.state.removeManager(user.id)) throw notFound('manager');
  return { status: 204 };
}

function listDirectReports(ctx: RouteContext): GraphResponse {
  const user = requireUser(ctx);
  const options = readQueryOptions(ctx);
  const select = userSelect(options.select);
  const reports = ctx.state.directReports(user.id);
  return collectionPage(ctx, options, reports, (r) => userJson(r, select, true), contextFor('directoryObjects', select));
}
