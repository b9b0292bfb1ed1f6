import type { BulkCounts, BulkPlan, StoppedRow } from '../bulk/bulkPlan';
import type { PlanItem } from '../changes/changePlan';
import { outcomeOf } from '../changes/changePlan';
import type { MessageKey, Translator } from '../i18n/translate';
import { describeItem, noopReason, notPossibleText, outcomeText, scriptView, shownValue, type ItemOutcome } from './changePlanCard';
import { plainText } from './plainText';
import { propertyLabel } from './propertyLabel';
import { renderCard, type AdaptiveCard } from './renderCard';

/** Lines a bulk card lists before "… and N more": a card stays well under Teams' size limit; the results file has all. */
export const BULK_CARD_LINES = 25;
/** An AD script longer than this goes in the results file, not on the card. */
export const BULK_CARD_SCRIPT_LINES = 60;

export interface BulkPlanView {
  /** What is asked, in words ("department → Operations", "a CSV file, people.csv"). */
  what: string;
  plan: BulkPlan;
  counts: BulkCounts;
  planId: string;
  script: string | null;
  /** While it runs: how many of the writes are done. */
  progress?: { done: number; total: number };
  /** Once it ran: each person's outcomes, by account id. */
  outcomes?: Record<string, ItemOutcome[]>;
  /** Cancelled, expired or already handled: said in `notice`, no buttons. */
  closed?: boolean;
  notice?: string;
}

type Line = { title: string; value: string };

/** The preview of a change to several people, then its progress, then its outcome: one card, updated in place. */
export function bulkPlanCard(view: BulkPlanView, t: Translator): AdaptiveCard {
  const { plan, counts } = view;
  const done = !!view.outcomes;
  const cloud: Line[] = [];
  const onPremises: Line[] = [];
  const notPossible: Line[] = plan.stopped.map((row) => ({ title: plainText(row.person), value: stoppedText(row, t) }));
  const noop: Line[] = [];
  for (const person of plan.people) {
    const name = plainText(person.account.name);
    const outcomes = view.outcomes?.[person.account.id];
    const items = (kind: PlanItem['kind']) => person.plan.items.filter((i) => i.kind === kind);
    const join = (parts: string[]) => parts.join('; ');
    const cloudItems = items('cloud') as Extract<PlanItem, { kind: 'cloud' }>[];
    if (cloudItems.length) {
      cloud.push({ title: name, value: join(cloudItems.map((i) => {
        const described = `${propertyLabel(t, i.property)}: ${describeItem(person.plan, i, t)}`;
        const outcome = outcomeOf(outcomes, i);
        return outcome ? `${described}  ${outcomeText(i, outcome, t)}` : described;
      })) });
    }
    const adItems = items('onPremises') as Extract<PlanItem, { kind: 'onPremises' }>[];
    if (adItems.length) onPremises.push({ title: name, value: join(adItems.map((i) => `${propertyLabel(t, i.property)}: ${describeItem(person.plan, i, t)}`)) });
    const refused = [...items('invalid'), ...items('denied')] as Extract<PlanItem, { kind: 'invalid' | 'denied' }>[];
    if (refused.length) notPossible.push({ title: name, value: join(refused.map((i) => `${propertyLabel(t, i.property)}: ${notPossibleText(i, t)}`)) });
    const nothing = items('noop') as Extract<PlanItem, { kind: 'noop' }>[];
    if (nothing.length) noop.push({ title: name, value: join(nothing.map((i) => `${propertyLabel(t, i.property)}: ${noopReason(i, shownValue(i.value, t), t)}`)) });
  }
  // The lines that matter most come first: what fails or cannot be done, then what is written, then the rest.
  let room = BULK_CARD_LINES;
  const take = (lines: Line[]) => {
    const shown = lines.slice(0, Math.max(0, room));
    room -= shown.length;
    return shown;
  };
  const failedFirst = done ? [...cloud].sort((a, b) => Number(b.value.includes('✘')) - Number(a.value.includes('✘'))) : cloud;
  const groups = [
    { title: t('plan.notPossibleTitle'), style: 'attention', lines: take(notPossible) },
    { title: t(done ? 'bulk.cloudDoneTitle' : 'plan.cloudTitle'), style: 'good', lines: take(failedFirst) },
    { title: t(done ? 'plan.onPremPendingTitle' : 'plan.onPremTitle'), style: 'warning', lines: take(onPremises) },
    { title: t('plan.noopTitle'), style: 'default', lines: take(noop) },
  ].filter((g) => g.lines.length > 0);
  const all = cloud.length + onPremises.length + notPossible.length + noop.length;
  const hidden = all - (BULK_CARD_LINES - Math.max(room, 0));
  const scriptLines = (view.script ?? '').split('\n').length;
  const scriptOnCard = !!view.script && scriptLines <= BULK_CARD_SCRIPT_LINES;
  // Each person's warnings, pooled by kind with their names ("you block yourself: Daan Visser"), then the script's.
  const byWarning = new Map<string, string[]>();
  for (const p of plan.people) for (const w of p.plan.warnings) byWarning.set(w, [...(byWarning.get(w) ?? []), plainText(p.account.name)]);
  const warnings = [
    ...[...byWarning].map(([w, names]) => ({ text: `${t(`plan.warning.${w}` as MessageKey)} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})` })),
    ...(view.script && !scriptOnCard ? [{ text: t('bulk.scriptInFile', { lines: scriptLines }) }] : []),
  ];
  const counted = (key: MessageKey, n: number) => ({ title: t(key), value: String(n) });
  return renderCard('bulkPlan', {
    title: t('bulk.title', { count: counts.people }),
    subtitle: view.what,
    notice: view.notice ?? '',
    // The outcome's summary is good news when nothing failed; cancelled, expired or failed rows are a warning.
    noticeStyle: done && !Object.values(view.outcomes ?? {}).some((o) => o.some((x) => !x.ok)) ? 'good' : 'warning',
    progressText: view.progress ? t('bulk.progress', { done: view.progress.done, total: view.progress.total }) : '',
    counts: [
      counted('bulk.countCloud', counts.cloud), counted('bulk.countOnPremises', counts.onPremises),
      counted('bulk.countNotPossible', counts.notPossible), counted('bulk.countNothing', counts.nothingToDo),
    ],
    groups,
    more: hidden > 0 ? t('bulk.more', { count: hidden }) : '',
    warnings,
    scriptExplain: t('bulk.onPremExplain'),
    ...scriptView(scriptOnCard ? view.script : null),
    showActions: !done && !view.progress && !view.closed && counts.cloud > 0,
    planId: view.planId,
    applyLabel: t('bulk.apply', { count: counts.cloud }),
    cancelLabel: t('plan.cancel'),
  });
}

function stoppedText(row: StoppedRow, t: Translator): string {
  const detail = plainText(row.detail ?? '');
  return t(`bulk.stopped.${row.reason}`, { detail, line: row.line });
}
