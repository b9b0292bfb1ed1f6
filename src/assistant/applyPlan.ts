import type { ItemOutcome } from '../cards/changePlanCard';
import { itemKey, outcomeOf, type ChangePlan, type PlanItem } from '../changes/changePlan';
import { temporaryPassword } from '../changes/temporaryPassword';
import type { Account } from '../directory/account';
import type { Directory } from '../directory/directory';
import { DirectoryError } from '../errors';
import { stableJson } from '../text/stableJson';
import type { AuditOperation, AuditRecordInput } from '../store';
import type { AssistantContext } from './assistantContext';

/**
 * Graph writes in dependency order: the usage location (in the PATCH) before a licence that needs it. `writer`: the
 * directory whose token writes (the acting admin's in delegated mode, see writerFor); read-backs use the app's.
 */
export async function writeCloudPart(
  ctx: AssistantContext, id: string, plan: ChangePlan, writer: Directory = ctx.directory,
): Promise<{ outcomes: ItemOutcome[]; password?: string }> {
  const cloud = plan.items.filter((i): i is Extract<PlanItem, { kind: 'cloud' }> => i.kind === 'cloud');
  const outcomes: ItemOutcome[] = [];
  let password: string | undefined;
  /**
   * One write. A write that timed out may still have landed: it is never sent again blindly; where the result
   * can be read back (`landed`), one read decides whether it is done.
   */
  const run = async (keys: string[], write: () => Promise<{ requestId: string | null }>, landed?: () => Promise<boolean>) => {
    try {
      const { requestId } = await write();
      keys.forEach((property) => outcomes.push({ property, ok: true, requestId }));
      return true;
    } catch (e) {
      if (!(e instanceof DirectoryError)) throw e;
      if (e.mayHaveLanded && landed && (await landed().catch(() => false))) {
        ctx.log.warn('change.reconciled', { code: e.code, properties: keys });
        keys.forEach((property) => outcomes.push({ property, ok: true, requestId: null }));
        return true;
      }
      ctx.log.warn('change.failed', { code: e.code, graphCode: e.graphCode, requestId: e.requestId, properties: keys, mayHaveLanded: e.mayHaveLanded });
      // An answer that never came: the write may still land (a late PATCH). Not failed yet: looked at again later.
      const uncertain = e.mayHaveLanded ? { uncertain: true as const } : {};
      // Graph's request-id goes with a failure: the line an admin quotes to Microsoft support.
      const requestId = e.requestId ? { requestId: e.requestId } : {};
      keys.forEach((property) => outcomes.push({ property, ok: false, code: e.code, ...requestId, ...uncertain }));
      return false;
    }
  };
  const patchItems = cloud.filter((i) => i.write.op === 'patch');
  if (patchItems.length) {
    const patch = Object.assign({}, ...patchItems.map((i) => (i.write.op === 'patch' ? i.write.patch : {})));
    const ok = await run(patchItems.map(itemKey), () => writer.updateAccount(id, patch), landedCheck(ctx, id, { op: 'patch', patch }));
    if (!ok && plan.warnings.includes('usageLocationForLicence')) {
      // Without the usage location Graph refuses the licence: say so instead of sending a doomed call.
      const code = outcomes.find((o) => !o.ok && o.property === 'usageLocation');
      if (code && !code.ok) cloud.filter((i) => i.write.op === 'licence').forEach((i) => outcomes.push({ property: itemKey(i), ok: false, code: code.code }));
    }
  }
  for (const item of cloud) {
    if (outcomeOf(outcomes, item)) continue;
    const w = item.write;
    const key = [itemKey(item)];
    switch (w.op) {
      case 'manager':
        await run(key, () => writer.setManager(id, w.managerId), landedCheck(ctx, id, w));
        break;
      case 'licence':
        await run(key, () => writer.assignLicenses(id, w.assign ? [w.skuId] : [], w.assign ? [] : [w.skuId]), landedCheck(ctx, id, w));
        // Consumed units moved: the next plan must not count from a stale list.
        ctx.skus.invalidate();
        break;
      case 'membership':
        await run(key, () => (w.add ? writer.addGroupMember(w.groupId, id) : writer.removeGroupMember(w.groupId, id)), landedCheck(ctx, id, w));
        break;
      case 'revokeSessions':
        await run(key, () => writer.revokeSignInSessions(id));
        break;
      case 'resetPassword': {
        const candidate = temporaryPassword();
        const ok = await run(key, () => (w.via === 'writeback' ? writer.resetPasswordWithWriteback(id, candidate) : writer.setTemporaryPassword(id, candidate)));
        // An offboarding's random password is shown to nobody: it is dropped here.
        if (ok && !w.hidden) password = candidate;
        break;
      }
    }
  }
  return { outcomes, password };
}

type CloudWrite = Extract<PlanItem, { kind: 'cloud' }>['write'];

/**
 * How to learn from Graph whether a write is in place, for the writes whose result can be read back: the profile
 * PATCH, the manager, a licence, a group membership. A sign-out or a password cannot be read back (undefined).
 * Used after a lost answer, and by the recovery of a write whose writer crashed.
 */
export function landedCheck(ctx: AssistantContext, id: string, write: CloudWrite): (() => Promise<boolean>) | undefined {
  switch (write.op) {
    case 'patch':
      return async () => {
        const now = await ctx.directory.getAccount(id);
        return !!now && Object.entries(write.patch).every(([k, v]) => stableJson((now as unknown as Record<string, unknown>)[k] ?? null) === stableJson(v));
      };
    case 'manager':
      return async () => ((await ctx.directory.getManager(id))?.id ?? null) === write.managerId;
    case 'licence':
      return async () => ((await ctx.directory.getAccount(id))?.assignedLicenses ?? []).some((l) => l.skuId.toLowerCase() === write.skuId.toLowerCase()) === write.assign;
    case 'membership':
      return async () => (await ctx.directory.getDirectGroupIds(id)).includes(write.groupId) === write.add;
    default:
      return undefined;
  }
}

const AUDIT_OPERATION: Record<string, AuditOperation> = { signInSessions: 'revokeSessions', password: 'resetPassword', manager: 'manager' };

/** One append-only record per requested item: applied, failed, on-premises, refused or no-op. Never a password. */
export function auditRecordsOf(
  a: {
    actor: { id: string; upn: string };
    approver?: { id: string; upn: string } | null;
    account: Pick<Account, 'id' | 'userPrincipalName'>;
    plan: ChangePlan;
    outcomes: ItemOutcome[];
    planId?: string | null;
    requestId?: string | null;
    conversationId: string;
    /** Why the write was finished by someone other than its writer (a recovery), for every cloud item's record. */
    recovered?: boolean;
    /** The plan this one undoes: named in every record (correlationId), and the reason of every applied item. */
    undoOf?: string | null;
  },
): AuditRecordInput[] {
  const records: AuditRecordInput[] = a.plan.items.map((item) => {
    const outcome = outcomeOf(a.outcomes, item);
    const object = 'object' in item ? item.object : undefined;
    const operation: AuditOperation = object
      ? item.property === 'licence' ? (object.add ? 'assignLicense' : 'removeLicense') : object.add ? 'addToGroup' : 'removeFromGroup'
      : item.property === 'accountEnabled' && 'after' in item ? (item.after ? 'enable' : 'disable')
        : AUDIT_OPERATION[item.property] ?? 'update';
    return {
      actorId: a.actor.id,
      actorUpn: a.actor.upn,
      approverId: a.approver?.id ?? null,
      approverUpn: a.approver?.upn ?? null,
      targetId: a.account.id,
      targetUpn: a.account.userPrincipalName,
      operation,
      property: item.property,
      before: 'before' in item ? item.before : null,
      after: object ? object.name : 'after' in item ? item.after : 'value' in item ? item.value : null,
      // Left out before any write because the roles no longer allowed it (a bulk Apply): refused, not a failed write.
      outcome: item.kind === 'cloud' ? (outcome?.ok ? 'applied' : outcome?.code === 'POLICY_DENIED' ? 'refused' : 'failed')
        : item.kind === 'onPremises' ? 'onPremises' : item.kind === 'noop' ? 'noop'
        : item.kind === 'held' ? 'held' : 'refused',
      reason: item.kind === 'invalid' ? item.rule : item.kind === 'denied' ? item.reason : item.kind === 'held' ? item.reason : outcome && !outcome.ok ? outcome.code
        : a.recovered && item.kind === 'cloud' ? 'RECOVERED' : a.undoOf && item.kind === 'cloud' ? 'UNDO' : null,
      graphRequestId: outcome?.ok ? outcome.requestId : null,
      planId: a.planId ?? null,
      requestId: a.requestId ?? null,
      conversationId: a.conversationId,
      ...(a.undoOf ? { correlationId: a.undoOf } : {}),
    };
  });
  return records;
}
