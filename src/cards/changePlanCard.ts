import { outcomeOf, type ChangePlan, type CloudWrite, type PlanItem, type Value } from '../changes/changePlan';
import type { MessageKey, Translator } from '../i18n/translate';
import { propertyLabel } from './propertyLabel';
import { plainText } from './plainText';
import { renderCard, type AdaptiveCard } from './renderCard';
import { roleDisplayName } from '../policy/roles';

/** What happened to each cloud item when the plan was applied. */
/**
 * What one Graph write did. `uncertain`: its answer never came (a timeout) and reading back did not find it yet: it
 * may still land, so it is looked at again later before it is recorded as failed.
 */
export type ItemOutcome =
  | { property: string; ok: true; requestId: string | null }
  | { property: string; ok: false; code: string; uncertain?: boolean; requestId?: string | null };

export interface ChangePlanView {
  targetName: string;
  plan: ChangePlan;
  planId: string;
  /** Set once applied: the card then shows outcomes and no buttons. */
  outcomes?: ItemOutcome[];
  /** Cancelled, expired or already handled: the card says so (in `notice`) and offers no buttons. */
  closed?: boolean;
  doneBy?: { actor: string; time: string };
  notice?: string;
  /**
   * A temporary password, shown once on the outcome card in the admin's one-to-one chat. The card is
   * the only place it goes: it is not part of the plan, the outcomes, the audit or the log.
   */
  temporaryPassword?: string;
  /** A change for later: the confirm button schedules it ("Schedule") for this time, shown in the reader's zone. */
  scheduledFor?: string;
  /** Scheduled: the card says for when (in `notice`) and offers only Cancel, which cancels this job. */
  scheduledJobId?: string;
  /** The outcome card offers Undo (a plan whose cloud part applied something that can be taken back). */
  showUndo?: boolean;
  /** A plan only AD can make offers "I ran it in AD": from then the sync that brings it is watched. */
  offerWatch?: boolean;
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
export function planSections(plan: ChangePlan, outcomes: ItemOutcome[] | undefined, t: Translator, cloudTitle: MessageKey = 'plan.cloudTitle') {
  const show = (v: Value) => shownValue(v, t);
  const line = (i: Extract<PlanItem, { kind: 'cloud' | 'onPremises' }>) => ({ title: propertyLabel(t, i.property), value: describeItem(plan, i, t) });
  const of = <K extends PlanItem['kind']>(kind: K) => plan.items.filter((i): i is Extract<PlanItem, { kind: K }> => i.kind === kind);

  const cloud = of('cloud').map((i) => {
    const base = line(i);
    const outcome = outcomeOf(outcomes, i);
    if (!outcome) return base;
    return { title: base.title, value: `${base.value}  ${outcomeText(i, outcome, t)}` };
  });
  const notPossible = [...of('invalid'), ...of('denied')].map((i) => ({ title: propertyLabel(t, i.property), value: notPossibleText(i, t) }));
  // Kept on purpose: the licences of a mailbox not yet shared.
  const held = of('held').map((i) => ({ title: propertyLabel(t, i.property), value: t('plan.heldLicence', { name: plainText(i.object.name) }) }));
  // "Nothing to do" says why: already a member, never had the licence, already this value.
  const noop = of('noop').map((i) => ({ title: propertyLabel(t, i.property), value: noopReason(i, show(i.value), t) }));
  // The header tells the truth: a section where nothing went through is not "applied".
  const noneApplied = !!outcomes && outcomes.length > 0 && outcomes.every((o) => !o.ok && !o.uncertain);
  const groups = [
    { title: !outcomes ? t(cloudTitle) : noneApplied ? t('plan.notAppliedTitle') : t('plan.appliedTitle'), style: noneApplied ? 'attention' : 'good', lines: cloud },
    // Once the cloud part is done, the AD part is still to do: the card must not read as if all of it were.
    { title: outcomes ? t('plan.onPremPendingTitle') : t('plan.onPremTitle'), style: 'warning', lines: of('onPremises').map(line) },
    { title: t('plan.heldTitle'), style: 'warning', lines: held },
    { title: t('plan.notPossibleTitle'), style: 'attention', lines: notPossible },
    { title: t('plan.noopTitle'), style: 'default', lines: noop },
  ].filter((g) => g.lines.length > 0);
  return {
    groups,
    cloudCount: cloud.length,
    noneApplied,
    warnings: plan.warnings.map((w) => ({ text: t(`plan.warning.${w}`) })),
    scriptExplain: t('plan.onPremExplain'),
    ...scriptView(plan.script),
    exchangeExplain: plan.exchangeScript ? t(plan.items.some((i) => i.kind === 'held') ? 'plan.exchangeExplainHeld' : 'plan.exchangeExplain') : '',
    ...prefixed('exchange', scriptView(plan.exchangeScript ?? null)),
  };
}

/** `{ script, scriptLines }` as `{ exchangeScript, exchangeLines }`: the same view for the second script. */
function prefixed(prefix: 'exchange', view: ReturnType<typeof scriptView>) {
  return { [`${prefix}Script`]: view.script, [`${prefix}Lines`]: view.scriptLines } as { exchangeScript: string; exchangeLines: { text: string }[] };
}

/** A value as a card shows it: "(empty)", sign-in allowed or blocked, or the text (never markdown). */
export function shownValue(v: Value, t: Translator): string {
  return v === null || v === '' ? t('plan.empty') : v === true ? t('plan.enabled') : v === false ? t('plan.blocked') : plainText(String(v));
}

/** What a cloud or AD item does, in words: "Sales → Operations", "adds Finance", "sign out everywhere". */
export function describeItem(plan: ChangePlan, i: Extract<PlanItem, { kind: 'cloud' | 'onPremises' }>, t: Translator): string {
  if (i.object) return t(i.object.add ? 'plan.adds' : 'plan.removes', { name: plainText(i.object.name) });
  if (i.property === 'signInSessions') return t('plan.revokeSessions');
  if (i.property === 'password') {
    // An offboarding's password is random and shown to nobody, in the cloud and in the AD script alike.
    if (plan.purpose === 'offboarding') return t(i.kind === 'onPremises' ? 'plan.randomPasswordOnPremises' : 'plan.randomPassword');
    if (i.kind === 'onPremises') return t('plan.resetPasswordOnPremises');
    return t(i.write.op === 'resetPassword' && i.write.via === 'writeback' ? 'plan.resetPasswordWriteback' : 'plan.resetPassword');
  }
  return t('plan.arrow', { before: shownValue(i.before, t), after: shownValue(i.after, t) });
}

/** How a cloud item's write went: done, not confirmed (its answer was lost), or failed and why, with Graph's request-id. */
export function outcomeText(i: Extract<PlanItem, { kind: 'cloud' }>, outcome: ItemOutcome, t: Translator): string {
  // Graph's request-id only where someone may need it (a failure to report); history details keep the others.
  if (outcome.ok) return t('plan.applied');
  if (outcome.uncertain) return t('plan.unconfirmed');
  const reason = outcome.code === 'GRAPH_FORBIDDEN' ? t('error.forbiddenFor', { permission: PERMISSION[i.write.op] }) : t(`error.${outcome.code}` as MessageKey, { query: '' });
  return outcome.requestId ? t('plan.failedWithId', { reason, requestId: plainText(outcome.requestId) }) : t('plan.failed', { reason });
}

/** Why an invalid or refused item cannot be done, and the way forward. */
export function notPossibleText(i: Extract<PlanItem, { kind: 'invalid' | 'denied' }>, t: Translator): string {
  return i.kind === 'denied' ? refusalText(i, t) : t(`rule.${(i.params.reason as string) ?? i.rule}` as MessageKey, escapeParams(i.params));
}

/**
 * The on-premises script, paste-safe: Teams' CodeBlock (PowerShell, with its copy button) shows it as typed; clients
 * without CodeBlock fall back to TextRuns, which, unlike a TextBlock, render no markdown (a `# comment` line would
 * otherwise show as a heading without its `#`, and fail when pasted).
 */
export function scriptView(script: string | null): { script: string; scriptLines: { text: string }[] } {
  const lines = (script ?? '').split('\n').filter(Boolean);
  return { script: lines.join('\n'), scriptLines: lines.map((text) => ({ text })) };
}

export function noopReason(item: Extract<PlanItem, { kind: 'noop' }>, value: string, t: Translator): string {
  if (!item.object) {
    if (item.value === true) return t('plan.noop.signInAllowed');
    if (item.value === false) return t('plan.noop.signInBlocked');
    if (item.value === null || item.value === '') return t('plan.noop.empty');
    return t('plan.noop.already', { value });
  }
  const name = plainText(item.object.name);
  if (item.property === 'licence') return t(item.object.add ? 'plan.noop.hasLicence' : 'plan.noop.noLicence', { name });
  return t(item.object.add ? 'plan.noop.member' : 'plan.noop.notMember', { name });
}

/**
 * A refusal with its reason and the way forward: what protects the account, and which roles may do it. The strongest
 * protection is named: membership of a role-assignable group or a role the bot does not know makes the account
 * privileged whatever else it holds; a role may be assigned at some scope or only eligible (PIM), hence "has".
 */
export function refusalText(item: Extract<PlanItem, { kind: 'denied' }>, t: Translator): string {
  const why = item.why;
  if (item.reason !== 'role' || !why) return t(`reason.${item.reason}`);
  const lang = t('language.code');
  const list = (names: string[], type: 'conjunction' | 'disjunction') => new Intl.ListFormat(lang, { type }).format(names);
  const allowed = list(why.allowedRoles.map((r) => withArticle(roleDisplayName(r), lang)), 'disjunction');
  if (why.roleAssignableGroup) return t('reason.roleAssignableGroupChange', { allowed });
  if (!why.becauseOfTarget) return t('reason.roleNeeded', { allowed });
  if (why.rolesExplain) return t('reason.roleHeld', { roles: list(why.targetRoles.map((r) => roleDisplayName(r)), 'conjunction'), allowed });
  if (why.targetRoleAssignable) return t('reason.roleAssignableGroup', { allowed });
  if (why.targetOtherRole) return t('reason.roleOther', { allowed });
  if (why.targetReaderRole) return t('reason.roleReader', { allowed });
  return t('reason.roleHeld', { roles: list(why.targetRoles.map((r) => roleDisplayName(r)), 'conjunction'), allowed });
}

/** "an Authentication Administrator", "a User Administrator", "een …": the article each role's name takes. */
function withArticle(name: string, lang: string): string {
  if (lang === 'nl') return `een ${name}`;
  // "an Authentication …", but "a User …": the sound decides, and no role's name starts with a vowel sound of U.
  return `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}`;
}

/** The confirmation card (before → after, grouped by where it happens) and, after Apply, the outcome card. */
export function changePlanCard(view: ChangePlanView, t: Translator): AdaptiveCard {
  // A closed card promises nothing: its cloud part is what was planned, not what Apply would do.
  const sections = planSections(view.plan, view.outcomes, t, view.closed ? 'plan.cloudPlannedTitle' : 'plan.cloudTitle');
  return renderCard('changePlan', {
    title: t(view.plan.purpose === 'offboarding' ? 'offboard.title' : 'plan.title', { name: plainText(view.targetName) }),
    subtitle: view.doneBy ? t(sections.noneApplied ? 'plan.outcomeNotApplied' : 'plan.outcomeSubtitle', { actor: plainText(view.doneBy.actor), time: view.doneBy.time })
      : view.closed || view.scheduledJobId ? '' : !sections.cloudCount ? t('plan.nothingToApply')
        : view.scheduledFor ? t('schedule.subtitle', { time: view.scheduledFor }) : t('plan.subtitle'),
    notice: view.notice ?? '',
    ...sections,
    // The password is made of letters, digits and !#%+-=?@ only: nothing markdown would render.
    secretText: view.temporaryPassword ? t('plan.temporaryPassword', { password: view.temporaryPassword }) : '',
    secretNote: view.temporaryPassword ? t('plan.temporaryPasswordNote', { name: plainText(view.targetName) }) : '',
    showActions: !view.outcomes && !view.closed && !view.scheduledJobId && sections.cloudCount > 0,
    planId: view.planId,
    applyVerb: view.scheduledFor ? 'change.schedule' : 'change.apply',
    applyLabel: view.scheduledFor ? t('schedule.confirm') : t('plan.apply'),
    showScheduleCancel: !!view.scheduledJobId && !view.outcomes && !view.closed,
    jobId: view.scheduledJobId ?? '',
    cancelLabel: t('plan.cancel'),
    showUndo: !!view.outcomes && !view.closed && !!view.showUndo,
    undoLabel: t('plan.undo'),
    showWatch: !!view.offerWatch && !view.outcomes && !view.closed,
    watchLabel: t('plan.ranInAd'),
    // After an offboarding: the licences kept for the mailbox go once the admin says the mailbox is shared.
    showReleaseLicences: !!view.outcomes && !view.closed && view.plan.items.some((i) => i.kind === 'held'),
    releaseLabel: t('offboard.releaseLicences'),
  });
}

/** Values in a reason (a typed value, a group's name or rule) are shown as text, never as markdown. */
function escapeParams(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? plainText(v) : v]));
}
