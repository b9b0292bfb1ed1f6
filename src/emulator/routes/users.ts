import { compileFilter } from '../filterPredicate';
import { badRequest, GraphError, GraphMessages, notFound, unsupportedQuery } from '../graphError';
import { parseFilter } from '../odataFilter';
import { collectionPage, contextFor, project, readQueryOptions, sortBy, unknownSelect, type QueryOptions } from '../odataQuery';
import type { GraphResponse, RouteContext, Router } from '../router';
import { compileSearch } from '../searchQuery';
import { userFilterSchema, userSelect } from '../directorySchemas';
import type { GraphObject, TenantState } from '../tenantState';
import { canonicalUserProperty, DEFAULT_USER_SELECT } from '../userProperties';
import { validateUserPatch } from '../userPatch';

export const USER_TYPE = '#microsoft.graph.user';

/** `GET /users`, `GET /users/$count`, `GET /users/{id | userPrincipalName}`, `PATCH /users/{id}`. */
export function registerUserRoutes(router: Router): void {
  router
    .add('GET', '/users/$count', countUsers)
    .add('GET', '/users', listUsers)
    .add('GET', '/users/:id', getUser)
    .add('PATCH', '/users/:id', patchUser);
}

/** The user named in the path, or Graph's 404. */
export function requireUser(ctx: RouteContext, idOrUpn = ctx.params.id): GraphObject {
  const user = ctx.state.findUser(idOrUpn);
  if (!user) throw notFound(idOrUpn.length > 200 ? `${idOrUpn.slice(0, 200)}…` : idOrUpn);
  return user;
}

/** A user as Graph serves it: the default property set unless $select names others. */
export function userJson(user: GraphObject, select: string[] | undefined, withType = false): Record<string, unknown> {
  const out = project(user, select, DEFAULT_USER_SELECT, withType ? USER_TYPE : undefined);
  // Graph never returns a password, even when passwordProfile is selected.
  if ('passwordProfile' in out) out.passwordProfile = null;
  return out;
}

function getUser(ctx: RouteContext): GraphResponse {
  const user = requireUser(ctx);
  const options = readQueryOptions(ctx);
  const select = userSelect(options.select);
  const body = { '@odata.context': `${ctx.baseUrl}/$metadata#${contextFor('users', select)}/$entity`, ...expanded(ctx.state, user, select, options) };
  return { status: 200, body };
}

function listUsers(ctx: RouteContext): GraphResponse {
  const options = readQueryOptions(ctx);
  const select = userSelect(options.select);
  const items = matchingUsers(ctx.state, options);
  return collectionPage(ctx, options, items, (u) => expanded(ctx.state, u, select, options), contextFor('users', select));
}

function countUsers(ctx: RouteContext): GraphResponse {
  const options = readQueryOptions(ctx);
  if (!options.advanced) throw badRequest('$count is not currently supported.');
  return { status: 200, body: String(matchingUsers(ctx.state, options).length) };
}

/**
 * $filter (through the indexes when it pins id / userPrincipalName / mail), then $search, then $orderby.
 * Without a filter or search the tenant's own array is paged: nothing is copied.
 */
function matchingUsers(state: TenantState, options: QueryOptions): readonly GraphObject[] {
  if (options.search !== undefined && !options.advanced) {
    throw new GraphError(400, 'Request_UnsupportedQuery', GraphMessages.searchNeedsConsistency);
  }
  let items: readonly GraphObject[] = state.allUsers();
  if (options.filter !== undefined) {
    const filter = compileFilter(parseFilter(options.filter), userFilterSchema(state), options.advanced);
    items = (filter.candidates() ?? items).filter(filter.test);
  }
  if (options.search !== undefined) items = items.filter(compileSearch(options.search, 'user'));
  if (options.orderby) {
    // Graph sorts a filtered or searched user list only as an advanced query.
    if ((options.filter !== undefined || options.search !== undefined) && !options.advanced) {
      throw unsupportedQuery('Sorting not supported for current query.');
    }
    const orderby = options.orderby.map((o) => ({ ...o, property: canonicalUserProperty(o.property) ?? throwUnknown(o.property) }));
    items = sortBy(items, orderby);
  }
  return items;
}

function throwUnknown(property: string): never {
  throw unknownSelect(property, 'user');
}

/** Applies `$expand=manager` / `manager($select=…)` on top of the projected user. */
function expanded(state: TenantState, user: GraphObject, select: string[] | undefined, options: QueryOptions): Record<string, unknown> {
  const json = userJson(user, select);
  if (options.expand === undefined) return json;
  const match = /^\s*(\w+)\s*(?:\(\s*\$select\s*=\s*([^)]*)\))?\s*$/.exec(options.expand);
  if (!match) throw badRequest(`Parsing OData Select and Expand failed: invalid $expand '${options.expand.slice(0, 100)}'.`, 'BadRequest');
  const [, navigation, innerSelect] = match;
  if (navigation.toLowerCase() !== 'manager') {
    if (['directreports', 'memberof', 'transitivememberof'].includes(navigation.toLowerCase())) {
      throw unsupportedQuery(`The emulator does not expand '${navigation}'; read /users/{id}/${navigation} instead.`);
    }
    throw unknownSelect(navigation, 'user');
  }
  const manager = state.managerOf(user.id);
  const managerSelect = innerSelect === undefined ? undefined : userSelect(innerSelect.split(',').map((s) => s.trim()).filter(Boolean));
  // Graph leaves `manager` out when there is none.
  if (manager) json.manager = userJson(manager, managerSelect, true);
  return json;
}

function patchUser(ctx: RouteContext): GraphResponse {
  const user = requireUser(ctx);
  const { changes, passwordChange } = validateUserPatch(ctx.state, user, ctx.req.body);
  const now = new Date().toISOString();
  if (passwordChange) {
    ctx.state.recordPasswordChange(user.id, { ...passwordChange, at: now });
    changes.lastPasswordChangeDateTime = now;
  }
  ctx.state.updateUser(user, changes);
  return { status: 204 };
}
