import { Router } from '../router';
import { registerBatchRoutes } from './batch';
import { registerDirectoryRoutes } from './directory';
import { registerGroupRoutes } from './groups';
import { registerMailboxRoutes } from './mailbox';
import { registerManagerRoutes } from './manager';
import type { DelegatedTokenIssuer } from '../delegatedTokens';
import { registerMembershipRoutes } from './memberships';
import { registerTokenRoutes } from './oauth';
import { registerRoleManagementRoutes } from './roleManagement';
import { registerSimulationRoutes } from './simulation';
import { registerUserActionRoutes } from './userActions';
import { registerUserRoutes } from './users';

/** Every Graph v1.0 route the emulator serves. */
export function buildGraphRouter(): Router {
  const router = new Router();
  registerUserRoutes(router);
  registerManagerRoutes(router);
  registerMembershipRoutes(router);
  registerUserActionRoutes(router);
  registerMailboxRoutes(router);
  registerGroupRoutes(router);
  registerDirectoryRoutes(router);
  registerRoleManagementRoutes(router);
  registerBatchRoutes(router);
  return router;
}

/** The development aids beside `/v1.0` (`/_simulate/…`, the token issuer `/_oauth/token`), with the emulator's clock. */
export function buildSimulationRouter(now: () => Date, issuer: DelegatedTokenIssuer): Router {
  const router = new Router();
  registerSimulationRoutes(router, now);
  registerTokenRoutes(router, issuer);
  return router;
}
