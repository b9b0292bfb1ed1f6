import type { ChangePlan } from '../changes/changePlan';
import { languageOf, type MessageKey, type Translator } from '../i18n/translate';
import { formatTime } from '../i18n/formatTime';
import { planSections, type ItemOutcome } from './changePlanCard';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';

export type RequestCardState = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired' | 'applied' | 'partlyApplied' | 'failed';
/** What the card says: an applied request with an AD part is not simply "applied". */
type ShownState = RequestCardState | 'handedOver' | 'appliedAdPending';

export interface RequestCardView {
  requestId: string;
  targetName: string;
  requesterName: string;
  /** ISO 8601. */
  createdAt: string;
  /** The reader's IANA time zone, when the card is one person's own view; else times are shown in UTC. */
  timeZone?: string;
  state: RequestCardState;
  reason: string;
  effectiveDate: string | null;
  plan: ChangePlan;
  outcomes?: ItemOutcome[];
  decision?: { byUpn: string; at: string; comment: string | null };
  notice?: string;
  /** This viewer may approve or reject (an admin who is not the requester, while pending). */
  canDecide: boolean;
  /** Approved before its effective date: when it is applied ("7 Dec 2026, 00:00 (Europe/Amsterdam)"). */
  scheduledFor?: string;
  /** This viewer is the requester and the request is still pending (or approved for a later day). */
  canCancel: boolean;
  /** This viewer may see only the request's state: no reason, values, script or comment. */
  restricted?: boolean;
  /**
   * The on-premises script is shown: to the administrators who run it. A manager reads the plan in words, and that
   * the AD part goes to the administrators.
   */
  showScript?: boolean;
}

const COLOR: Record<ShownState, string> = {
  pending: 'Accent', approved: 'Good', applied: 'Good', partlyApplied: 'Attention', rejected: 'Attention', cancelled: 'Default', expired: 'Default', failed: 'Attention',
  handedOver: 'Accent', appliedAdPending: 'Good',
};

/**
 * The state as people should read it: "applied" only when everything is. An approved request whose plan is only
 * on-premises has nothing applied: its AD part was handed over; one with both parts still waits for its AD part.
 */
export function shownState(state: RequestCardState, plan: ChangePlan): ShownState {
  if (state !== 'applied' || !plan.items.some((i) => i.kind === 'onPremises')) return state;
  return plan.items.some((i) => i.kind === 'cloud') ? 'appliedAdPending' : 'handedOver';
}

/** A manager's request as one card: the same plan view as an admin's change, plus who asked, why and what was decided. */
export function requestCard(view: RequestCardView, t: Translator): AdaptiveCard {
  const time = (iso: string) => formatTime(iso, languageOf(t), view.timeZone);
  const state = shownState(view.state, view.plan);
  const stateText = view.scheduledFor && view.decision
    ? t('request.decided.scheduled', { by: plainText(view.decision.byUpn), time: time(view.decision.at), when: view.scheduledFor })
    : view.decision
    ? t(`request.decided.${state}` as MessageKey, { by: plainText(view.decision.byUpn), time: time(view.decision.at) })
    : t(`request.state.${state}` as MessageKey);
  // Before the outcome, the cloud part is what approval applies; a request closed without approval applied nothing.
  // An approved request without outcomes is being written (or its record waits): neither "to apply" nor "not applied".
  const cloudTitle: MessageKey = view.state === 'pending' ? 'request.cloudTitle' : view.scheduledFor ? 'request.cloudScheduled' : view.state === 'approved' ? 'request.cloudApplying' : 'request.cloudNotApplied';
  const sections = planSections(view.restricted ? { ...view.plan, items: [], script: null, warnings: [] } : view.plan, view.restricted ? undefined : view.outcomes, t, cloudTitle);
  const hasAdPart = !view.restricted && view.plan.items.some((i) => i.kind === 'onPremises');
  const script = view.showScript && !view.restricted ? {} : { script: '', scriptLines: [] };
  const facts = view.restricted ? [] : [
    { title: t('request.reason'), value: plainText(view.reason) },
    ...(view.effectiveDate ? [{ title: t('request.date'), value: view.effectiveDate }] : []),
    ...(view.decision?.comment ? [{ title: t('request.comment'), value: plainText(view.decision.comment) }] : []),
  ];
  return renderCard('request', {
    title: t('request.title', { name: plainText(view.targetName) }),
    subtitle: t('request.subtitle', { requester: plainText(view.requesterName), time: time(view.createdAt) }),
    stateText,
    stateColor: COLOR[state],
    notice: view.notice ?? '',
    facts,
    ...sections,
    ...script,
    adHandedOver: hasAdPart && !view.showScript ? t('request.adHandedOver') : '',
    canDecide: view.canDecide,
    canCancel: view.canCancel,
    requestId: view.requestId,
    commentLabel: t('request.commentLabel'),
    approveLabel: t('request.approve'),
    rejectLabel: t('request.reject'),
    cancelLabel: t('request.cancel'),
  });
}
