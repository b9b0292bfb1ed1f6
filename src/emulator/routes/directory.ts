import { directoryObjectJson, directoryObjectSelect, roleSelect } from '../directorySchemas';
import { notFound, odataBadRequest } from '../graphError';
import { collectionPage, contextFor, project, readQueryOptions, unknownSelect } from '../odataQuery';
import type { GraphResponse, RouteContext, Router } from '../router';

/** Tenant-wide reads: organization, subscribedSkus, directoryRoles. */
export function registerDirectoryRoutes(router: Router): void {
  router
    .add('GET', '/organization', getOrganization)
    .add('GET', '/subscribedSkus', listSkus)
    .add('GET', '/subscribedSkus/:id', getSku)
    .add('GET', '/directoryRoles', listRoles)
    .add('GET', '/directoryRoles/:id', getRole)
    .add('GET', '/directoryRoles/:id/members', listRoleMembers);
}

/** Properties of one served object, for $select on types without a catalog of their own. */
function selectFrom(object: Record<string, unknown>, select: string[] | undefined, typeName: string): string[] | undefined {
  return select?.map((name) => Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase()) ?? throwUnknown(name, typeName));
}

function throwUnknown(name: string, typeName: string): never {
  throw unknownSelect(name, typeName);
}

function getOrganization(ctx: RouteContext): GraphResponse {
  const options = readQueryOptions(ctx);
  const org = ctx.state.organization;
  const select = selectFrom(org, options.select, 'organization');
  return collectionPage(ctx, options, [org], (o) => project(o, select, 'all'), contextFor('organization', select));
}

function listSkus(ctx: RouteContext): GraphResponse {
  const options = readQueryOptions(ctx);
  if (options.filter !== undefined) throw odataBadRequest("The query specified in the URI is not valid. Query option 'Filter' is not allowed.");
  const first = ctx.state.allSkus()[0] ?? { id: '' };
  const select = selectFrom(first, options.select, 'subscribedSku');
  return collectionPage(ctx, options, ctx.state.allSkus(), (s) => project(s, select, 'all'), contextFor('subscribedSkus', select));
}

function getSku(ctx: RouteContext): GraphResponse {
  // Graph's subscribedSku id is "{tenantId}_{skuId}"; the skuId alone is accepted here too.
  const id = ctx.params.id;
  const sku = ctx.state.allSkus().find((s) => s.id.toLowerCase() === id.toLowerCase()) ?? ctx.state.sku(id);
  if (!sku) throw notFound(id.slice(0, 200));
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#subscribedSkus/$entity`, ...project(sku, undefined, 'all') } };
}

function listRoles(ctx: RouteContext): GraphResponse {
  const options = readQueryOptions(ctx);
  const select = roleSelect(options.select);
  return collectionPage(ctx, options, ctx.state.allDirectoryRoles(), (r) => project(r, select, 'all'), contextFor('directoryRoles', select));
}

function requireRole(ctx: RouteContext) {
  const role = ctx.state.directoryRole(ctx.params.id);
  if (!role) throw notFound(ctx.params.id.slice(0, 200));
  return role;
}

function getRole(ctx: RouteContext): GraphResponse {
  const role = requireRole(ctx);
  const select = roleSelect(readQueryOptions(ctx).select);
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#directoryRoles/$entity`, ...project(role, select, 'all') } };
}

function listRoleMembers(ctx: RouteContext): GraphResponse {
  const role = requireRole(ctx);
  const options = readQueryOptions(ctx);
  const select = directoryObjectSelect(ctx.state, options.select);
  const members = ctx.state.roleMembers.targetsOf(role.id).flatMap((id) => ctx.state.directoryObject(id) ?? []);
  return collectionPage(ctx, options, members, (m) => directoryObjectJson(m.kind, m.object, select), contextFor('directoryObjects', select));
}
