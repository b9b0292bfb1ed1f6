import { plainText } from '../cards/plainText';
import { propertyLabel } from '../cards/propertyLabel';
import type { Account } from '../directory/account';
import { languageOf, type Translator } from '../i18n/translate';
import { formatTime } from '../i18n/formatTime';
import type { ChangeSubject } from '../language/request';
import type { AuditRecord } from '../store';
import { isAdminRole } from '../policy/roles';
import type { AssistantContext } from './assistantContext';
import { readerTimeZone, type Caller } from './caller';
import { text, type Reply } from './reply';

const LIMIT = 10;

/** "history of X": the latest audit records of an account, for admins. */
export async function showHistory(ctx: AssistantContext, caller: Caller, account: Account, t: Translator): Promise<Reply> {
  const me = await ctx.privileges.caller(caller.id);
  if (!isAdminRole(me.activeRoleIds)) return text(t('history.adminsOnly'));
  const name = plainText(account.displayName ?? account.userPrincipalName);
  const records = await ctx.audit.listForTarget(account.id, LIMIT);
  if (records.length === 0) return text(t('history.none', { name }));
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? t('plan.empty') : plainText(String(v)));
  const describe = (r: AuditRecord): string => {
    switch (r.operation) {
      case 'assignLicense':
      case 'addToGroup':
        return t('plan.adds', { name: show(r.after) });
      case 'removeLicense':
      case 'removeFromGroup':
        return t('plan.removes', { name: show(r.after) });
      case 'revokeSessions':
        return t('history.signedOut');
      case 'resetPassword':
        return t('history.passwordReset');
      default:
        // Nothing to do records no "before" worth showing: it was already the value asked for.
        if (r.outcome === 'noop') return t('plan.noop.already', { value: show(r.after) });
        return t('plan.arrow', { before: show(r.before), after: show(r.after) });
    }
  };
  const zone = readerTimeZone(caller);
  const lines = records.map((r) => [
    t('history.line', {
      time: formatTime(r.time, languageOf(t), zone),
      // A manager's request was applied by the approver's decision: both are named.
      actor: r.approverUpn ? t('history.approvedBy', { actor: plainText(r.actorUpn), approver: plainText(r.approverUpn) }) : plainText(r.actorUpn),
      property: r.property ? propertyLabel(t, r.property as ChangeSubject) : r.operation,
      change: describe(r),
      outcome: t(`outcome.${r.outcome}`),
    }),
    // The details an admin quotes to Microsoft support: Graph's request-id of the write.
    ...(r.graphRequestId ? [t('history.requestId', { requestId: plainText(r.graphRequestId) })] : []),
  ].join(' · '));
  // Two line breaks: Teams' markdown needs a blank line to start a new paragraph.
  return text([t('history.title', { name }), ...lines.map((l) => `- ${l}`)].join('\n\n'));
}
