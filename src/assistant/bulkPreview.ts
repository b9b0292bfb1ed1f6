import type { BulkPlan, BulkSource, PlannedPerson, StoppedRow } from '../bulk/bulkPlan';
import { planRequest, type AccountOperation } from '../changes/planChanges';
import type { Account } from '../directory/account';
import { byName, NAME_FETCH } from '../directory/accountResolver';
import type { Group, Privileges, SingleAccountQuery } from '../directory/directory';
import type { RequestedChange } from '../language/request';
import { decisionInput, explainRefusal, mayChange } from '../policy/changePolicy';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { isProtected } from './protectedAccount';

/** One person's part of a bulk change as asked: who (as written) and what, before anyone is looked up. */
export interface BulkAsk extends BulkSource {
  changes: RequestedChange[];
  /** Further source lines answered by the same person's plan (a CSV's other rows for them). */
  lines?: number[];
}

/** The one operation every person of the change shares (a group or licence found once by name), by what it needs. */
export type SharedOperation =
  | { op: 'group'; add: boolean; group: Group }
  | { op: 'licence'; add: boolean; skuId: string }
  | { op: 'revokeSessions' };

export const NO_PRIVILEGES: Privileges = { activeRoleIds: [], heldRoleIds: [], roleAssignableGroups: [], eligibilityRead: true };

/**
 * Plans a change to many people in a number of Graph requests that grows by one per 20 people, not per person: the
 * names in `$batch` look-ups, everyone's roles in one read (fail closed: it throws rather than plan without them), a
 * group's members once. Each person is then planned by the same planner, with the same rules, as a change to them
 * alone; a row whose name matches nobody or several people stops on its own.
 */
export async function planBulk(ctx: AssistantContext, caller: Caller, asks: readonly BulkAsk[], shared: SharedOperation | null): Promise<BulkPlan> {
  const [resolved, actor, everyone, members, skus] = await Promise.all([
    resolvePeople(ctx, caller, asks),
    ctx.privileges.caller(caller.id),
    ctx.privileges.everyone(),
    shared?.op === 'group' ? ctx.directory.getGroupMemberIds(shared.group.id) : null,
    shared?.op === 'licence' ? ctx.skus.get() : null,
  ]);
  const roles = byLowerId(everyone);
  const memberSet = new Set((members ?? []).map((id) => id.toLowerCase()));
  const usageLocation = shared?.op === 'licence' && shared.add ? (await ctx.organization.get()).countryLetterCode : null;
  const people: PlannedPerson[] = [];
  const stopped: StoppedRow[] = [];
  const seen = new Map<string, number>();
  for (const [i, ask] of asks.entries()) {
    const found = resolved[i];
    if (!('account' in found)) {
      stopped.push({ line: ask.line, person: ask.person, reason: found.reason, ...(found.detail ? { detail: found.detail } : {}) });
      continue;
    }
    const account = found.account;
    const earlier = seen.get(account.id);
    if (earlier !== undefined) {
      stopped.push({ line: ask.line, person: ask.person, reason: 'duplicate', detail: String(earlier) });
      continue;
    }
    seen.set(account.id, ask.line);
    const decision = decisionInput(actor, roles.get(account.id.toLowerCase()) ?? NO_PRIVILEGES, isProtected(ctx, account));
    const operation = operationFor(shared, account, memberSet, skus);
    const plan = planRequest(account, ask.changes, operation, {
      allowed: (subject, about) => mayChange(decision, subject, about),
      explain: (subject, about) => explainRefusal(decision, subject, about),
      personalChat: caller.conversation.type === 'personal',
      usageLocationOffer: usageLocation,
      actorId: caller.id,
    });
    people.push({
      lines: ask.lines ?? [ask.line], person: ask.person,
      account: { id: account.id, upn: account.userPrincipalName, name: account.displayName ?? account.userPrincipalName }, plan,
    });
  }
  return { people, stopped };
}

/** Everyone's privileges by lower-cased id: Graph and Teams may spell an object id in either case. */
export function byLowerId(everyone: Map<string, Privileges>): Map<string, Privileges> {
  return new Map([...everyone].map(([id, p]) => [id.toLowerCase(), p]));
}

function operationFor(shared: SharedOperation | null, account: Account, members: Set<string>, skus: Awaited<ReturnType<AssistantContext['skus']['get']>> | null): AccountOperation | null {
  if (!shared) return null;
  if (shared.op === 'revokeSessions') return shared;
  if (shared.op === 'group') return { op: 'group', add: shared.add, group: shared.group, isMember: members.has(account.id.toLowerCase()) };
  const sku = skus?.find((s) => s.skuId === shared.skuId);
  return sku ? { op: 'licence', add: shared.add, sku } : null;
}

type Found = { account: Account } | { reason: 'notFound' | 'ambiguous' | 'readFailed'; detail?: string };

/** Each name to one account, or why not: `$batch` look-ups, sign-in names and mail exactly, names as the chat reads them. */
async function resolvePeople(ctx: AssistantContext, caller: Caller, asks: readonly BulkAsk[]): Promise<Found[]> {
  const queries: SingleAccountQuery[] = [];
  const slots: (number | 'me')[] = asks.map((ask) => {
    const text = ask.person.trim();
    if (/^(me|ik|mij|mijzelf|myself)$/i.test(text)) return 'me';
    queries.push(text.includes('@') ? { by: 'upnOrMail', value: text } : { by: 'name', value: text });
    return queries.length - 1;
  });
  const [answers, self] = await Promise.all([
    queries.length ? ctx.directory.findAccountsMany(queries, NAME_FETCH) : [],
    slots.includes('me') ? ctx.directory.getAccount(caller.id) : null,
  ]);
  return slots.map((slot): Found => {
    if (slot === 'me') return self ? { account: self } : { reason: 'notFound' };
    const answer = answers[slot];
    if (answer instanceof Error) return { reason: 'readFailed' };
    const query = queries[slot];
    const matches = query.by === 'name' ? byName(query.value, answer) : [...new Map(answer.map((a) => [a.id, a])).values()];
    if (matches.length === 1) return { account: matches[0] };
    if (!matches.length) return { reason: 'notFound' };
    return { reason: 'ambiguous', detail: matches.slice(0, 3).map((a) => a.displayName ?? a.userPrincipalName).join(', ') };
  });
}
