import type { ChangePlan, PlanItem } from '../changes/changePlan';
import { adScript, scriptCommands } from '../sync/powerShell';

/** Most people (or CSV rows) one bulk change takes: a Teams card, a results file and a run of minutes, not hours. */
export const BULK_LIMIT = 1_000;

/** A row as the person wrote or listed it: its line in the CSV (or position in the list) and the person as written. */
export interface BulkSource {
  line: number;
  person: string;
}

/**
 * Why a row stops on its own, without stopping the others: nobody or several people match the name, their account
 * could not be read, the same person and property came twice, or the row asks what a bulk change does not do.
 */
export type StopReason = 'notFound' | 'ambiguous' | 'readFailed' | 'duplicate' | 'notInBulk' | 'unknownProperty' | 'missingPerson';

/** One person of a bulk change, planned as a change to them alone would be (the same planner, the same rules). */
export interface PlannedPerson {
  /** The source rows this person's plan answers (a CSV may give one person several rows). */
  lines: number[];
  person: string;
  account: { id: string; upn: string; name: string };
  plan: ChangePlan;
}

export interface StoppedRow {
  line: number;
  person: string;
  reason: StopReason;
  /** For `ambiguous`: the names that matched (shown as text); for `unknownProperty`: the property as written. */
  detail?: string;
}

export interface BulkPlan {
  people: PlannedPerson[];
  stopped: StoppedRow[];
}

export interface BulkCounts {
  people: number;
  /** People with something to write in the cloud. */
  cloud: number;
  /** People with something to do in AD (their commands are in the one consolidated script). */
  onPremises: number;
  /** People with nothing to write because what they ask is refused or invalid, plus the rows that stopped. */
  notPossible: number;
  /** People who already are as asked. */
  nothingToDo: number;
}

const doable = (i: PlanItem) => i.kind === 'cloud' || i.kind === 'onPremises';

/** What the preview card counts: each person once, under the first that applies of cloud, AD, not possible, nothing. */
export function countBulk(plan: BulkPlan): BulkCounts {
  const counts: BulkCounts = { people: plan.people.length + plan.stopped.length, cloud: 0, onPremises: 0, notPossible: plan.stopped.length, nothingToDo: 0 };
  for (const { plan: p } of plan.people) {
    if (p.items.some((i) => i.kind === 'cloud')) counts.cloud++;
    if (p.items.some((i) => i.kind === 'onPremises')) counts.onPremises++;
    if (!p.items.some(doable)) {
      if (p.items.some((i) => i.kind === 'invalid' || i.kind === 'denied')) counts.notPossible++;
      else counts.nothingToDo++;
    }
  }
  return counts;
}

/**
 * One AD script for every synchronized person of the change: their commands in row order, then one sync cycle,
 * instead of a script per person.
 */
export function consolidatedScript(plan: BulkPlan): string | null {
  const commands = plan.people.flatMap(({ plan: p }) => scriptCommands(p.script));
  return commands.length ? adScript(commands) : null;
}
