import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { isAllowedServiceUrl } from './serviceHosts';

/**
 * Serves only the configured tenants (and, in production, only Teams). A single-tenant app registration does
 * not stop users of other tenants from messaging the bot, so this check is ours. Refused turns get no answer.
 */
export class TenantGuard implements Middleware {
  private readonly allowed: Set<string>;

  constructor(
    allowedTenantIds: string[],
    private readonly channels: string[] | null,
    private readonly log: Logger,
    /** Hosts replies may go to; null in development, where the local client is the connector. */
    private readonly serviceHosts: ReadonlySet<string> | null = null,
  ) {
    this.allowed = new Set(allowedTenantIds.map((t) => t.toLowerCase()));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    const tenant = String(a.channelData?.tenant?.id ?? a.conversation?.tenantId ?? '').toLowerCase();
    if (this.channels && !this.channels.includes(a.channelId)) {
      this.log.warn('turn.refused', { reason: 'channel', channelId: a.channelId, activityId: a.id });
      return;
    }
    if (this.serviceHosts && !isAllowedServiceUrl(a.serviceUrl, this.serviceHosts)) {
      // The reply would carry the bot's token to this URL: never to a host that is not Teams'.
      this.log.warn('turn.refused', { reason: 'serviceUrl', host: hostOf(a.serviceUrl), activityId: a.id });
      return;
    }
    if (!this.allowed.has(tenant)) {
      this.log.warn('turn.refused', { reason: 'tenant', tenantId: tenant || null, activityId: a.id });
      return;
    }
    await next();
  }
}

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname.slice(0, 100) : null;
  } catch {
    return null;
  }
}
