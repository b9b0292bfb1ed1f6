import { licenceName } from '../changes/licenceNames';
import { profileCard } from '../cards/profileCard';
import { syncStatusCard } from '../cards/syncStatusCard';
import type { Account } from '../directory/account';
import { managerOf } from '../directory/managerOf';
import type { Translator } from '../i18n/translate';
import { mayView } from '../policy/viewAccess';
import { sourceOfAuthority } from '../sync/sourceOfAuthority';
import type { AssistantContext } from './assistantContext';
import { readerTimeZone, type Caller } from './caller';
import { card, text, type Reply } from './reply';

export type View = 'profile' | 'syncStatus';

/** "show X" and "is X synchronized?": checks the caller may see X, then renders the card. */
export async function viewAccount(ctx: AssistantContext, caller: Caller, account: Account, view: View, t: Translator): Promise<Reply> {
  const me = await ctx.privileges.caller(caller.id);
  const viewer = { id: caller.id, roleTemplateIds: me.activeRoleIds };
  // The profile shows the manager anyway; the sync card needs it only to let a non-admin manager see it.
  const needManager = view === 'profile' || !mayView(viewer, account.id, null);
  // Usually read along with the account already; only an account found by `$search` needs its own read.
  const manager = needManager ? await managerOf(ctx.directory, account) : null;
  // Say why, and what they can see instead: a bare "not allowed" reads like a fault.
  if (!mayView(viewer, account.id, manager?.id ?? null)) return text(t('view.notAllowed'));

  const source = sourceOfAuthority(account, ctx.clock.now());
  if (view === 'syncStatus') return card(syncStatusCard(account, source, t, readerTimeZone(caller)));
  const skus = account.assignedLicenses.length ? await ctx.skus.get() : [];
  const licences = account.assignedLicenses.map((l) => {
    const sku = skus.find((s) => s.skuId === l.skuId);
    return sku ? licenceName(sku.skuPartNumber) : l.skuId;
  });
  return card(profileCard({ account, manager, source, licences }, t));
}
