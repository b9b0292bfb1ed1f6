import { notPossibleText, noopReason, outcomeText, shownValue, type ItemOutcome } from '../cards/changePlanCard';
import { outcomeOf, type PlanItem } from '../changes/changePlan';
import type { Translator } from '../i18n/translate';
import type { BulkPlan } from './bulkPlan';
import type { ResultRow } from './resultsCsv';

/** What the results file needs of a bulk plan: the plan, and each source line's property and value as asked. */
export interface BulkResultsInput {
  plan: BulkPlan;
  asked: { line: number; property: string; value: string }[];
}

/**
 * One result per source row, in row order, every row exactly once: what happened to the items that row asked for
 * (a CSV row asks one property; a line of a list asks all of the request), or why the row stopped.
 */
export function bulkResults(input: BulkResultsInput, outcomes: Record<string, ItemOutcome[]>, t: Translator): ResultRow[] {
  const rows = new Map<number, ResultRow>();
  const asked = new Map(input.asked.map((a) => [a.line, a]));
  for (const row of input.plan.stopped) {
    const a = asked.get(row.line);
    rows.set(row.line, {
      line: row.line, person: row.person, account: null, property: a?.property ?? '', value: a?.value ?? '',
      result: t('bulk.result.stopped'), detail: t(`bulk.stopped.${row.reason}`, { detail: row.detail ?? '', line: row.line }),
    });
  }
  for (const person of input.plan.people) {
    const own = outcomes[person.account.id];
    for (const line of person.lines) {
      const a = asked.get(line);
      // A CSV row names one property; the items of the licence a change needs come with it.
      const properties = a ? a.property.split(' ') : [];
      const items = person.plan.items.filter((i) => !properties.length || properties.includes(i.property));
      const results = (items.length ? items : person.plan.items).map((i) => resultOf(i, own, person.plan, t));
      // The row's result is its worst item's (failed before not possible before … before nothing to do).
      const worst = [...results].sort((x, y) => x.rank - y.rank)[0];
      rows.set(line, {
        line, person: person.person, account: person.account.upn, property: a?.property ?? '', value: a?.value ?? '',
        result: worst?.result ?? t('bulk.result.nothing'), detail: results.map((r) => r.detail).filter(Boolean).join('; '),
      });
    }
  }
  return [...rows.values()].sort((a, b) => a.line - b.line);
}

/** A row's result: rank 0 (failed) before 1 (not possible) before 2 (not confirmed) before 3 (AD) before 4 (done). */
function resultOf(item: PlanItem, outcomes: ItemOutcome[] | undefined, plan: BulkPlan['people'][number]['plan'], t: Translator): { rank: number; result: string; detail: string } {
  switch (item.kind) {
    case 'cloud': {
      const outcome = outcomeOf(outcomes, item);
      if (!outcome) return { rank: 0, result: t('bulk.result.failed'), detail: t('bulk.result.refusedNow') };
      if (outcome.ok) return { rank: 4, result: t('bulk.result.applied'), detail: outcome.requestId ? `request-id ${outcome.requestId}` : '' };
      if (outcome.uncertain) return { rank: 2, result: t('bulk.result.unconfirmed'), detail: outcomeText(item, outcome, t) };
      return { rank: 0, result: t('bulk.result.failed'), detail: outcomeText(item, outcome, t) };
    }
    case 'onPremises':
      return { rank: 3, result: t('bulk.result.onPremises'), detail: item.command || (plan.script ?? '') };
    case 'invalid':
    case 'denied':
      return { rank: 1, result: t('bulk.result.notPossible'), detail: notPossibleText(item, t) };
    case 'noop':
      return { rank: 5, result: t('bulk.result.nothing'), detail: noopReason(item, shownValue(item.value, t), t) };
    case 'held':
      return { rank: 5, result: t('bulk.result.nothing'), detail: '' };
  }
}
