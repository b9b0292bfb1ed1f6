import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

/**
 * Serves only the configured tenants (and, in production, only Teams). A single-tenant app registration does
 * not stop users of other tenants from messaging the bot, so this check is ours. Refused turns get no answer.
 */
export class TenantGuard implements Middleware {
  private readonly allowed: Set<string>;

  constructor(allowedTenantIds: string[], private readonly channels: string[] | null, private readonly log: Logger) {
    this.allowed = new Set(allowedTenantIds.map((t) => t.toLowerCase()));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    const tenant = String(a.channelData?.tenant?.id ?? a.conversation?.tenantId ?? '').toLowerCase();
    if (this.channels && !this.channels.includes(a.channelId)) {
      this.log.warn('turn.refused', { reason: 'channel', channelId: a.channelId, activityId: a.id });
      return;
    }
    if (!this.allowed.has(tenant)) {
      this.log.warn('turn.refused', { reason: 'tenant', tenantId: tenant || null, activityId: a.id });
      return;
    }
    await next();
  }
}
