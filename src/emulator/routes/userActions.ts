import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, GraphError, GraphMessages, notFound } from '../graphError';
import type { GraphResponse, RouteContext, Router } from '../router';
import type { GraphObject } from '../tenantState';
import { licensedPlans } from '../servicePlans';
import { isComplexEnough } from '../userPatch';
import { requireUser, userJson } from './users';

/** The password authentication method has this fixed id for every user. */
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Actions on a user: licences, sign-in sessions, password reset. */
export function registerUserActionRoutes(router: Router): void {
  router
    .add('POST', '/users/:id/assignLicense', assignLicense)
    .add('POST', '/users/:id/revokeSignInSessions', revokeSignInSessions)
    .add('POST', '/users/:id/authentication/methods/:methodId/resetPassword', resetPassword)
    .add('GET', '/users/:id/authentication/operations/:operationId', getOperation);
}

type License = { skuId: string; disabledPlans: string[] };

function readLicenseBody(body: unknown): { add: License[]; remove: string[] } {
  const b = body as { addLicenses?: unknown; removeLicenses?: unknown } | null;
  if (!b || typeof b !== 'object' || !Array.isArray(b.addLicenses) || !Array.isArray(b.removeLicenses)) {
    throw badRequest("Both 'addLicenses' and 'removeLicenses' are required (either may be an empty array).", 'BadRequest');
  }
  const guid = (v: unknown): string => {
    if (typeof v !== 'string' || !GUID.test(v)) throw badRequest(GraphMessages.wrongType('Edm.Guid'), 'BadRequest');
    return v.toLowerCase();
  };
  const add = b.addLicenses.map((l: unknown) => {
    const { skuId, disabledPlans = [] } = (l ?? {}) as { skuId?: unknown; disabledPlans?: unknown };
    if (!Array.isArray(disabledPlans)) throw badRequest(GraphMessages.wrongType('Collection(Edm.Guid)'), 'BadRequest');
    return { skuId: guid(skuId), disabledPlans: disabledPlans.map(guid) };
  });
  return { add, remove: b.removeLicenses.map(guid) };
}

/** Validates everything first, then applies: a refused call changes neither the user nor the unit counts. */
function assignLicense(ctx: RouteContext): GraphResponse {
  const user = requireUser(ctx);
  const { add, remove } = readLicenseBody(ctx.req.body);
  const current = ((user.assignedLicenses as License[] | undefined) ?? []).map((l) => ({ ...l, skuId: l.skuId.toLowerCase() }));
  const has = (skuId: string) => current.some((l) => l.skuId === skuId);
  if (add.length > 0 && !user.usageLocation) throw badRequest(GraphMessages.invalidUsageLocation);
  for (const skuId of [...add.map((l) => l.skuId), ...remove]) {
    if (!ctx.state.sku(skuId)) throw badRequest(GraphMessages.unknownSku(skuId));
  }
  for (const skuId of remove) {
    if (!has(skuId) || add.some((l) => l.skuId === skuId)) throw badRequest(GraphMessages.licenseNotAssigned);
  }
  for (const { skuId } of add) {
    const sku = ctx.state.sku(skuId)!;
    const units = sku.prepaidUnits as { enabled: number; warning?: number };
    // Units in "warning" (expiring) are still assignable; suspended ones are not.
    const free = units.enabled + (units.warning ?? 0) - (sku.consumedUnits as number);
    if (!has(skuId) && (free <= 0 || !['Enabled', 'Warning'].includes(String(sku.capabilityStatus)))) {
      throw badRequest(GraphMessages.noFreeLicenses(skuId));
    }
  }
  const originalCase = (skuId: string) => String(ctx.state.sku(skuId)!.skuId);
  let next = current.filter((l) => !remove.includes(l.skuId));
  for (const l of add) {
    if (!has(l.skuId)) ctx.state.sku(l.skuId)!.consumedUnits = (ctx.state.sku(l.skuId)!.consumedUnits as number) + 1;
    next = [...next.filter((x) => x.skuId !== l.skuId), l];
  }
  for (const skuId of remove) ctx.state.sku(skuId)!.consumedUnits = Math.max(0, (ctx.state.sku(skuId)!.consumedUnits as number) - 1);
  ctx.state.updateUser(user, { assignedLicenses: next.map((l) => ({ disabledPlans: l.disabledPlans, skuId: originalCase(l.skuId) })) });
  ctx.state.updateUser(user, licensedPlans(user, (id) => ctx.state.sku(id), ctx.now().toISOString().replace(/\.\d{3}Z$/, 'Z')));
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#users/$entity`, ...userJson(user, undefined) } };
}

/** Graph stamps the user's signInSessionsValidFromDateTime (whole seconds) and answers the action's Edm.Boolean. */
function revokeSignInSessions(ctx: RouteContext): GraphResponse {
  const user = requireUser(ctx);
  const now = ctx.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  ctx.state.recordSignInRevocation(user.id, now);
  ctx.state.updateUser(user, { signInSessionsValidFromDateTime: now });
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#Edm.Boolean`, value: true } };
}

/**
 * Resets a password as an admin. A synced user's password lives in AD: without password writeback Graph
 * cannot change it (answered here with the on-premises mastered 400, the same text a passwordProfile PATCH
 * gets — verify against a real tenant), and with writeback a new password must be given.
 */
function resetPassword(ctx: RouteContext): GraphResponse {
  const user = requireUser(ctx);
  if (ctx.params.methodId.toLowerCase() !== PASSWORD_METHOD_ID) throw notFound(ctx.params.methodId.slice(0, 200));
  const body = (ctx.req.body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest(GraphMessages.invalidJson, 'BadRequest');
  const { newPassword, ...rest } = body;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw badRequest(GraphMessages.undeclaredProperty(unknown.slice(0, 200)));
  if (newPassword !== undefined && newPassword !== null && typeof newPassword !== 'string') {
    throw badRequest(GraphMessages.wrongType('Edm.String'));
  }
  const synced = user.onPremisesSyncEnabled === true;
  if (synced && !ctx.state.passwordWritebackEnabled) throw badRequest(GraphMessages.onPremisesMastered);
  if (synced && !newPassword) throw badRequest(GraphMessages.invalidValue('newPassword', 'PasswordAuthenticationMethod'));
  if (typeof newPassword === 'string' && !isComplexEnough(newPassword)) {
    throw new GraphError(400, 'Request_BadRequest', GraphMessages.passwordComplexity);
  }
  const operationId = randomUUID();
  const at = new Date().toISOString();
  ctx.state.recordPasswordChange(user.id, { at, via: 'resetPassword', forceChangePasswordNextSignIn: null, operationId });
  ctx.state.updateUser(user, { lastPasswordChangeDateTime: at });
  const location = `${ctx.baseUrl}/users/${encodeURIComponent(user.id)}/authentication/operations/${operationId}`;
  // Without newPassword (cloud-only user) Entra generates one and returns it, once.
  const body202 = newPassword ? undefined : { '@odata.type': '#microsoft.graph.passwordResetResponse', newPassword: generatedPassword() };
  return { status: 202, headers: { Location: location, 'Retry-After': '1' }, body: body202 };
}

function generatedPassword(): string {
  return `Aa1!${randomBytes(12).toString('base64url')}`;
}

function getOperation(ctx: RouteContext): GraphResponse {
  const user: GraphObject = requireUser(ctx);
  const change = ctx.state.getPasswordChanges(user.id).find((c) => c.operationId === ctx.params.operationId.toLowerCase());
  if (!change) throw notFound(ctx.params.operationId.slice(0, 200));
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.baseUrl}/$metadata#users('${user.id}')/authentication/operations/$entity`,
      id: change.operationId, status: 'succeeded', createdDateTime: change.at, lastActionDateTime: change.at, statusDetail: null, resourceLocation: null,
    },
  };
}
