import { z } from 'zod';

/**
 * What a card may send back, per verb: a verb, ids and the user's inputs — nothing else is read from a card.
 * Objects are strict: a tampered card with extra fields is refused, not silently trimmed.
 */
const id = z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/);

export const ACTION_SCHEMAS = {
  'account.syncStatus': z.strictObject({ accountId: id }),
  'resolve.pick': z.strictObject({ pendingId: id, accountId: id }),
  'resolve.pickGroup': z.strictObject({ pendingId: id, groupId: id }),
  'change.apply': z.strictObject({ planId: id }),
  'change.cancel': z.strictObject({ planId: id }),
  /** Confirms a plan for later: stored as a job, applied at its time. */
  'change.schedule': z.strictObject({ planId: id }),
  /** Cancels a scheduled change (the job) and closes its plan. */
  'schedule.cancel': z.strictObject({ jobId: id, planId: id }),
  /** Undo on an outcome card: proposes the inverse of that (applied) plan as a new plan. */
  'change.undo': z.strictObject({ planId: id }),
  'change.watch': z.strictObject({ planId: id }),
  /** The offboarding form: who leaves, from when (a date, or empty for now), and where their mail goes. */
  'offboard.form': z.strictObject({
    person: z.string().max(256).default(''),
    date: z.string().max(32).default(''),
    forwardTo: z.string().max(256).default(''),
  }),
  /** A bulk preview's Apply: the run is handed to a job; its card shows the progress. */
  'bulk.apply': z.strictObject({ planId: id }),
  'bulk.cancel': z.strictObject({ planId: id }),
  /** An applied offboarding's card: the mailbox is shared, so the licences it kept may go (proposed as a new plan). */
  'offboard.licences': z.strictObject({ planId: id }),
  // The form's inputs: their limits are generous here so that the use case can say what is wrong in words.
  'request.submit': z.strictObject({
    reportId: id,
    property: z.string().max(64),
    value: z.string().max(1_000).default(''),
    /** The form's "clear the current value" toggle. */
    clear: z.enum(['true', 'false']).optional(),
    reason: z.string().max(5_000).default(''),
    effectiveDate: z.string().max(32).optional(),
  }),
  'request.view': z.strictObject({ requestId: id }),
  'request.approve': z.strictObject({ requestId: id, comment: z.string().max(5_000).optional() }),
  'request.reject': z.strictObject({ requestId: id, comment: z.string().max(5_000).optional() }),
  'request.cancel': z.strictObject({ requestId: id }),
} as const;

export type ActionVerb = keyof typeof ACTION_SCHEMAS;
export type ActionData<V extends ActionVerb> = z.infer<(typeof ACTION_SCHEMAS)[V]>;

export function isActionVerb(verb: string): verb is ActionVerb {
  return Object.prototype.hasOwnProperty.call(ACTION_SCHEMAS, verb);
}
