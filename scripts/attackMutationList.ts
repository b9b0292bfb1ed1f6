/**
 * The defences `npm run test:mutations` removes one at a time (scripts/attackMutations.ts), each as textual edits of
 * the source and the attack cases that must notice. test/scripts/attackMutationList.test.ts checks that every text
 * to find is still in its file, so a refactor cannot quietly turn a mutation into a no-op.
 */
export interface Edit {
  file: string;
  find: string;
  replace: string;
}

export interface Mutation {
  threat: string;
  /** One defence can have layers (a check in code and a condition in SQL): all are removed together. */
  edits: Edit[];
  /** jest -t filter: the cases that must notice. */
  cases: string;
  /**
   * jest -t filter: cases that must still PASS without this defence, because another line holds (delegated mode:
   * Entra refuses a write that carries the attacker's own token). Run on their own after `cases`.
   */
  survives?: string;
}

export const MUTATIONS: Mutation[] = [
  { threat: 'inbound: tenant allow-list', edits: [{ file: 'src/bot/inboundGuard.ts', find: 'if (!this.allowed.has(tenant))', replace: 'if (false && !this.allowed.has(tenant))' }], cases: 'tenant allow-list' },
  { threat: 'inbound: msteams channel only', edits: [{ file: 'src/bot/inboundGuard.ts', find: 'if (this.channels && !this.channels', replace: 'if (false && this.channels && !this.channels' }], cases: 'Web Chat|Direct Line' },
  { threat: 'inbound: Teams service hosts only', edits: [{ file: 'src/bot/inboundGuard.ts', find: 'if (this.serviceHosts && !isAllowedServiceUrl', replace: 'if (false && this.serviceHosts && !isAllowedServiceUrl' }], cases: 'reply address|look-alike|plain HTTP|credentials in the URL' },
  { threat: 'inbound: forged tokens are 401', edits: [{ file: 'src/bot/strictAuthentication.ts', find: 'if (INVALID_TOKEN.has(e?.name))', replace: 'if (false && INVALID_TOKEN.has(e?.name))' }], cases: 'JWT' },
  { threat: 'inbound: JSON bodies only', edits: [{ file: 'src/server.ts', find: "if (!req.is('json'))", replace: "if (false && !req.is('json'))" }], cases: 'malformed' },
  { threat: 'inbound: no upload reaches the disk', edits: [{ file: 'src/server.ts', find: 'return restify.plugins.jsonBodyParser(options);', replace: 'return restify.plugins.bodyParser({ ...options, rejectUnknown: true });' }], cases: 'multipart' },
  { threat: 'inbound: malformed invokes are 400', edits: [{ file: 'src/bot/accountAssistantBot.ts', find: "if (name !== 'adaptiveCard/action' || !action || action.type !== 'Action.Execute' || typeof action.verb !== 'string') {", replace: 'if (false) {' }], cases: 'malformed' },
  { threat: 'inbound: an unexpected error shows the user only a reference', edits: [{ file: 'src/app.ts', find: "text: t('error.INTERNAL', { correlationId })", replace: "text: `${t('error.INTERNAL', { correlationId })} ${String(error.stack)}`" }], cases: 'last-resort' },
  { threat: 'cards: strict card data', edits: [{ file: 'src/assistant/actionData.ts', find: "'change.apply': z.strictObject(", replace: "'change.apply': z.object(" }], cases: 'smuggled' },
  { threat: 'cards: ids are ids, not paths', edits: [{ file: 'src/assistant/actionData.ts', find: '.regex(/^[A-Za-z0-9-]+$/)', replace: '' }], cases: 'an account id with' },
  { threat: 'cards: a plan is applied by its own admin', edits: [
    { file: 'src/assistant/changeAccount.ts', find: "if (record.actorId !== caller.id) return [text(t('plan.notYours'))];\n  if (record.state !== 'open') return [closedPlan(record, t(closedReason", replace: "if (false && record.actorId !== caller.id) return [text(t('plan.notYours'))];\n  if (record.state !== 'open') return [closedPlan(record, t(closedReason" },
    { file: 'src/store/sqlPlanStore.ts', find: "WHERE id = $1 AND actor_id = $2 AND state = 'open' AND expires_at > now()", replace: "WHERE id = $1 AND $2::text IS NOT NULL AND state = 'open' AND expires_at > now()" },
  ], cases: "Daan's job-title plan" },
  { threat: "cards: the caller's current roles (bounded cache, re-read before a write)", edits: [{ file: 'src/policy/privilegeReader.ts', find: 'if (!opts.fresh && hit && now - hit.at < this.callerMaxAgeMs) return hit.privileges;', replace: 'if (hit) return hit.privileges;' }], cases: 'lost the role|role was taken away' },
  { threat: 'cards: decisions once', edits: [
    { file: 'src/assistant/changeAccount.ts', find: "if (record.state !== 'open') return [closedPlan(record, t(closedReason", replace: "if (false && record.state !== 'open') return [closedPlan(record, t(closedReason" },
    { file: 'src/assistant/changeAccount.ts', find: 'if (stableJson(fresh) !== stableJson(payload.plan) || managerMoved) {', replace: 'if (false) {' },
    { file: 'src/store/sqlPlanStore.ts', find: "WHERE id = $1 AND actor_id = $2 AND state = 'open' AND expires_at > now()", replace: "WHERE id = $1 AND actor_id = $2 AND state IN ('open', 'claimed', 'applied') AND expires_at > now()" },
  ], cases: 'delivered five times' },
  { threat: 'hostile input: OData literals escaped', edits: [{ file: 'src/directory/graph/graphPath.ts', find: `return \`'\${value.replace(/'/g, "''")}'\`;`, replace: "return `'${value}'`;" }], cases: 'OData and path injection' },
  { threat: 'hostile input: several matches ask, never pick', edits: [{ file: 'src/directory/accountResolver.ts', find: "if (unique.length > 1) return { kind: 'many'", replace: "if (unique.length > 1) return { kind: 'one', account: unique[0] };\n  if (unique.length > 1) return { kind: 'many'" }], cases: 'shared first name' },
  { threat: 'hostile input: invisible characters refused in values', edits: [
    { file: 'src/changes/validateValue.ts', find: 'const FORBIDDEN = /', replace: 'const FORBIDDEN = /(?!)/ || /' },
    { file: 'src/language/sanitize.ts', find: 'const INVISIBLE =', replace: 'const INVISIBLE = /(?!)/g ||' },
  ], cases: 'a value with' },
  { threat: 'hostile input: markdown shown as text', edits: [{ file: 'src/cards/plainText.ts', find: 'export function plainText(value: string): string {', replace: 'export function plainText(value: string): string {\n  if (value.length >= 0) return value;' }], cases: 'markdown' },
  { threat: 'hostile input: request bodies bounded', edits: [{ file: 'src/server.ts', find: 'export const MAX_BODY_BYTES = 256 * 1024;', replace: 'export const MAX_BODY_BYTES = 256 * 1024 * 1024;' }], cases: 'over 256 KB' },
  { threat: 'hostile input: per-user rate limit', edits: [{ file: 'src/bot/userRateLimit.ts', find: 'if (bucket.tokens < 1) return false;', replace: 'if (bucket.tokens < -1e9) return false;' }], cases: 'flood' },
  { threat: 'faults: throttling and outages retried', edits: [{ file: 'src/directory/graph/retryBudgetMiddleware.ts', find: 'const RETRYABLE = new Set([429, 503]);', replace: 'const RETRYABLE = new Set<number>([]);' }], cases: 'once on the write' },
  { threat: 'faults: a write behind a gateway timeout is read back, not sent again', edits: [{ file: 'src/directory/graph/graphTransport.ts', find: 'writes && r.status === 504', replace: 'false' }], cases: 'gateway timeout after the write landed' },
  { threat: 'faults: a lost write answer reconciled by reading', edits: [{ file: 'src/assistant/applyPlan.ts', find: 'if (e.mayHaveLanded && landed', replace: 'if (false && e.mayHaveLanded && landed' }], cases: 'lost answer to a write' },
  { threat: 'faults: "already a member" is done', edits: [{ file: 'src/directory/graph/writeRequests.ts', find: '/already exist/i.test(error.message)', replace: '/never matches/i.test(error.message)' }], cases: 'group add' },
  { threat: 'faults: a client-request-id on every call', edits: [{ file: 'src/directory/graph/requestHeadersMiddleware.ts', find: "headers['client-request-id'] ??= randomUUID();", replace: 'void randomUUID;' }], cases: 'client-request-id' },
  { threat: 'fail closed: a write\'s records wait on the disk, not dropped', edits: [{ file: 'src/assistant/journalledWrite.ts', find: 'await ctx.spool.add({ entryId: entry.id, token: entry.leaseToken, subject, audit } satisfies SpooledFinish);', replace: 'void 0;' }], cases: 'audit cannot be written' },
  { threat: 'secrets: the temporary password leaves the chat after a few minutes', edits: [{ file: 'src/assistant/changeAccount.ts', find: 'if (shown) await removePasswordLater(', replace: 'if (false && shown) await removePasswordLater(' }], cases: 'shows the password once' },
  { threat: 'secrets: password resets in 1:1 chats only', edits: [{ file: 'src/changes/planChanges.ts', find: "this.items.push({ kind: 'denied', property: 'password', reason: 'notPersonalChat' });", replace: "void 0;" }], cases: 'group chat|channel' },
  { threat: 'authorization: a failed role read refuses (fail closed)', edits: [{ file: 'src/policy/privilegeReader.ts', find: 'throw new DirectoryError(code, `roles of ${userId} unreadable', replace: 'return { activeRoleIds: [], heldRoleIds: [], roleAssignableGroups: [], eligibilityRead: false };\n      throw new DirectoryError(code, `roles of ${userId} unreadable' }], cases: 'refused, answered, nothing written' },
  { threat: 'authorization: a target is read fresh, never from the cache', edits: [{ file: 'src/policy/privilegeReader.ts', find: '  target(userId: string): Promise<Privileges> {\n    return this.read(userId, this.options.eligibility);', replace: '  target(userId: string): Promise<Privileges> {\n    return this.caller(userId);' }], cases: 'after the card' },
  { threat: 'authorization: members of role-assignable groups are protected', edits: [{ file: 'src/policy/changePolicy.ts', find: 'targetRoleAssignable: target.roleAssignableGroups.length > 0,', replace: 'targetRoleAssignable: false,' }], cases: 'role-assignable' },
  { threat: 'authorization: PIM-eligible roles protect', edits: [{ file: 'src/directory/graph/graphDirectory.ts', find: 'heldRoleIds: ids([...active, ...eligible]),', replace: 'heldRoleIds: ids(active),' }], cases: 'PIM-eligible' },
  { threat: 'authorization: roles read from role assignments (any number of groups)', edits: [{ file: 'src/directory/graph/graphDirectory.ts', find: 'const active = [...ownRows, ...viaGroups.flat()]', replace: 'const active = [...viaGroups.flat()]' }], cases: '1,200 groups' },
  { threat: 'approvals: only approvers choose the channel', edits: [{ file: 'src/assistant/approvalsChannel.ts', find: 'if (!mayApprove(ctx.policy, await ctx.approvers.get(), caller.id, me.activeRoleIds)) {', replace: 'if (false) {' }], cases: 'approvals channel' },
  { threat: 'approvals: nobody decides about themselves or their own request', edits: [{ file: 'src/assistant/managerRequests.ts', find: 'if (conflict) return [await refused(', replace: 'if (false && conflict) return [await refused(' }], cases: 'nobody decides' },
  { threat: 'approvals: pending approvals shows only what the caller may decide', edits: [{ file: 'src/assistant/managerRequests.ts', find: 'const mine = pending.filter((_, i) => decidable[i]);', replace: 'const mine = pending;' }], cases: 'shows a request only to those' },
  { threat: 'hostile input: group names in text replies shown as text', edits: [{ file: 'src/assistant/changeAccount.ts', find: 'groups.slice(0, 5).map((g) => plainText(g.displayName))', replace: 'groups.slice(0, 5).map((g) => g.displayName)' }], cases: 'no live link, no formatting' },
  { threat: 'validation: no reporting loops', edits: [{ file: 'src/changes/planChanges.ts', find: 'if (target && this.options.managerChain?.some(', replace: 'if (false && this.options.managerChain?.some(' }], cases: 'reporting loop' },
  { threat: 'validation: nobody is their own manager', edits: [{ file: 'src/changes/planChanges.ts', find: 'if (target && target.id.toLowerCase() === this.account.id.toLowerCase()) {', replace: 'if (false) {' }], cases: 'own manager' },
  { threat: 'bulk: a bulk plan is applied or cancelled by its own admin only', edits: [
    { file: 'src/assistant/bulkRun.ts', find: "if (record.actorId !== caller.id) return [text(t('plan.notYours'))];", replace: 'if (false) return [];' },
    { file: 'src/store/sqlPlanStore.ts', find: "WHERE id = $1 AND actor_id = $2 AND state = 'open' AND expires_at > now()", replace: "WHERE id = $1 AND $2::text IS NOT NULL AND state = 'open' AND expires_at > now()" },
    { file: 'src/store/sqlPlanStore.ts', find: "WHERE id = $1 AND actor_id = $2 AND state = 'open'\n       RETURNING id", replace: "WHERE id = $1 AND $2::text IS NOT NULL AND state = 'open'\n       RETURNING id" },
  ], cases: "on Daan's bulk plan" },
  { threat: "bulk: each person's roles decide their row (preview and Apply)", edits: [
    { file: 'src/assistant/bulkPreview.ts', find: 'allowed: (subject, about) => mayChange(decision, subject, about),', replace: 'allowed: () => true as const,' },
    { file: 'src/assistant/bulkRun.ts', find: 'const refused = payload.plan.people.filter((p) => {', replace: 'const refused = payload.plan.people.filter((p) => {\n    if (p) return false;' },
  ], cases: 'out of reach|role-assignable group in bulk' },
  { threat: "bulk: everyone's roles read again at Apply", edits: [
    { file: 'src/assistant/bulkRun.ts', find: 'const refused = payload.plan.people.filter((p) => {', replace: 'const refused = payload.plan.people.filter((p) => {\n    if (p) return false;' },
  ], cases: 'after the bulk preview' },
  { threat: 'bulk: protected accounts are left out', edits: [
    { file: 'src/assistant/bulkPreview.ts', find: 'isProtected(ctx, account)', replace: 'false' },
    { file: 'src/assistant/bulkRun.ts', find: 'isProtected(ctx, { id: p.account.id, userPrincipalName: p.account.upn })', replace: 'false' },
  ], cases: 'out of reach' },
  { threat: 'files: a bulk file only for the admin who made the change', edits: [{ file: 'src/assistant/bulkChange.ts', find: "if (!record || payload?.kind !== 'bulk' || record.actorId !== caller.id) return null;", replace: "if (!record || payload?.kind !== 'bulk') return null;" }], cases: "someone else's bulk results" },
  { threat: 'files: consent file ids are ours only', edits: [{ file: 'src/bot/teamsFiles.ts', find: 'export const FILE_ID = /^[A-Za-z0-9:_-]{1,120}$/;', replace: 'export const FILE_ID = /^[\\s\\S]*$/;' }], cases: 'tampered id' },
  { threat: 'files: CSV downloads only from allowed hosts (no SSRF)', edits: [{ file: 'src/bulk/teamsFile.ts', find: 'const first = permitted(url, options.allowedHosts);', replace: 'const first = permitted(url, options.allowedHosts) ?? new URL(url);' }], cases: 'CSV whose link points' },
  { threat: 'files: a download redirect stays on the allowed host', edits: [
    { file: 'src/bulk/teamsFile.ts', find: 'const allowed = permitted(next.href, options.allowedHosts);', replace: 'const allowed: URL | null = next;' },
    { file: 'src/bulk/teamsFile.ts', find: 'if (!allowed || allowed.protocol !== target.protocol || allowed.hostname !== target.hostname) {', replace: 'if (!allowed) {' },
  ], cases: 'redirecting' },
  { threat: 'offboarding: a block the caller may not make stops the whole plan', edits: [{ file: 'src/changes/planOffboarding.ts', find: 'if (blockAllowed !== true) {', replace: 'if (false) {' }], cases: 'offboarding: a' },
  { threat: 'offboarding: nobody offboards themselves', edits: [{ file: 'src/changes/planOffboarding.ts', find: 'if (options.actorId?.toLowerCase() === account.id.toLowerCase()) {', replace: 'if (false) {' }], cases: 'offboards (himself|herself)' },
  { threat: 'offboarding: kept licences released by admins only', edits: [{ file: 'src/assistant/offboardAccount.ts', find: "if (!isAdminRole(actor.activeRoleIds)) return [text(t('request.adminOnlyAction'))];\n  const record = await ctx.plans.get(planId);", replace: 'const record = await ctx.plans.get(planId);' }], cases: 'licences an offboarding kept' },
  { threat: 'offboarding: kept licences released only after an applied offboarding', edits: [{ file: 'src/assistant/offboardAccount.ts', find: "if (record.state !== 'applied' && record.state !== 'partial') return [text(t('offboard.notApplied'))];", replace: '' }], cases: 'licences an offboarding kept' },
  { threat: 'offboarding: kept licences released only once the mailbox is shared', edits: [{ file: 'src/assistant/offboardAccount.ts', find: "if (mailbox && mailbox.purpose !== 'shared') return [text(t('offboard.mailboxNotShared', { name }))];", replace: '' }], cases: 'licences an offboarding kept' },
  // Delegated mode (#16): the bot's own role check for a profile change removed at every layer (the non-admin's route to
  // a request, the admin-only gate, the policy decision): in application mode the write lands, so the suite fails; in
  // delegated mode the write carries the attacker's own token and Entra (the emulator) refuses it with 403, so those
  // cases must still pass — delegated mode is a second line.
  { threat: 'delegated: Entra is a second line behind our role check for a profile change', edits: [
    { file: 'src/assistant/assistant.ts', find: 'if (!(await this.isAdmin(caller))) return requestFromMessage(this.ctx, caller, account, request.changes, t);', replace: 'if (false && !(await this.isAdmin(caller))) return requestFromMessage(this.ctx, caller, account, request.changes, t);' },
    { file: 'src/assistant/changeAccount.ts', find: "if (!isAdminRole(actor.activeRoleIds)) return [text(t('request.adminOnlyAction'))];", replace: "if (false && !isAdminRole(actor.activeRoleIds)) return [text(t('request.adminOnlyAction'))];" },
    { file: 'src/policy/changePolicy.ts', find: "  return allowedRoles(input, subject, about).some((r) => actor.has(r)) ? true : 'role';", replace: "  return allowedRoles(input, subject, about).some((r) => actor.has(r)) || subject === 'jobTitle' ? true : 'role';" },
  ], cases: 'second line', survives: 'second line, delegated mode' },
  { threat: "delegated: every write carries the acting admin's own token, never the app's", edits: [{ file: 'src/assistant/writerFor.ts', find: '  return ctx.directory.asUser(userId);', replace: '  return ctx.directory;' }], cases: "acting admin's own token" },
  { threat: "secrets: an offboarding's random password is shown to nobody", edits: [{ file: 'src/assistant/applyPlan.ts', find: 'if (ok && !w.hidden) password = candidate;', replace: 'if (ok) password = candidate;' }], cases: 'random password' },
];
