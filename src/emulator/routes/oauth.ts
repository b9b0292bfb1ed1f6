import { DEFAULT_TOKEN_LIFETIME_SECONDS, DELEGATED_SCOPES, type DelegatedTokenIssuer } from '../delegatedTokens';
import { badRequest, notFound } from '../graphError';
import type { Router } from '../router';

/**
 * The local token issuer beside `/v1.0` (development and tests only): `POST /_oauth/token` with `{"userId":"<object id
 * or userPrincipalName>"}` answers an access token for that user of the tenant, as Entra's token endpoint shapes it.
 * No Graph token, no faults, not in the request log; nothing is written.
 */
export function registerTokenRoutes(router: Router, issuer: DelegatedTokenIssuer): void {
  router.add('POST', '/_oauth/token', (ctx) => {
    const body = ctx.req.body as Record<string, unknown> | undefined;
    const userId = body && typeof body === 'object' && !Array.isArray(body) ? body.userId : undefined;
    const unknownKey = body && typeof body === 'object' ? Object.keys(body).find((k) => k !== 'userId') : undefined;
    if (typeof userId !== 'string' || !userId || unknownKey !== undefined) {
      throw badRequest('Token request refused: the body must be {"userId":"<object id or userPrincipalName>"}.');
    }
    const user = ctx.state.findUser(userId);
    if (!user) throw notFound(userId.slice(0, 200));
    // Entra signs no disabled account in (AADSTS50057).
    if (user.accountEnabled === false) throw badRequest('Token request refused: the user account is disabled.');
    const token = issuer.issue(user, String(ctx.state.organization.id));
    return { status: 200, body: { token_type: 'Bearer', scope: DELEGATED_SCOPES, expires_in: DEFAULT_TOKEN_LIFETIME_SECONDS, access_token: token } };
  });
}
