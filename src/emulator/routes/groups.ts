import { directoryObjectJson, directoryObjectSelect, groupFilterSchema, groupSelect } from '../directorySchemas';
import { compileFilter } from '../filterPredicate';
import { badRequest, GraphError, GraphMessages, notFound } from '../graphError';
import { parseFilter } from '../odataFilter';
import { collectionPage, contextFor, project, readQueryOptions, sortBy } from '../odataQuery';
import { referencedId } from '../odataReference';
import type { GraphResponse, RouteContext, Router } from '../router';
import { compileSearch } from '../searchQuery';
import type { GraphObject } from '../tenantState';

/** `GET /groups`, `GET /groups/{id}`, members and membership changes through `$ref`. */
export function registerGroupRoutes(router: Router): void {
  router
    .add('GET', '/groups', listGroups)
    .add('GET', '/groups/:id', getGroup)
    .add('GET', '/groups/:id/members', (ctx) => listMembers(ctx))
    .add('GET', '/groups/:id/members/:cast', (ctx) => listMembers(ctx, ctx.params.cast))
    .add('POST', '/groups/:id/members/$ref', addMember)
    .add('DELETE', '/groups/:id/members/:memberId/$ref', removeMember);
}

function requireGroup(ctx: RouteContext): GraphObject {
  const group = ctx.state.group(ctx.params.id);
  if (!group) throw notFound(ctx.params.id.slice(0, 200));
  return group;
}

function listGroups(ctx: RouteContext): GraphResponse {
  const options = readQueryOptions(ctx);
  const select = groupSelect(ctx.state, options.select);
  if (options.search !== undefined && !options.advanced) {
    throw new GraphError(400, 'Request_UnsupportedQuery', GraphMessages.searchNeedsConsistency);
  }
  let items: readonly GraphObject[] = ctx.state.allGroups();
  if (options.filter !== undefined) {
    const filter = compileFilter(parseFilter(options.filter), groupFilterSchema(ctx.state), options.advanced);
    items = (filter.candidates() ?? items).filter(filter.test);
  }
  if (options.search !== undefined) items = items.filter(compileSearch(options.search, 'group'));
  if (options.orderby) items = sortBy(items, options.orderby.map((o) => ({ ...o, property: groupSelect(ctx.state, [o.property])![0] })));
  return collectionPage(ctx, options, items, (g) => project(g, select, 'all'), contextFor('groups', select));
}

function getGroup(ctx: RouteContext): GraphResponse {
  const group = requireGroup(ctx);
  const select = groupSelect(ctx.state, readQueryOptions(ctx).select);
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#${contextFor('groups', select)}/$entity`, ...project(group, select, 'all') } };
}

/** Type casts Graph accepts after `members`: `/members/microsoft.graph.user`. */
const MEMBER_CASTS: Record<string, 'user' | 'group'> = { 'microsoft.graph.user': 'user', 'microsoft.graph.group': 'group' };

function listMembers(ctx: RouteContext, cast?: string): GraphResponse {
  const group = requireGroup(ctx);
  const kind = cast === undefined ? undefined : MEMBER_CASTS[cast.toLowerCase()];
  if (cast !== undefined && !kind) throw badRequest(GraphMessages.segmentNotFound(cast.slice(0, 200)), 'BadRequest');
  const options = readQueryOptions(ctx);
  const select = directoryObjectSelect(ctx.state, options.select);
  const members = ctx.state.groupMembers.targetsOf(group.id).flatMap((id) => ctx.state.directoryObject(id) ?? []).filter((m) => !kind || m.kind === kind);
  return collectionPage(ctx, options, members, (m) => directoryObjectJson(m.kind, m.object, select), contextFor('directoryObjects', select));
}

/**
 * Graph manages the membership of cloud security groups and Microsoft 365 groups only. Synced groups
 * belong to AD; mail-enabled security groups and distribution lists to Exchange; dynamic groups to
 * their rule. The texts and codes are Graph's own as reported in public issue threads.
 */
function refuseUnmanagedMembership(group: GraphObject): void {
  const types = ((group.groupTypes as string[] | undefined) ?? []).map((t) => t.toLowerCase());
  if (group.onPremisesSyncEnabled === true) throw badRequest(GraphMessages.onPremisesMastered);
  if (group.mailEnabled === true && !types.includes('unified')) throw badRequest(GraphMessages.mailEnabledGroup);
  if (types.includes('dynamicmembership')) {
    throw new GraphError(403, 'Authorization_RequestDenied', GraphMessages.insufficientPrivileges);
  }
}

function addMember(ctx: RouteContext): GraphResponse {
  const group = requireGroup(ctx);
  const memberId = referencedId(ctx.req.body);
  const member = ctx.state.directoryObject(memberId);
  if (!member || member.kind === 'directoryRole') throw notFound(memberId.slice(0, 200));
  refuseUnmanagedMembership(group);
  if (member.object === group) throw badRequest(GraphMessages.invalidValue('members', 'Group'));
  // Entra keeps role-assignable groups flat: no group can be a member of one (so direct membership is all there is).
  if (group.isAssignableToRole === true && member.kind === 'group') throw badRequest(GraphMessages.invalidValue('members', 'Group'));
  if (!ctx.state.groupMembers.add(group.id, member.object.id)) throw badRequest(GraphMessages.referenceExists);
  return { status: 204 };
}

function removeMember(ctx: RouteContext): GraphResponse {
  const group = requireGroup(ctx);
  const member = ctx.state.directoryObject(ctx.params.memberId);
  if (!member) throw notFound(ctx.params.memberId.slice(0, 200));
  refuseUnmanagedMembership(group);
  if (!ctx.state.groupMembers.remove(group.id, member.object.id)) {
    throw new GraphError(404, 'Request_ResourceNotFound', GraphMessages.referenceMissing);
  }
  return { status: 204 };
}
