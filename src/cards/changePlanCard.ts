import type { ChangePlan, PlanItem } from '../changes/planChanges';
import type { MessageKey, Translator } from '../i18n/translate';
import { propertyLabel } from './propertyLabel';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';

/** What happened to each cloud item when the plan was applied. */
export type ItemOutcome = { property: string; ok: true; requestId: string | null } | { property: string; ok: false; code: string };

export interface ChangePlanView {
  targetName: string;
  plan: ChangePlan;
  planId: string;
  /** Set once applied: the card then shows outcomes and no buttons. */
  outcomes?: ItemOutcome[];
  doneBy?: { actor: string; time: string };
  notice?: string;
}

/** The confirmation card (before → after, grouped by where it happens) and, after Apply, the outcome card. */
export function changePlanCard(view: ChangePlanView, t: Translator): AdaptiveCard {
  const { plan } = view;
  const show = (v: string | boolean | null) => (v === null || v === '' ? t('plan.empty') : v === true ? t('plan.enabled') : v === false ? t('plan.blocked') : plainText(String(v)));
  const line = (i: Extract<PlanItem, { before: unknown }>) => ({ title: propertyLabel(t, i.property), value: t('plan.arrow', { before: show(i.before), after: show(i.after) }) });
  const of = <K extends PlanItem['kind']>(kind: K) => plan.items.filter((i): i is Extract<PlanItem, { kind: K }> => i.kind === kind);

  const cloud = of('cloud').map((i) => {
    const base = line(i);
    const outcome = view.outcomes?.find((o) => o.property === i.property);
    if (!outcome) return base;
    const status = outcome.ok ? t('plan.applied', { requestId: outcome.requestId ?? '—' }) : t('plan.failed', { reason: t(`error.${outcome.code}` as MessageKey, { query: '' }) });
    return { title: base.title, value: `${base.value}  ${status}` };
  });
  const notPossible = [
    ...of('invalid').map((i) => ({ title: propertyLabel(t, i.property), value: t(`rule.${(i.params.reason as string) ?? i.rule}` as MessageKey, i.params) })),
    ...of('denied').map((i) => ({ title: propertyLabel(t, i.property), value: t(`reason.${i.reason}`) })),
  ];
  const groups = [
    { title: view.outcomes ? t('plan.appliedTitle') : t('plan.cloudTitle'), style: 'good', lines: cloud },
    { title: t('plan.onPremTitle'), style: 'warning', lines: of('onPremises').map(line) },
    { title: t('plan.notPossibleTitle'), style: 'attention', lines: notPossible },
    { title: t('plan.noopTitle'), style: 'default', lines: of('noop').map((i) => ({ title: propertyLabel(t, i.property), value: show(i.value) })) },
  ].filter((g) => g.lines.length > 0);

  return renderCard('changePlan', {
    title: t('plan.title', { name: plainText(view.targetName) }),
    subtitle: view.doneBy ? t('plan.outcomeSubtitle', { actor: plainText(view.doneBy.actor), time: view.doneBy.time }) : cloud.length ? t('plan.subtitle') : t('plan.nothingToApply'),
    notice: view.notice ?? '',
    groups,
    warnings: plan.warnings.map((w) => ({ text: t(`plan.warning.${w}`) })),
    scriptExplain: t('plan.onPremExplain'),
    // The script is shown as typed: escaping would corrupt the commands, and TextBlocks render no HTML.
    scriptLines: (plan.script ?? '').split('\n').filter(Boolean).map((text) => ({ text })),
    showActions: !view.outcomes && cloud.length > 0,
    planId: view.planId,
    applyLabel: t('plan.apply'),
    cancelLabel: t('plan.cancel'),
  });
}
