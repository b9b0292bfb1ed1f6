import type { Account } from '../directory/account';
import type { Group, SubscribedSku } from '../directory/directory';
import { adHideFromAddressListsCommand, exchangeOffboardingScript } from '../sync/powerShell';
import type { ChangePlan } from './changePlan';
import { licenceName } from './licenceNames';
import { PlanDraft, type PlanOptions } from './planChanges';

/** What Graph tells about the person who leaves, read before planning (the planner does no I/O). */
export interface OffboardingFacts {
  /** The groups they are a direct member of. */
  groups: readonly Group[];
  /** The tenant's subscriptions: the names of the licences they hold. */
  skus: readonly SubscribedSku[];
  /** Their mailbox's kind as Exchange reports it (`shared` once converted); null when they have none. */
  mailbox: { purpose: string } | null;
  /** Where their mail goes from now on, when asked: an address of the tenant. */
  forwardTo: string | null;
}

/**
 * Someone leaves: one plan, in the order it must happen.
 * 1. Sign-in blocked (in the cloud now; `Disable-ADAccount` too for a synced account) and sessions revoked.
 * 2. The password set to a random one nobody sees (in the cloud), or by the AD script.
 * 3. Out of every group they are directly in: cloud groups through Graph, synced groups through AD; a dynamic group or
 *    a distribution list is explained, a role-assignable group needs the role that may change it.
 * 4. The mailbox handed over as Exchange Online PowerShell (to shared, hidden, forwarded when asked): Graph can do none
 *    of that. Licences stay until the mailbox is shared, since removing them first loses its content; without a
 *    mailbox, or once it is shared, they are removed here.
 * A block the caller may not make stops the whole plan: half an offboarding of someone out of reach helps nobody.
 */
export function planOffboarding(account: Account, facts: OffboardingFacts, options: PlanOptions): ChangePlan {
  const draft = new PlanDraft(account, options);
  if (options.actorId?.toLowerCase() === account.id.toLowerCase()) {
    draft.items.push({ kind: 'invalid', property: 'accountEnabled', rule: 'offboardSelf', params: {} });
    return { ...draft.toPlan(), purpose: 'offboarding' };
  }
  const blockAllowed = options.allowed('accountEnabled');
  if (blockAllowed !== true) {
    draft.deny('accountEnabled', blockAllowed);
    return { ...draft.toPlan(), purpose: 'offboarding' };
  }
  draft.profile({ property: 'accountEnabled', value: false });
  draft.operation({ op: 'revokeSessions' }, []);
  draft.operation({ op: 'resetPassword', hidden: true }, []);
  for (const group of [...facts.groups].sort((a, b) => a.displayName.localeCompare(b.displayName))) {
    draft.operation({ op: 'group', add: false, group, isMember: true }, []);
  }

  const mailbox = facts.mailbox;
  const shared = mailbox?.purpose === 'shared';
  let exchangeScript: string | null = null;
  if (mailbox) {
    // A synced mailbox's address-list visibility is AD's (msExchHideFromAddressLists): Exchange Online refuses it.
    if (draft.synced && draft.identity) draft.adCommands.push(adHideFromAddressListsCommand(draft.identity));
    if (!shared || facts.forwardTo) {
      exchangeScript = exchangeOffboardingScript(account.userPrincipalName, { hide: !draft.synced, forwardTo: facts.forwardTo, hybrid: draft.synced });
    }
  } else if (facts.forwardTo) {
    draft.items.push({ kind: 'invalid', property: 'licence', rule: 'noMailboxToForward', params: {} });
  }

  for (const licence of account.assignedLicenses) {
    const sku = facts.skus.find((s) => s.skuId.toLowerCase() === licence.skuId.toLowerCase());
    const name = licenceName(sku?.skuPartNumber ?? licence.skuId);
    if (mailbox && !shared) {
      draft.items.push({ kind: 'held', property: 'licence', object: { name, add: false }, skuId: licence.skuId, reason: 'mailboxFirst' });
    } else if (sku) {
      draft.operation({ op: 'licence', add: false, sku }, []);
    } else {
      // A licence whose subscription the tenant no longer lists: removed by its id all the same.
      draft.operation({ op: 'licence', add: false, sku: { skuId: licence.skuId, skuPartNumber: licence.skuId, capabilityStatus: 'Enabled', prepaidUnits: { enabled: 0 }, consumedUnits: 0 } }, []);
    }
  }
  return { ...draft.toPlan(), purpose: 'offboarding', exchangeScript };
}
