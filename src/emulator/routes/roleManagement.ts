import { compileFilter, type FilterSchema } from '../filterPredicate';
import { badRequest, GraphError, GraphMessages, notFound } from '../graphError';
import { parseFilter } from '../odataFilter';
import { collectionPage, contextFor, project, readQueryOptions, unknownSelect } from '../odataQuery';
import { referencedId } from '../odataReference';
import type { GraphResponse, RouteContext, Router } from '../router';
import type { GraphObject } from '../tenantState';

/** unifiedRoleAssignment's properties in Graph v1.0's metadata. */
const ASSIGNMENT_PROPERTIES = ['id', 'appScopeId', 'condition', 'directoryScopeId', 'principalId', 'principalOrganizationId', 'roleDefinitionId'];
/** unifiedRoleEligibilityScheduleInstance's (with unifiedRoleScheduleInstanceBase's). */
const ELIGIBILITY_PROPERTIES = [
  'id', 'appScopeId', 'directoryScopeId', 'principalId', 'roleDefinitionId', 'endDateTime', 'memberType', 'roleEligibilityScheduleId', 'startDateTime',
];

/** unifiedRoleDefinition's properties in Graph v1.0's metadata (rolePermissions served empty). */
const DEFINITION_PROPERTIES = ['id', 'description', 'displayName', 'isBuiltIn', 'isEnabled', 'resourceScopes', 'rolePermissions', 'templateId', 'version'];

/**
 * `roleManagement/directory`: role definitions, active role assignments (listed by `$filter` only, as Graph
 * requires), PIM eligibilities (filtered or whole), and
 * `directoryRoles/{id}/members/$ref` to assign or remove a role (how tests make someone an admin mid-conversation).
 */
export function registerRoleManagementRoutes(router: Router): void {
  router
    .add('GET', '/roleManagement/directory/roleDefinitions', (ctx) =>
      list(ctx, 'unifiedRoleDefinition', DEFINITION_PROPERTIES, roleDefinitions(ctx.state), false))
    .add('GET', '/roleManagement/directory/roleAssignments', (ctx) => list(ctx, 'unifiedRoleAssignment', ASSIGNMENT_PROPERTIES, ctx.state.roleAssignments()))
    // Graph lists every eligibility instance when asked without a filter (its documented example does).
    .add('GET', '/roleManagement/directory/roleEligibilityScheduleInstances', (ctx) =>
      list(ctx, 'unifiedRoleEligibilityScheduleInstance', ELIGIBILITY_PROPERTIES, ctx.state.roleEligibilityScheduleInstances(), false))
    .add('POST', '/directoryRoles/:id/members/$ref', addRoleMember)
    .add('DELETE', '/directoryRoles/:id/members/:memberId/$ref', removeRoleMember);
}

function schemaOf(typeName: string, properties: string[]): FilterSchema {
  const byLower = new Map(properties.map((p) => [p.toLowerCase(), p]));
  return {
    typeName,
    property: (name) => {
      const canonical = byLower.get(name.toLowerCase());
      return canonical ? { name: canonical, collection: false, boolean: false } : undefined;
    },
  };
}

/**
 * The role definitions the tenant uses: one per directory role's template and per role any assignment or eligibility
 * names. (Graph lists every built-in role, used or not; the emulator knows only the ones in its tenant file, which
 * is every one a client can find an assignment of.) Built-in roles' definition id is their template id.
 */
function roleDefinitions(state: RouteContext['state']): GraphObject[] {
  const byId = new Map<string, GraphObject>();
  const add = (id: string, displayName: unknown, description: unknown) => {
    if (byId.has(id.toLowerCase())) return;
    byId.set(id.toLowerCase(), {
      id, description: typeof description === 'string' ? description : null, displayName: typeof displayName === 'string' ? displayName : null,
      isBuiltIn: true, isEnabled: true, resourceScopes: ['/'], rolePermissions: [], templateId: id, version: '1',
    });
  };
  for (const role of state.allDirectoryRoles()) add(String(role.roleTemplateId), role.displayName, role.description);
  for (const a of [...state.roleAssignments(), ...state.roleEligibilityScheduleInstances()]) add(String(a.roleDefinitionId), null, null);
  return [...byId.values()];
}

function list(ctx: RouteContext, typeName: string, properties: string[], all: readonly GraphObject[], filterRequired = true): GraphResponse {
  const options = readQueryOptions(ctx);
  // Graph lists a directory's role assignments only for a principal or a role, never all of them at once.
  if (filterRequired && options.filter === undefined) {
    throw badRequest('The request requires a $filter on principalId or roleDefinitionId.', 'BadRequest');
  }
  const schema = schemaOf(typeName, properties);
  const select = options.select?.map((name) => schema.property(name)?.name ?? throwUnknown(name, typeName));
  const filter = options.filter === undefined ? undefined : compileFilter(parseFilter(options.filter), schema, options.advanced);
  const items = filter ? all.filter(filter.test) : [...all];
  const entitySet = ENTITY_SETS[typeName];
  return collectionPage(ctx, options, items, (o) => project(o, select, properties), contextFor(entitySet, select));
}

const ENTITY_SETS: Record<string, string> = {
  unifiedRoleDefinition: 'roleManagement/directory/roleDefinitions',
  unifiedRoleAssignment: 'roleManagement/directory/roleAssignments',
  unifiedRoleEligibilityScheduleInstance: 'roleManagement/directory/roleEligibilityScheduleInstances',
};

function throwUnknown(name: string, typeName: string): never {
  throw unknownSelect(name, typeName);
}

function requireRole(ctx: RouteContext): GraphObject {
  const role = ctx.state.directoryRole(ctx.params.id);
  if (!role) throw notFound(ctx.params.id.slice(0, 200));
  return role;
}

/** Users and role-assignable groups may hold a role; any other group may not (Entra refuses it). */
function addRoleMember(ctx: RouteContext): GraphResponse {
  const role = requireRole(ctx);
  const memberId = referencedId(ctx.req.body);
  const member = ctx.state.directoryObject(memberId);
  if (!member || member.kind === 'directoryRole') throw notFound(memberId.slice(0, 200));
  if (member.kind === 'group' && member.object.isAssignableToRole !== true) {
    throw badRequest('Only role-assignable groups can be assigned a directory role.', 'Request_BadRequest');
  }
  if (!ctx.state.roleMembers.add(role.id, member.object.id)) throw badRequest(GraphMessages.referenceExists);
  return { status: 204 };
}

function removeRoleMember(ctx: RouteContext): GraphResponse {
  const role = requireRole(ctx);
  const member = ctx.state.directoryObject(ctx.params.memberId);
  if (!member || !ctx.state.roleMembers.remove(role.id, member.object.id)) {
    throw new GraphError(404, 'Request_ResourceNotFound', GraphMessages.referenceMissing);
  }
  return { status: 204 };
}
