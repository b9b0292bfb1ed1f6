import type { ChangePlan } from '../changes/changePlan';
import type { MessageKey, Translator } from '../i18n/translate';
import { planSections, type ItemOutcome } from './changePlanCard';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';

export type RequestCardState = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired' | 'applied' | 'partlyApplied' | 'failed';

export interface RequestCardView {
  requestId: string;
  targetName: string;
  requesterName: string;
  /** ISO 8601. */
  createdAt: string;
  state: RequestCardState;
  reason: string;
  effectiveDate: string | null;
  plan: ChangePlan;
  outcomes?: ItemOutcome[];
  decision?: { byUpn: string; at: string; comment: string | null };
  notice?: string;
  /** This viewer may approve or reject (an admin who is not the requester, while pending). */
  canDecide: boolean;
  /** This viewer is the requester and the request is still pending. */
  canCancel: boolean;
  /** This viewer may see only the request's state: no reason, values, script or comment. */
  restricted?: boolean;
}

const COLOR: Record<RequestCardState, string> = {
  pending: 'Accent', approved: 'Good', applied: 'Good', partlyApplied: 'Warning', rejected: 'Attention', cancelled: 'Default', expired: 'Default', failed: 'Attention',
};

/** A manager's request as one card: the same plan view as an admin's change, plus who asked, why and what was decided. */
export function requestCard(view: RequestCardView, t: Translator): AdaptiveCard {
  const time = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  const stateText = view.decision
    ? t(`request.decided.${view.state}` as MessageKey, { by: plainText(view.decision.byUpn), time: time(view.decision.at) })
    : t(`request.state.${view.state}` as MessageKey);
  const facts = view.restricted ? [] : [
    { title: t('request.reason'), value: plainText(view.reason) },
    ...(view.effectiveDate ? [{ title: t('request.date'), value: view.effectiveDate }] : []),
    ...(view.decision?.comment ? [{ title: t('request.comment'), value: plainText(view.decision.comment) }] : []),
  ];
  return renderCard('request', {
    title: t('request.title', { name: plainText(view.targetName) }),
    subtitle: t('request.subtitle', { requester: plainText(view.requesterName), time: time(view.createdAt) }),
    stateText,
    stateColor: COLOR[view.state],
    notice: view.notice ?? '',
    facts,
    ...planSections(view.restricted ? { ...view.plan, items: [], script: null, warnings: [] } : view.plan, view.restricted ? undefined : view.outcomes, t),
    canDecide: view.canDecide,
    canCancel: view.canCancel,
    requestId: view.requestId,
    commentLabel: t('request.commentLabel'),
    approveLabel: t('request.approve'),
    rejectLabel: t('request.reject'),
    cancelLabel: t('request.cancel'),
  });
}
