import type { Router } from '../router';
import { simulateMailbox } from '../mailboxPurpose';
import { simulateSync } from '../simulateSync';

/**
 * Development aids beside `/v1.0`, never under it: `POST /_simulate/sync` plays an Entra Connect cycle
 * (simulateSync.ts), `POST /_simulate/mailbox` an Exchange admin's `Set-Mailbox -Type` (mailboxPurpose.ts). Answered without a token, outside the Graph pipeline (no faults, not in the request log).
 */
export function registerSimulationRoutes(router: Router, now: () => Date): void {
  router.add('POST', '/_simulate/sync', (ctx) => ({ status: 200, body: { users: simulateSync(ctx.state, ctx.req.body, now()) } }));
  router.add('POST', '/_simulate/mailbox', (ctx) => ({ status: 200, body: { user: simulateMailbox(ctx.state, ctx.req.body) } }));
}
