
/** The job kind of a change confirmed for later ("… tomorrow at 9"). */
export const SCHEDULED_CHANGE = 'scheduledChange';

/** What a scheduled change's job keeps: the stored plan, and what is needed to plan it again and tell its admin. */
export interface ScheduledJob {
  planId: string;
  language: 'en' | 'nl';
  /** The admin's zone when they scheduled it (null: not known, times in UTC). */
  timeZone: string | null;
  tenantId: string;
}

