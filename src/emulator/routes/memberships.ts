import { directoryObjectJson, directoryObjectSelect } from '../directorySchemas';
import { badRequest, GraphMessages, unsupportedQuery } from '../graphError';
import { collectionPage, contextFor, readQueryOptions } from '../odataQuery';
import type { GraphResponse, RouteContext, Router } from '../router';
import type { DirectoryObjectKind, GraphObject } from '../tenantState';
import { requireUser } from './users';

/** Type-cast segments Graph accepts after memberOf: `/memberOf/microsoft.graph.group`. */
const CASTS: Record<string, DirectoryObjectKind> = { 'microsoft.graph.group': 'group', 'microsoft.graph.directoryrole': 'directoryRole' };

/** `memberOf` and `transitiveMemberOf`: groups and directory roles, optionally cast to one type. */
export function registerMembershipRoutes(router: Router): void {
  for (const relation of ['memberOf', 'transitiveMemberOf'] as const) {
    router
      .add('GET', `/users/:id/${relation}`, (ctx) => listMemberships(ctx, relation))
      .add('GET', `/users/:id/${relation}/:cast`, (ctx) => listMemberships(ctx, relation, ctx.params.cast));
  }
}

function listMemberships(ctx: RouteContext, relation: 'memberOf' | 'transitiveMemberOf', cast?: string): GraphResponse {
  const user = requireUser(ctx);
  let kind: DirectoryObjectKind | undefined;
  if (cast !== undefined) {
    kind = CASTS[cast.toLowerCase()];
    if (!kind) throw badRequest(GraphMessages.segmentNotFound(cast.slice(0, 200)), 'BadRequest');
  }
  const options = readQueryOptions(ctx);
  if (options.filter !== undefined || options.search !== undefined) {
    throw unsupportedQuery('The emulator supports $select, $top and $count on memberOf, not $filter or $search.');
  }
  const select = directoryObjectSelect(ctx.state, options.select);
  const all = relation === 'memberOf' ? ctx.state.memberOf(user.id) : ctx.state.transitiveMemberOf(user.id);
  const items = kind ? all.filter((e) => e.kind === kind) : all;
  const fragment = kind ? (kind === 'group' ? 'groups' : 'directoryRoles') : 'directoryObjects';
  return collectionPage(ctx, options, items, (e: { kind: DirectoryObjectKind; object: GraphObject }) => directoryObjectJson(e.kind, e.object, select), contextFor(fragment, select));
}
