import { changePlanCard } from '../cards/changePlanCard';
import { plainText } from '../cards/plainText';
import { propertyLabel } from '../cards/propertyLabel';
import type { AdaptiveCard } from '../cards/renderCard';
import type { Value } from '../changes/changePlan';
import { formatTime } from '../i18n/formatTime';
import { translator, type Translator } from '../i18n/translate';
import type { SyncVerdict, WatchStep } from './judgeSync';
import { SYNC_WATCH_TTL_MS, type ExpectedValue, type SyncWatch } from './watchedChange';

/** What the admin is told: a line of text, and a card for the chat (the plan with its script) or for the original card. */
export interface SyncNotice {
  text: string;
  /** Posted as a new message beside the text (the script again, after a sync that did not carry the change). */
  card?: AdaptiveCard;
  /** Replaces the card the hand-over was shown on (the change has landed). */
  replacement?: AdaptiveCard;
}

/** The notice for a step, in the admin's language and time zone; null when there is nothing to tell. */
export function syncNotice(watch: SyncWatch, step: WatchStep, verdict: SyncVerdict, overdueMs: number): SyncNotice | null {
  const t = translator(watch.language);
  const time = (iso: string) => formatTime(iso, watch.language, watch.timeZone ?? undefined);
  const name = plainText(watch.targetName);
  const view = { ...watch.view, closed: watch.view.outcomes ? undefined : true };
  switch (step.notice) {
    case 'landed': {
      const syncedAt = verdict.kind === 'landed' ? verdict.syncedAt : watch.handedOverAt;
      const message = t('syncWatch.landed', { count: watch.expected.length, changes: listOf(t, watch.expected.map((e) => valueText(t, e, e.value))), name, time: time(syncedAt) });
      return { text: message, replacement: changePlanCard({ ...view, notice: message }, t) };
    }
    case 'mismatch': {
      if (verdict.kind !== 'mismatch') return null;
      const differences = verdict.differences.map((d) => t('syncWatch.difference', {
        property: propertyLabel(t, d.expected.property), actual: shown(t, d.actual), expected: d.expected.shown !== undefined ? plainText(d.expected.shown) : shown(t, d.expected.value),
      }));
      const message = t('syncWatch.mismatch', { name, time: time(verdict.syncedAt), differences: differences.join('; ') });
      return { text: message, card: changePlanCard({ ...view, notice: message }, t) };
    }
    case 'overdue':
      return { text: t('syncWatch.overdue', { name, minutes: Math.round(overdueMs / 60_000), time: time(watch.handedOverAt) }) };
    case 'expired':
      return { text: t('syncWatch.expired', { name, time: time(watch.handedOverAt), days: Math.round(SYNC_WATCH_TTL_MS / 86_400_000) }) };
    case 'gone':
      return { text: t('syncWatch.gone', { name, time: time(watch.handedOverAt) }) };
    default:
      return null;
  }
}

/** "Department 'Key Accounts'": the first letter up, since it starts the sentence. */
function valueText(t: Translator, expected: ExpectedValue, value: Value): string {
  const label = propertyLabel(t, expected.property);
  const text = expected.shown !== undefined ? plainText(expected.shown) : shown(t, value);
  return t('syncWatch.value', { property: label, value: text });
}

function listOf(t: Translator, parts: string[]): string {
  const joined = new Intl.ListFormat(t('language.code'), { type: 'conjunction' }).format(parts);
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

function shown(t: Translator, value: Value): string {
  if (value === null || value === '') return t('plan.empty');
  if (value === true) return t('plan.enabled');
  if (value === false) return t('plan.blocked');
  return plainText(value);
}
