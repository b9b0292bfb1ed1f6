import { directoryObjectJson, directoryObjectSelect, groupFilterSchema } from '../directorySchemas';
import { compileFilter } from '../filterPredicate';
import { parseFilter } from '../odataFilter';
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
  if (options.search !== undefined) throw unsupportedQuery('The emulator supports $select, $top, $count and (on the group cast) $filter on memberOf, not $search.');
  const select = directoryObjectSelect(ctx.state, options.select);
  const all = relation === 'memberOf' ? ctx.state.memberOf(user.id) : ctx.state.transitiveMemberOf(user.id);
  let items = kind ? all.filter((e) => e.kind === kind) : all;
  if (options.filter !== undefined) {
    // A filter on a directory-object relation is an advanced query: Graph wants ConsistencyLevel and $count.
    if (!options.advanced || !options.count) throw unsupportedQuery();
    if (kind !== 'group') throw unsupportedQuery('The emulator filters memberOf only after the microsoft.graph.group cast.');
    const filter = compileFilter(parseFilter(options.filter), groupFilterSchema(ctx.state), true);
    items = items.filter((e) => filter.test(e.object));
  }
  const fragment = kind ? (kind === 'group' ? 'groups' : 'directoryRoles') : 'directoryObjects';
  return collectionPage(ctx, options, items, (e: { kind: DirectoryObjectKind; object: GraphObject }) => directoryObjectJson(e.kind, e.object, select), contextFor(fragment, select));
}
