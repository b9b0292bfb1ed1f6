import type { GraphObject } from './tenantState';

/*
 * A user's `assignedPlans` and `provisionedPlans`, derived as Graph does from the user's licences and the service
 * plans of their SKUs (subscribedSkus[].servicePlans). A mailbox is one of the EXCHANGE_S_* plans that carry one.
 */

interface ServicePlanInfo {
  servicePlanId: string;
  servicePlanName: string;
  appliesTo?: string;
}

interface AssignedPlan {
  assignedDateTime: string;
  capabilityStatus: string;
  service: string;
  servicePlanId: string;
}

/**
 * Graph's `service` for the plans tenant files use (as a real tenant's assignedPlans show them; verify others
 * against one). A plan not listed is served under its own name.
 */
const SERVICE_OF: Record<string, string> = {
  SHAREPOINTENTERPRISE: 'SharePoint', SHAREPOINTSTANDARD: 'SharePoint', SHAREPOINTWAC: 'SharePoint',
  TEAMS1: 'TeamspaceAPI', MCOSTANDARD: 'MicrosoftCommunicationsOnline', MCOEV: 'MicrosoftCommunicationsOnline',
  OFFICESUBSCRIPTION: 'MicrosoftOffice', INTUNE_A: 'SCO', AAD_PREMIUM: 'AADPremiumService',
  AAD_PREMIUM_P2: 'AADPremiumService',
  VISIO_CLIENT_SUBSCRIPTION: 'MicrosoftOffice',
};

/** Exchange Online plans that come with a mailbox; EXCHANGE_S_FOUNDATION (in many SKUs) is Exchange without one. */
const MAILBOX_PLAN = /^EXCHANGE_S_(ENTERPRISE|STANDARD|DESKLESS|ESSENTIALS)(_|$)/;

/** Best first: a plan two licences carry takes the better status. */
const STATUS_RANK = ['Enabled', 'Warning', 'Suspended', 'LockedOut', 'Deleted'];

function serviceOf(planName: string): string {
  return /^EXCHANGE_/.test(planName) ? 'exchange' : (SERVICE_OF[planName] ?? planName);
}

/** The user's plans for its licences now. A plan it had that is gone stays listed as `Deleted`, as Graph keeps it. */
export function licensedPlans(
  user: GraphObject,
  sku: (skuId: string) => GraphObject | undefined,
  at: string,
): { assignedPlans: AssignedPlan[]; provisionedPlans: Record<string, string>[] } {
  const plans = new Map<string, AssignedPlan>();
  const previous = new Map(((user.assignedPlans as AssignedPlan[] | undefined) ?? []).map((p) => [p.servicePlanId.toLowerCase(), p]));
  const licences = (user.assignedLicenses as { skuId: string; disabledPlans?: string[] }[] | undefined) ?? [];
  for (const licence of licences) {
    const s = sku(licence.skuId);
    if (!s) continue;
    const disabled = new Set((licence.disabledPlans ?? []).map((d) => d.toLowerCase()));
    for (const plan of (s.servicePlans as ServicePlanInfo[]) ?? []) {
      const id = plan.servicePlanId.toLowerCase();
      if (plan.appliesTo === 'Company' || disabled.has(id)) continue;
      const status = STATUS_RANK.includes(String(s.capabilityStatus)) ? String(s.capabilityStatus) : 'Enabled';
      const known = plans.get(id);
      if (known && STATUS_RANK.indexOf(known.capabilityStatus) <= STATUS_RANK.indexOf(status)) continue;
      const before = previous.get(id);
      const assignedDateTime = before && before.capabilityStatus !== 'Deleted' ? before.assignedDateTime : at;
      plans.set(id, { assignedDateTime, capabilityStatus: status, service: serviceOf(plan.servicePlanName), servicePlanId: plan.servicePlanId });
    }
  }
  for (const [id, before] of previous) {
    if (plans.has(id)) continue;
    plans.set(id, before.capabilityStatus === 'Deleted' ? before : { ...before, assignedDateTime: at, capabilityStatus: 'Deleted' });
  }
  const assignedPlans = [...plans.values()];
  const provisionedPlans = assignedPlans.map((p) => ({ capabilityStatus: p.capabilityStatus, provisioningStatus: 'Success', service: p.service }));
  return { assignedPlans, provisionedPlans };
}

/** Whether the user has an Exchange Online mailbox: an enabled (or expiring) licence plan that carries one. */
export function hasMailbox(user: GraphObject, sku: (skuId: string) => GraphObject | undefined): boolean {
  const licences = (user.assignedLicenses as { skuId: string; disabledPlans?: string[] }[] | undefined) ?? [];
  return licences.some((licence) => {
    const s = sku(licence.skuId);
    if (!s || !['Enabled', 'Warning'].includes(String(s.capabilityStatus ?? 'Enabled'))) return false;
    const disabled = new Set((licence.disabledPlans ?? []).map((d) => d.toLowerCase()));
    return ((s.servicePlans as ServicePlanInfo[]) ?? []).some((p) => MAILBOX_PLAN.test(p.servicePlanName) && !disabled.has(p.servicePlanId.toLowerCase()));
  });
}
