import type { ChangePlan } from '../changes/changePlan';
import type { Translator } from '../i18n/translate';
import type { ChangeSubject } from '../language/request';
import { plainText } from './plainText';
import { propertyLabel } from './propertyLabel';
import type { AdaptiveCard } from './renderCard';

export interface ScheduledChangeView {
  jobId: string;
  planId: string;
  /** Already in the reader's zone. */
  time: string;
  targetName: string;
  plan: ChangePlan;
}

/** "scheduled changes": each pending one, soonest first — when, whom, what — with a Cancel of its own. */
export function scheduledChangesCard(items: readonly ScheduledChangeView[], t: Translator): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t('schedule.listTitle'), weight: 'Bolder', size: 'Medium', wrap: true },
      ...items.map((item) => ({
        type: 'Container',
        separator: true,
        items: [
          { type: 'TextBlock', wrap: true, text: t('schedule.listLine', { time: item.time, name: plainText(item.targetName), what: whatOf(item.plan, t) }) },
          {
            type: 'ActionSet',
            actions: [{ type: 'Action.Execute', title: t('plan.cancel'), verb: 'schedule.cancel', data: { jobId: item.jobId, planId: item.planId } }],
          },
        ],
      })),
    ],
  };
}

/** The properties a plan changes, by their labels. */
function whatOf(plan: ChangePlan, t: Translator): string {
  const subjects = [...new Set(plan.items.filter((i) => i.kind === 'cloud' || i.kind === 'onPremises').map((i) => i.property))];
  return subjects.map((s) => propertyLabel(t, s as ChangeSubject)).join(', ') || '—';
}
