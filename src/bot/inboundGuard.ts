import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { isAllowedServiceUrl } from './serviceHosts';

/**
 * Serves only activities from where they should come: the configured tenants and, in production, only Teams,
 * with replies going only to Teams' service hosts. A single-tenant app registration does not stop users of
 * other tenants from messaging the bot, so these checks are ours. Refused turns get no answer:
 * no message is sent, and an invoke gets a bare 403 (answered in the HTTP response, never via the serviceUrl).
 */
export class InboundGuard implements Middleware {
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
      return this.refuse(context, { reason: 'channel', channelId: String(a.channelId).slice(0, 64) });
    }
    if (this.serviceHosts && !isAllowedServiceUrl(a.serviceUrl, this.serviceHosts)) {
      // The reply would carry the bot's token to this URL: never to a host that is not Teams'.
      return this.refuse(context, { reason: 'serviceUrl', host: hostOf(a.serviceUrl) });
    }
    if (!this.allowed.has(tenant)) {
      return this.refuse(context, { reason: 'tenant', tenantId: tenant.slice(0, 64) || null });
    }
    await next();
  }

  private async refuse(context: TurnContext, fields: Record<string, unknown>): Promise<void> {
    this.log.warn('turn.refused', { ...fields, activityId: context.activity.id ?? null });
    // The adapter keeps an invoke response for the HTTP answer; nothing goes to the serviceUrl.
    if (context.activity.type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 403 } });
  }
}

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname.slice(0, 100) : null;
  } catch {
    return null;
  }
}
