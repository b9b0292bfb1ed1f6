import type { ChangePlan, CloudWrite, PlanItem, Value } from '../changes/changePlan';
import type { MessageKey, Translator } from '../i18n/translate';
import { propertyLabel } from './propertyLabel';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';

/** What happened to each cloud item when the plan was applied. */
/**
 * What one Graph write did. `uncertain`: its answer never came (a timeout) and reading back did not find it yet: it
 * may still land, so it is looked at again later before it is recorded as failed.
 */
export type ItemOutcome = { property: string; ok: true; requestId: string | null } | { property: string; ok: false; code: string; uncertain?: boolean };

export interface ChangePlanView {
  targetName: string;
  plan: ChangePlan;
  planId: string;
  /** Set once applied: the card then shows outcomes and no buttons. */
  outcomes?: ItemOutcome[];
  doneBy?: { actor: string; time: string };
  notice?: string;
  /**
   * A temporary password, shown once on the outcome card in the admin's one-to-one chat. The card is
   * the only place it goes: it is not part of the plan, the outcomes, the audit or the log.
   */
  temporaryPassword?: string;
}

/** The least-privilege Graph permission each write needs (../shared/reference/entra-sync.md §5), named when Graph says 403. */
const PERMISSION: Record<CloudWrite['op'], string> = {
  patch: 'User.ReadWrite.All',
  manager: 'User.ReadWrite.All',
  licence: 'LicenseAssignment.ReadWrite.All',
  membership: 'GroupMember.ReadWrite.All',
  revokeSessions: 'User.RevokeSessions.All',
  resetPassword: 'User-PasswordProfile.ReadWrite.All',
};

/** A plan as card sections: lines grouped by where they happen, warnings and the on-premises script. */
export function planSections(plan: ChangePlan, outcomes: ItemOutcome[] | undefined, t: Translator) {
  const show = (v: Value) => (v === null || v === '' ? t('plan.empty') : v === true ? t('plan.enabled') : v === false ? t('plan.blocked') : plainText(String(v)));
  const describe = (i: Extract<PlanItem, { kind: 'cloud' | 'onPremises' }>): string => {
    if (i.object) return t(i.object.add ? 'plan.adds' : 'plan.removes', { name: plainText(i.object.name) });
    if (i.property === 'signInSessions') return t('plan.revokeSessions');
    if (i.property === 'password') {
      if (i.kind === 'onPremises') return t('plan.resetPasswordOnPremises');
      return t(i.write.op === 'resetPassword' && i.write.via === 'writeback' ? 'plan.resetPasswordWriteback' : 'plan.resetPassword');
    }
    return t('plan.arrow', { before: show(i.before), after: show(i.after) });
  };
  const line = (i: Extract<PlanItem, { kind: 'cloud' | 'onPremises' }>) => ({ title: propertyLabel(t, i.property), value: describe(i) });
  const of = <K extends PlanItem['kind']>(kind: K) => plan.items.filter((i): i is Extract<PlanItem, { kind: K }> => i.kind === kind);
  const failure = (i: Extract<PlanItem, { kind: 'cloud' }>, code: string) =>
    code === 'GRAPH_FORBIDDEN' ? t('error.forbiddenFor', { permission: PERMISSION[i.write.op] }) : t(`error.${code}` as MessageKey, { query: '' });

  const cloud = of('cloud').map((i) => {
    const base = line(i);
    const outcome = outcomes?.find((o) => o.property === i.property);
    if (!outcome) return base;
    const status = outcome.ok ? t('plan.applied', { requestId: outcome.requestId ?? '—' })
      : outcome.uncertain ? t('plan.unconfirmed') : t('plan.failed', { reason: failure(i, outcome.code) });
    return { title: base.title, value: `${base.value}  ${status}` };
  });
  const notPossible = [
    ...of('invalid').map((i) => ({ title: propertyLabel(t, i.property), value: t(`rule.${(i.params.reason as string) ?? i.rule}` as MessageKey, escapeParams(i.params)) })),
    ...of('denied').map((i) => ({ title: propertyLabel(t, i.property), value: t(`reason.${i.reason}`) })),
  ];
  const noop = of('noop').map((i) => ({ title: propertyLabel(t, i.property), value: i.object ? t(i.object.add ? 'plan.adds' : 'plan.removes', { name: plainText(i.object.name) }) : show(i.value) }));
  // The header tells the truth: a section where nothing went through is not "applied".
  const noneApplied = !!outcomes && outcomes.length > 0 && outcomes.every((o) => !o.ok && !o.uncertain);
  const groups = [
    { title: !outcomes ? t('plan.cloudTitle') : noneApplied ? t('plan.notAppliedTitle') : t('plan.appliedTitle'), style: noneApplied ? 'attention' : 'good', lines: cloud },
    { title: t('plan.onPremTitle'), style: 'warning', lines: of('onPremises').map(line) },
    { title: t('plan.notPossibleTitle'), style: 'attention', lines: notPossible },
    { title: t('plan.noopTitle'), style: 'default', lines: noop },
  ].filter((g) => g.lines.length > 0);
  return {
    groups,
    cloudCount: cloud.length,
    noneApplied,
    warnings: plan.warnings.map((w) => ({ text: t(`plan.warning.${w}`) })),
    scriptExplain: t('plan.onPremExplain'),
    // The script is shown as typed: escaping would corrupt the commands, and TextBlocks render no HTML.
    scriptLines: (plan.script ?? '').split('\n').filter(Boolean).map((text) => ({ text })),
  };
}

/** The confirmation card (before → after, grouped by where it happens) and, after Apply, the outcome card. */
export function changePlanCard(view: ChangePlanView, t: Translator): AdaptiveCard {
  const sections = planSections(view.plan, view.outcomes, t);
  return renderCard('changePlan', {
    title: t('plan.title', { name: plainText(view.targetName) }),
    subtitle: view.doneBy ? t(sections.noneApplied ? 'plan.outcomeNotApplied' : 'plan.outcomeSubtitle', { actor: plainText(view.doneBy.actor), time: view.doneBy.time })
      : sections.cloudCount ? t('plan.subtitle') : t('plan.nothingToApply'),
    notice: view.notice ?? '',
    ...sections,
    // The password is made of letters, digits and !#%+-=?@ only: nothing markdown would render.
    secretText: view.temporaryPassword ? t('plan.temporaryPassword', { password: view.temporaryPassword }) : '',
    secretNote: view.temporaryPassword ? t('plan.temporaryPasswordNote', { name: plainText(view.targetName) }) : '',
    showActions: !view.outcomes && sections.cloudCount > 0,
    planId: view.planId,
    applyLabel: t('plan.apply'),
    cancelLabel: t('plan.cancel'),
  });
}

/** Values in a reason (a typed value, a group's name or rule) are shown as text, never as markdown. */
function escapeParams(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? plainText(v) : v]));
}
