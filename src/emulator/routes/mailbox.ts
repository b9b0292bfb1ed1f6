import { GraphError, GraphMessages } from '../graphError';
import { userPurposeOf } from '../mailboxPurpose';
import type { GraphResponse, RouteContext, Router } from '../router';
import { hasMailbox } from '../servicePlans';
import { requireUser } from './users';

/** Exchange Online's answer for a user without a mailbox in the cloud (none licensed, or one hosted on-premises). */
export const MAILBOX_NOT_ENABLED = { code: 'MailboxNotEnabledForRESTAPI', message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.' };

const LANGUAGES: Record<string, string> = {
  'en-US': 'English (United States)', 'en-GB': 'English (United Kingdom)', 'nl-NL': 'Dutch (Netherlands)',
  'nl-BE': 'Dutch (Belgium)', 'de-DE': 'German (Germany)', 'fr-FR': 'French (France)', 'ja-JP': 'Japanese (Japan)',
};

/**
 * `GET /users/{id}/mailboxSettings` and one of its properties (`…/mailboxSettings/userPurpose`): a mailbox exists
 * when the user's licences carry an Exchange Online mailbox plan.
 */
export function registerMailboxRoutes(router: Router): void {
  router.add('GET', '/users/:id/mailboxSettings', getMailboxSettings);
  router.add('GET', '/users/:id/mailboxSettings/:property', getMailboxSetting);
}

/**
 * One property, as Graph serves a property path: a primitive or enum as `{"value": …}`, a complex one as itself,
 * each with its own `@odata.context`. Names match in any case, as Graph's do.
 */
function getMailboxSetting(ctx: RouteContext): GraphResponse {
  const all = getMailboxSettings(ctx).body as Record<string, unknown>;
  const name = Object.keys(all).find((k) => !k.startsWith('@') && k.toLowerCase() === ctx.params.property.toLowerCase());
  if (name === undefined) throw new GraphError(400, 'BadRequest', GraphMessages.segmentNotFound(ctx.params.property.slice(0, 200)));
  const value = all[name];
  const context = `${String(all['@odata.context'])}/${name}`;
  return { status: 200, body: value !== null && typeof value === 'object' ? { '@odata.context': context, ...value } : { '@odata.context': context, value } };
}

/** A new mailbox's settings, as Exchange Online creates them; the mailbox's kind as the tenant holds it. */
function getMailboxSettings(ctx: RouteContext): GraphResponse {
  const user = requireUser(ctx);
  if (!hasMailbox(user, (id) => ctx.state.sku(id))) throw new GraphError(404, MAILBOX_NOT_ENABLED.code, MAILBOX_NOT_ENABLED.message);
  const locale = typeof user.preferredLanguage === 'string' && user.preferredLanguage ? user.preferredLanguage : 'en-US';
  const today = ctx.now().toISOString().slice(0, 10);
  const slot = (day: string) => ({ dateTime: `${day}T00:00:00.0000000`, timeZone: 'UTC' });
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.baseUrl}/$metadata#users('${user.id}')/mailboxSettings`,
      archiveFolder: null,
      timeZone: 'UTC',
      delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
      dateFormat: 'M/d/yyyy',
      timeFormat: 'h:mm tt',
      userPurpose: userPurposeOf(user),
      automaticRepliesSetting: {
        status: 'disabled', externalAudience: 'all', internalReplyMessage: '', externalReplyMessage: '',
        scheduledStartDateTime: slot(today), scheduledEndDateTime: slot(today),
      },
      language: { locale, displayName: LANGUAGES[locale] ?? null },
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'UTC' },
      },
    },
  };
}
