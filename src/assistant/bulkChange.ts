import { BULK_LIMIT, consolidatedScript, countBulk, type BulkPlan } from '../bulk/bulkPlan';
import { readCsvRows, type BulkRow } from '../bulk/csvRows';
import { bulkResults } from '../bulk/bulkResults';
import { resultsCsv } from '../bulk/resultsCsv';
import { bulkPlanCard, BULK_CARD_SCRIPT_LINES, type BulkPlanView } from '../cards/bulkPlanCard';
import { plainText } from '../cards/plainText';
import { propertyLabel } from '../cards/propertyLabel';
import { licenceOperation } from './licenceOperation';
import type { ItemOutcome } from '../cards/changePlanCard';
import { languageOf, translator, type MessageKey, type Translator } from '../i18n/translate';
import type { Language, Request, RequestedChange } from '../language/request';
import { isAdminRole } from '../policy/roles';
import type { PlanRecord } from '../store';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { planBulk, type BulkAsk, type SharedOperation } from './bulkPreview';
import { card, file, text, type Reply } from './reply';
import type { FileContent, UploadedFile } from './uploadedFile';

/** A bulk preview card stays answerable this long, like a single change's. */
const BULK_TTL_MS = 30 * 60_000;

/** What a bulk plan keeps between its preview and its run: the card carries only the plan's id. */
export interface BulkPayload {
  kind: 'bulk';
  language: Language;
  /** What was asked, in words, for the card's subtitle. */
  what: string;
  plan: BulkPlan;
  script: string | null;
  /** Each source line's property and value as asked, for the results file. */
  asked: { line: number; property: string; value: string }[];
  /** A shared group operation's group is role-assignable: Apply checks the caller may change such a group. */
  roleAssignableGroup?: boolean;
}

/** Properties a change to many people does not make: each needs a person-by-person look (a manager's reporting line). */
const ONE_AT_A_TIME: ReadonlySet<string> = new Set(['manager']);

/**
 * "set the department of A, B and C to Operations", "add A, B and C to Sales", a pasted list: one preview for everyone,
 * planned per person by the same planner as a change to one person.
 */
export async function proposeBulkFromChat(ctx: AssistantContext, caller: Caller, request: Request, t: Translator): Promise<Reply[]> {
  if (!(await isAdmin(ctx, caller))) return [text(t('bulk.adminOnly'))];
  const targets = request.targets ?? [];
  const supported = ['change', 'addToGroup', 'removeFromGroup', 'assignLicense', 'removeLicense', 'revokeSessions'];
  if (!supported.includes(request.intent) || request.changes.some((c) => ONE_AT_A_TIME.has(c.property))) return [text(t('bulk.oneAtATime'))];
  if (request.intent === 'change' && !request.changes.length) return [text(t('unknown.reply'))];
  // A change to several people runs when confirmed: a date is not silently dropped (it would apply now).
  if (request.when) return [text(t('bulk.noSchedule'))];
  const shared = await sharedOperation(ctx, request, t);
  if ('replies' in shared) return shared.replies;
  const asks: BulkAsk[] = targets.map((person, i) => ({ line: i + 1, person, changes: request.changes }));
  const what = describeAsk(request, shared.operation, t);
  const asked = targets.map((_, i) => ({ line: i + 1, property: what.property, value: what.value }));
  const notice = request.targetsTruncated ? t('bulk.tooMany', { max: BULK_LIMIT }) : undefined;
  return preview(ctx, caller, asks, shared.operation, { what: what.text, asked, notice }, t);
}

/** A CSV file sent in the personal chat (columns person, property, value): one preview for all its rows. */
export async function handleUploadedFile(ctx: AssistantContext, caller: Caller, upload: UploadedFile, t: Translator): Promise<Reply[]> {
  if ('error' in upload) return [text(t(`bulk.file.${upload.error}`))];
  if (!(await isAdmin(ctx, caller))) return [text(t('bulk.adminOnly'))];
  const read = readCsvRows(upload.text);
  if (!read.ok) return [text(t(`bulk.csv.${read.reason}` as MessageKey, { max: BULK_LIMIT, ...(read.params ?? {}) }))];
  const asks = asksOfRows(read.rows);
  const stoppedRows = read.problems.map((p) => ({
    line: p.line, person: p.person ?? '', reason: p.reason === 'missingProperty' ? 'unknownProperty' as const : p.reason,
    detail: p.reason === 'duplicate' ? p.params.firstLine : p.params.property ?? '',
  }));
  const manual = asks.filter((a) => a.changes.some((c) => ONE_AT_A_TIME.has(c.property)));
  const rest = asks.filter((a) => !manual.includes(a));
  const asked = read.rows.map((r) => ({ line: r.line, property: r.property, value: r.value === null ? '' : String(r.value) }));
  return preview(ctx, caller, rest, null, {
    what: t('bulk.whatFile', { name: plainText(upload.name) }), asked,
    extraStopped: [
      ...stoppedRows,
      ...manual.flatMap((a) => (a.lines ?? [a.line]).map((line) => ({ line, person: a.person, reason: 'notInBulk' as const, detail: propertyLabel(t, 'manager') }))),
    ],
  }, t);
}

/** The CSV's rows, one ask per person as written (case-insensitive), so that one person's rows make one plan. */
function asksOfRows(rows: readonly BulkRow[]): BulkAsk[] {
  const byPerson = new Map<string, BulkAsk>();
  for (const row of rows) {
    const key = row.person.trim().toLowerCase();
    const change: RequestedChange = { property: row.property, value: row.value };
    const ask = byPerson.get(key);
    if (ask) {
      ask.changes.push(change);
      ask.lines!.push(row.line);
    } else {
      byPerson.set(key, { line: row.line, person: row.person, changes: [change], lines: [row.line] });
    }
  }
  return [...byPerson.values()];
}

async function preview(
  ctx: AssistantContext, caller: Caller, asks: BulkAsk[], shared: SharedOperation | null,
  about: { what: string; asked: BulkPayload['asked']; notice?: string; extraStopped?: BulkPlan['stopped'] }, t: Translator,
): Promise<Reply[]> {
  const planned = await planBulk(ctx, caller, asks, shared);
  const plan: BulkPlan = { people: planned.people, stopped: [...(about.extraStopped ?? []), ...planned.stopped].sort((a, b) => a.line - b.line) };
  const script = consolidatedScript(plan);
  const payload: BulkPayload = {
    kind: 'bulk', language: languageOf(t), what: about.what, plan, script, asked: about.asked,
    ...(shared?.op === 'group' && shared.group.isAssignableToRole ? { roleAssignableGroup: true } : {}),
  };
  const record = await ctx.plans.create({
    actorId: caller.id, targetId: 'bulk', conversationId: caller.conversation.id, payload: payload as never,
    expiresAt: new Date(ctx.clock.now().getTime() + BULK_TTL_MS).toISOString(),
  });
  const replies: Reply[] = [card(bulkPlanCard(viewOf(record.id, payload, { notice: about.notice }), t))];
  // A script too long for a card comes as a file (in the personal chat, where Teams can offer one).
  if (script && script.split('\n').length > BULK_CARD_SCRIPT_LINES && caller.conversation.type === 'personal') {
    const count = plan.people.filter((p) => p.plan.script).length;
    replies.push(file({ name: 'account-assistant-ad-script.ps1', description: t('bulk.scriptFile', { count }), fileId: `bulk-script-${record.id}`, sizeInBytes: Buffer.byteLength(script) }));
  }
  return replies;
}

/** The card's view of a bulk plan, as previewed or with its progress or outcomes. */
export function viewOf(planId: string, payload: BulkPayload, extra: Partial<BulkPlanView> = {}): BulkPlanView {
  return { what: payload.what, plan: payload.plan, counts: countBulk(payload.plan), planId, script: payload.script, ...extra };
}

/** Cancel on a bulk preview: the card keeps the plan, marked cancelled, without buttons. */
export async function cancelBulk(ctx: AssistantContext, caller: Caller, planId: string, t: Translator): Promise<Reply[]> {
  const result = await ctx.plans.cancel(planId, caller.id);
  if (result === 'notOwner') return [text(t('plan.notYoursCancel'))];
  const record = await ctx.plans.get(planId);
  const payload = record?.payload as BulkPayload | undefined;
  if (!record || payload?.kind !== 'bulk') return [text(t('error.INVALID_INPUT'))];
  if (result !== 'cancelled') return [text(t(record.state === 'claimed' ? 'bulk.alreadyRunning' : 'plan.alreadyHandled'))];
  return [card(bulkPlanCard(viewOf(planId, payload, { closed: true, notice: t('plan.cancelled') }), t))];
}

/**
 * A file the bot offered, read again when the user accepts it: the results of a finished bulk change, or its AD
 * script. Only for the person who made the change: the id comes back from Teams and is not trusted.
 */
export async function fileContent(ctx: AssistantContext, caller: Caller, fileId: string): Promise<FileContent | null> {
  const match = /^bulk-(results|script)-([0-9a-f-]{36})$/.exec(fileId);
  if (!match) return null;
  const record = await ctx.plans.get(match[2]).catch(() => null);
  const payload = record?.payload as BulkPayload | undefined;
  if (!record || payload?.kind !== 'bulk' || record.actorId !== caller.id) return null;
  if (match[1] === 'script') return payload.script ? { name: 'account-assistant-ad-script.ps1', content: payload.script } : null;
  if (!['applied', 'partial', 'failed'].includes(record.state)) return null;
  const outcomes = (record.outcome as { outcomes?: Record<string, ItemOutcome[]> } | null)?.outcomes ?? {};
  // In the language the change was asked in, like its card.
  return { name: 'account-assistant-results.csv', content: resultsCsv(bulkResults(payload, outcomes, translator(payload.language))) };
}

/** The bulk payload of a plan record, or null for any other kind (its owner is checked by whoever uses it). */
export function bulkPayloadOf(record: PlanRecord | null): BulkPayload | null {
  const payload = record?.payload as BulkPayload | undefined;
  return payload?.kind === 'bulk' ? payload : null;
}

/** The group or licence the request names, found once for everyone; or why not. */
async function sharedOperation(ctx: AssistantContext, request: Request, t: Translator): Promise<{ operation: SharedOperation | null } | { replies: Reply[] }> {
  const query = (request.object ?? '').trim();
  switch (request.intent) {
    case 'addToGroup':
    case 'removeFromGroup': {
      const groups = query ? await ctx.directory.findGroups(query, 6) : [];
      if (groups.length === 1) return { operation: { op: 'group', add: request.intent === 'addToGroup', group: groups[0] } };
      const names = groups.slice(0, 5).map((g) => plainText(g.displayName)).join(', ');
      return { replies: [text(t(groups.length ? 'group.ambiguous' : 'group.notFound', { query: plainText(query), names }))] };
    }
    case 'assignLicense':
    case 'removeLicense': {
      const found = await licenceOperation(ctx, request, t);
      return 'ref' in found ? { operation: found.ref } : found;
    }
    case 'revokeSessions':
      return { operation: { op: 'revokeSessions' } };
    default:
      return { operation: null };
  }
}

/** The request in words for the card ("department: Operations", "adds Sales") and for the results file's columns. */
function describeAsk(request: Request, shared: SharedOperation | null, t: Translator): { text: string; property: string; value: string } {
  if (shared?.op === 'group') {
    const name = plainText(shared.group.displayName);
    return { text: t(shared.add ? 'plan.adds' : 'plan.removes', { name }), property: 'group', value: `${shared.add ? '+' : '-'}${shared.group.displayName}` };
  }
  if (shared?.op === 'licence') {
    const name = plainText(request.object ?? '');
    return { text: t(shared.add ? 'plan.adds' : 'plan.removes', { name }), property: 'licence', value: `${shared.add ? '+' : '-'}${request.object ?? ''}` };
  }
  if (shared?.op === 'revokeSessions') return { text: t('plan.revokeSessions'), property: 'signInSessions', value: '' };
  const shown = (v: RequestedChange['value']) => (v === null ? t('plan.empty') : v === true ? t('plan.enabled') : v === false ? t('plan.blocked') : plainText(String(v)));
  return {
    text: request.changes.map((c) => `${propertyLabel(t, c.property)}: ${shown(c.value)}`).join('; '),
    property: request.changes.map((c) => c.property).join(' '),
    value: request.changes.map((c) => (c.value === null ? '' : String(c.value))).join(' '),
  };
}

async function isAdmin(ctx: AssistantContext, caller: Caller): Promise<boolean> {
  return isAdminRole((await ctx.privileges.caller(caller.id)).activeRoleIds);
}
