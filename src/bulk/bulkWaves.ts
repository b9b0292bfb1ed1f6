import { itemKey, type PlanItem } from '../changes/changePlan';
import type { BatchWrite } from '../directory/directory';
import type { BulkPlan, PlannedPerson } from './bulkPlan';

/** Writes per wave (10 `$batch` requests, 4 at a time), then the progress is recorded: a crash re-reads at most one wave. */
export const WAVE_WRITES = 200;

type CloudItem = Extract<PlanItem, { kind: 'cloud' }>;

export function cloudItems(p: PlannedPerson): CloudItem[] {
  return p.plan.items.filter((i): i is CloudItem => i.kind === 'cloud');
}

/** The people with something to write in the cloud, in row order, without those refused at Apply. */
export function writers(plan: BulkPlan, refused: readonly string[]): PlannedPerson[] {
  return plan.people.filter((p) => cloudItems(p).length && !refused.includes(p.account.id));
}

/** Waves of whole people, about WAVE_WRITES writes each: a person's writes are recorded together. */
export function waves(people: PlannedPerson[], size = WAVE_WRITES): PlannedPerson[][] {
  const out: PlannedPerson[][] = [];
  let current: PlannedPerson[] = [];
  let filled = 0;
  for (const p of people) {
    const n = batchOf([p]).writes.length;
    if (current.length && filled + n > size) {
      out.push(current);
      current = [];
      filled = 0;
    }
    current.push(p);
    filled += n;
  }
  if (current.length) out.push(current);
  return out;
}

/** People's cloud items as Graph writes (a person's profile properties in one PATCH), each with the items it answers. */
export function batchOf(people: PlannedPerson[]): { writes: BatchWrite[]; keys: { personId: string; keys: string[] }[] } {
  const writes: BatchWrite[] = [];
  const keys: { personId: string; keys: string[] }[] = [];
  for (const p of people) {
    const items = cloudItems(p);
    const patches = items.filter((i) => i.write.op === 'patch');
    if (patches.length) {
      writes.push({ userId: p.account.id, write: { op: 'patch', patch: Object.assign({}, ...patches.map((i) => (i.write.op === 'patch' ? i.write.patch : {}))) } });
      keys.push({ personId: p.account.id, keys: patches.map(itemKey) });
    }
    for (const i of items) {
      const w = i.write;
      if (w.op === 'patch' || w.op === 'resetPassword') continue;
      writes.push({ userId: p.account.id, write: w });
      keys.push({ personId: p.account.id, keys: [itemKey(i)] });
    }
  }
  return { writes, keys };
}

export function summaryParams(plan: BulkPlan, counts: { applied: number; failed: number }) {
  const onPremises = plan.people.filter((p) => p.plan.items.some((i) => i.kind === 'onPremises')).length;
  const quiet = plan.people.filter((p) => !p.plan.items.some((i) => i.kind === 'cloud' || i.kind === 'onPremises'));
  const notPossible = plan.stopped.length + quiet.filter((p) => p.plan.items.some((i) => i.kind === 'invalid' || i.kind === 'denied')).length;
  return { applied: counts.applied, failed: counts.failed, onPremises, notPossible, nothing: quiet.length - (notPossible - plan.stopped.length) };
}
