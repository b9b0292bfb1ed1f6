import { randomUUID } from 'node:crypto';
import { MIGRATIONS, migrate } from '../../src/store/migrations';
import type { AuditRecordInput } from '../../src/store/auditLog';
import type { PlanInput } from '../../src/store/planStore';
import type { RequestInput } from '../../src/store/requestStore';
import type { SqlClient } from '../../src/store/sqlClient';
import type { Store } from '../../src/store/store';

/** How one implementation is opened for the contract. Nothing in the suite depends on which one it is. */
export interface StoreHarness {
  /** The store under test; called once per file. */
  open(): Promise<Store>;
  /** Another Store on the same database, as a second bot instance would open it (migrations run again). */
  openSecond(): Promise<Store>;
  /** Empties every table (called before each test). */
  reset(): Promise<void>;
  /** Raw SQL on the same database, to prove what the interface must not allow. Valid after open(). */
  sql(): SqlClient;
}

/** A new PGlite data directory runs initdb: seconds on a laptop, a minute on a loaded CI box. */
export const SETUP_TIMEOUT_MS = 300_000;

const TABLES = ['audit_log', 'plans', 'requests', 'conversation_refs', 'settings', 'card_replacements', 'write_journal', 'user_preferences', 'jobs'];

export async function truncateStoreTables(sql: SqlClient): Promise<void> {
  await sql.query(`TRUNCATE ${TABLES.join(', ')}`);
}

/** `client` for a second Store that must not close it (the first Store owns it). */
export function borrowed(client: SqlClient): SqlClient {
  return { query: (sql, params) => client.query(sql, params), transaction: (fn) => client.transaction(fn), close: async () => undefined };
}

const ALICE = { id: '11111111-1111-4111-8111-111111111111', upn: 'alice@contoso.test' };
const BOB = { id: '22222222-2222-4222-8222-222222222222', upn: 'bob@contoso.test' };
const FATIMA = { id: '33333333-3333-4333-8333-333333333333', upn: 'fatima@contoso.test' };
const PIETER = { id: '44444444-4444-4444-8444-444444444444', upn: 'pieter@contoso.test' };
const UNKNOWN_ID = '99999999-9999-4999-8999-999999999999';

function audit(overrides: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    actorId: ALICE.id, actorUpn: ALICE.upn, targetId: FATIMA.id, targetUpn: FATIMA.upn,
    operation: 'update', property: 'jobTitle', before: 'Analyst', after: 'Head of Data', outcome: 'applied',
    ...overrides,
  };
}

function plan(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    actorId: ALICE.id, targetId: FATIMA.id, conversationId: 'conv-1',
    payload: { items: [{ property: 'jobTitle', after: 'Head of Data' }] },
    expiresAt: inMinutes(15),
    ...overrides,
  };
}

function request(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    requesterId: BOB.id, requesterUpn: BOB.upn, targetId: PIETER.id, targetUpn: PIETER.upn,
    changes: [{ property: 'department', value: 'Finance' }], reason: 'Moved teams',
    effectiveDate: '2025-01-31', planSnapshot: { items: [] }, accountSnapshot: { department: 'Sales' },
    ...overrides,
  };
}

function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The one storage contract, run by every implementation (`pglite.test.ts`, `postgres.test.ts`). */
export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    /** A second instance on the same database, for races between bot instances. */
    let other: Store;

    beforeAll(async () => {
      store = await harness.open();
      other = await harness.openSecond();
    }, SETUP_TIMEOUT_MS);
    afterAll(async () => {
      await other?.close();
      await store?.close();
    });
    beforeEach(() => harness.reset());

    describe('migrations', () => {
      it('are recorded once each, and running them again (even concurrently) applies nothing', async () => {
        expect(await Promise.all([migrate(harness.sql()), migrate(harness.sql()), migrate(harness.sql())])).toEqual([[], [], []]);
        const { rows } = await harness.sql().query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      });
    });

    describe('audit log', () => {
      it('stamps an id and a UTC time when none is given, and returns absent fields as null', async () => {
        const before = Date.now();
        const record = await store.audit.append(audit());
        expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(record.time).toMatch(ISO_UTC);
        expect(Date.parse(record.time)).toBeGreaterThanOrEqual(before - 5_000);
        expect(record).toMatchObject({
          approverId: null, approverUpn: null, reason: null, graphRequestId: null, planId: null,
          requestId: null, conversationId: null, correlationId: null,
        });
      });

      it('keeps every field and JSON shapes as given', async () => {
        const input = audit({
          time: '2025-03-01T10:00:00.000Z', approverId: BOB.id, approverUpn: BOB.upn, operation: 'addToGroup',
          property: null, before: null, after: { groups: ['a', 'b'], count: 2, nested: { ok: true } }, outcome: 'failed',
          reason: 'GRAPH_FORBIDDEN', graphRequestId: 'req-1', planId: 'plan-1', requestId: 'request-1',
          conversationId: 'conv-1', correlationId: 'corr-1',
        });
        const { time, ...rest } = input;
        const stored = await store.audit.append(input);
        expect(stored).toMatchObject({ ...rest, time });
        expect((await store.audit.listForTarget(FATIMA.id, 10))[0]).toEqual(stored);
      });

      it('lists a target newest first, same-time entries in reverse order of appending, within the limit', async () => {
        await store.audit.append(audit({ time: '2025-01-02T00:00:00.000Z', after: 'second' }));
        await store.audit.append(audit({ time: '2025-01-01T00:00:00.000Z', after: 'first' }));
        await store.audit.append(audit({ time: '2025-01-03T00:00:00.000Z', after: 'third-a' }));
        await store.audit.append(audit({ time: '2025-01-03T00:00:00.000Z', after: 'third-b' }));
        await store.audit.append(audit({ targetId: PIETER.id, targetUpn: PIETER.upn, after: 'someone else' }));

        const all = await store.audit.listForTarget(FATIMA.id, 10);
        expect(all.map((r) => r.after)).toEqual(['third-b', 'third-a', 'second', 'first']);
        expect((await store.audit.listForTarget(FATIMA.id, 2)).map((r) => r.after)).toEqual(['third-b', 'third-a']);
        expect(await store.audit.listForTarget(UNKNOWN_ID, 10)).toEqual([]);
      });

      it('lists recent entries of all targets newest first, and a plan oldest first', async () => {
        await store.audit.append(audit({ time: '2025-01-01T00:00:00.000Z', planId: 'p1', after: 'a' }));
        await store.audit.append(audit({ time: '2025-01-03T00:00:00.000Z', targetId: PIETER.id, after: 'c' }));
        await store.audit.append(audit({ time: '2025-01-02T00:00:00.000Z', planId: 'p1', after: 'b' }));

        expect((await store.audit.listRecent(2)).map((r) => r.after)).toEqual(['c', 'b']);
        expect((await store.audit.listForPlan('p1')).map((r) => r.after)).toEqual(['a', 'b']);
        expect(await store.audit.listForPlan('p2')).toEqual([]);
      });

      it("finds the newest applied record of a plan by an actor and/or about a target (undo's look-up)", async () => {
        await store.audit.append(audit({ time: '2025-01-01T00:00:00.000Z', planId: 'p1', after: 'mine, older' }));
        await store.audit.append(audit({ time: '2025-01-02T00:00:00.000Z', planId: 'p2', after: 'mine, newer' }));
        await store.audit.append(audit({ time: '2025-01-03T00:00:00.000Z', planId: 'p3', outcome: 'refused', after: 'refused' }));
        await store.audit.append(audit({ time: '2025-01-04T00:00:00.000Z', requestId: 'r1', after: 'a request' }));
        await store.audit.append(audit({ time: '2025-01-05T00:00:00.000Z', planId: 'p4', actorId: BOB.id, actorUpn: BOB.upn, after: "Bob's" }));
        await store.audit.append(audit({ time: '2025-01-06T00:00:00.000Z', planId: 'p5', targetId: PIETER.id, targetUpn: PIETER.upn, after: 'about Pieter' }));

        expect((await store.audit.latestAppliedPlan({ actorId: BOB.id }))?.planId).toBe('p4');
        expect((await store.audit.latestAppliedPlan({ targetId: FATIMA.id }))?.planId).toBe('p4');
        expect((await store.audit.latestAppliedPlan({ actorId: audit().actorId, targetId: FATIMA.id }))?.planId).toBe('p2');
        expect((await store.audit.latestAppliedPlan({ actorId: audit().actorId }))?.planId).toBe('p5');
        expect(await store.audit.latestAppliedPlan({ actorId: UNKNOWN_ID })).toBeNull();
      });

      it('"undo my last change" skips an undo and a change already undone (undoable)', async () => {
        await store.audit.append(audit({ time: '2025-01-01T00:00:00.000Z', planId: 'p1', after: 'first' }));
        await store.audit.append(audit({ time: '2025-01-02T00:00:00.000Z', planId: 'p2', after: 'second' }));
        // p3 undoes p2: its records carry p2's id as correlationId.
        await store.audit.append(audit({ time: '2025-01-03T00:00:00.000Z', planId: 'p3', after: 'first', reason: 'UNDO', correlationId: 'p2' }));
        // A refused undo of p1 leaves p1 undoable.
        await store.audit.append(audit({ time: '2025-01-04T00:00:00.000Z', planId: 'p4', outcome: 'refused', correlationId: 'p1' }));

        expect((await store.audit.latestAppliedPlan({ actorId: ALICE.id }))?.planId).toBe('p3');
        expect((await store.audit.latestAppliedPlan({ actorId: ALICE.id, undoable: true }))?.planId).toBe('p1');
        expect((await store.audit.latestAppliedPlan({ targetId: FATIMA.id, undoable: true }))?.planId).toBe('p1');
        await store.audit.append(audit({ time: '2025-01-05T00:00:00.000Z', planId: 'p5', reason: 'UNDO', correlationId: 'p1' }));
        expect(await store.audit.latestAppliedPlan({ actorId: ALICE.id, undoable: true })).toBeNull();
      });

      it('is append-only: no method changes an entry, and the table refuses UPDATE and DELETE', async () => {
        const methods = new Set<string>();
        for (let o: object | null = store.audit; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
          for (const key of Object.getOwnPropertyNames(o)) {
            if (key !== 'constructor' && typeof (store.audit as unknown as Record<string, unknown>)[key] === 'function') methods.add(key);
          }
        }
        expect([...methods].sort()).toEqual(['append', 'latestAppliedPlan', 'listForPlan', 'listForTarget', 'listRecent']);

        const record = await store.audit.append(audit());
        await expect(harness.sql().query(`UPDATE audit_log SET outcome = 'noop'`)).rejects.toThrow(/append-only/);
        await expect(harness.sql().query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
        expect(await store.audit.listRecent(10)).toEqual([record]);
      });

      it.each([
        ['password', { before: null, after: { password: 'hunter2' } }],
        ['newPassword', { before: null, after: { newPassword: 'hunter2' } }],
        ['passwordProfile, nested', { before: { user: { passwordProfile: { forceChangePasswordNextSignIn: true } } }, after: null }],
        ['secret, any case', { before: { Secret: 'x' }, after: null }],
        ['token, inside an array', { before: null, after: [{ ok: 1 }, { token: 'eyJ…' }] }],
      ])('refuses a record whose before/after has a key named %s, and stores nothing', async (_, values) => {
        await expect(store.audit.append(audit(values))).rejects.toThrow(/secret/i);
        expect(await store.audit.listRecent(10)).toEqual([]);
      });

      it('accepts secret-looking values and look-alike keys such as passwordPolicies', async () => {
        const record = await store.audit.append(audit({
          property: 'passwordPolicies', before: { passwordPolicies: 'None' }, after: { passwordPolicies: 'DisablePasswordExpiration', note: 'password' },
        }));
        expect(record.after).toEqual({ passwordPolicies: 'DisablePasswordExpiration', note: 'password' });
      });
    });

    describe('plans', () => {
      it('creates an open plan at version 1 and reads it back; unknown or malformed ids are not found', async () => {
        const created = await store.plans.create(plan());
        expect(created).toMatchObject({ actorId: ALICE.id, targetId: FATIMA.id, conversationId: 'conv-1', state: 'open', version: 1 });
        expect(created.createdAt).toMatch(ISO_UTC);
        expect(created).toMatchObject({ claimedAt: null, finishedAt: null, outcome: null });
        expect(await other.plans.get(created.id)).toEqual(created);
        expect(await store.plans.get(UNKNOWN_ID)).toBeNull();
        expect(await store.plans.get("1' OR '1'='1")).toBeNull();
      });

      it('keeps a given id', async () => {
        const created = await store.plans.create(plan({ id: UNKNOWN_ID }));
        expect(created.id).toBe(UNKNOWN_ID);
      });

      it('tells why a claim fails: not found, not the owner, expired, already claimed', async () => {
        const open = await store.plans.create(plan());
        const expired = await store.plans.create(plan({ expiresAt: inMinutes(-1) }));
        expect(await store.plans.claim(UNKNOWN_ID, ALICE.id)).toBe('notFound');
        expect(await store.plans.claim('not-a-uuid', ALICE.id)).toBe('notFound');
        expect(await store.plans.claim(open.id, BOB.id)).toBe('notOwner');
        expect(await store.plans.claim(expired.id, ALICE.id)).toBe('expired');
        expect(await store.plans.claim(open.id, ALICE.id)).toBe('claimed');
        expect(await store.plans.claim(open.id, ALICE.id)).toBe('alreadyClaimed');
        expect(await store.plans.get(open.id)).toMatchObject({ state: 'claimed', version: 2 });
      });

      it('lets exactly one of ten simultaneous claims, from two instances, win', async () => {
        const { id } = await store.plans.create(plan());
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).plans.claim(id, ALICE.id)));
        expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
        expect(results.filter((r) => r === 'alreadyClaimed')).toHaveLength(9);
      });

      it('finishes only a claimed plan, recording the outcome', async () => {
        const { id } = await store.plans.create(plan());
        expect(await store.plans.finish(id, { applied: 1 }, 'applied')).toBeNull();
        await store.plans.claim(id, ALICE.id);
        const finished = await store.plans.finish(id, { applied: 1, failed: 1 }, 'partial');
        expect(finished).toMatchObject({ state: 'partial', outcome: { applied: 1, failed: 1 } });
        expect(finished?.finishedAt).toMatch(ISO_UTC);
        expect(await store.plans.finish(id, {}, 'failed')).toBeNull();
        expect(await store.plans.finish(UNKNOWN_ID, {}, 'failed')).toBeNull();
      });

      it('cancels an open plan of its owner only; a cancelled plan cannot be claimed', async () => {
        const { id } = await store.plans.create(plan());
        expect(await store.plans.cancel(id, BOB.id)).toBe('notOwner');
        expect(await store.plans.cancel(UNKNOWN_ID, ALICE.id)).toBe('notFound');
        expect(await store.plans.cancel(id, ALICE.id)).toBe('cancelled');
        expect(await store.plans.cancel(id, ALICE.id)).toBe('alreadyClaimed');
        expect(await store.plans.claim(id, ALICE.id)).toBe('alreadyClaimed');
        expect(await store.plans.get(id)).toMatchObject({ state: 'cancelled' });
      });

      it('does not cancel a plan already claimed for Apply, from either instance: it stays claimed and can be finished', async () => {
        const { id } = await store.plans.create(plan());
        expect(await store.plans.claim(id, ALICE.id)).toBe('claimed');
        expect(await store.plans.cancel(id, ALICE.id)).toBe('alreadyClaimed');
        expect(await other.plans.cancel(id, ALICE.id)).toBe('alreadyClaimed');
        expect(await store.plans.get(id)).toMatchObject({ state: 'claimed', version: 2, finishedAt: null });
        expect(await store.plans.finish(id, { applied: 1 }, 'applied')).toMatchObject({ state: 'applied' });
      });

      it('replaces the payload only at the expected version, once among racing re-plans', async () => {
        const created = await store.plans.create(plan());
        const later = inMinutes(30);
        const [a, b] = await Promise.all([
          store.plans.updatePayload(created.id, { v: 'a' }, 1, later),
          other.plans.updatePayload(created.id, { v: 'b' }, 1),
        ]);
        const winners = [a, b].filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        const loser = [a, b].find((r) => !r.ok);
        expect(loser).toEqual({ ok: false, current: await store.plans.get(created.id) });
        expect(await store.plans.get(created.id)).toMatchObject({ version: 2 });

        expect(await store.plans.updatePayload(created.id, { v: 'stale' }, 1)).toMatchObject({ ok: false, current: { version: 2 } });
        const replanned = await store.plans.updatePayload(created.id, { v: 'c' }, 2, later);
        expect(replanned).toMatchObject({ ok: true, plan: { payload: { v: 'c' }, version: 3, expiresAt: later } });
        await store.plans.claim(created.id, ALICE.id);
        expect(await store.plans.updatePayload(created.id, { v: 'd' }, 4)).toMatchObject({ ok: false, current: { state: 'claimed' } });
        expect(await store.plans.updatePayload(UNKNOWN_ID, {}, 1)).toEqual({ ok: false, current: null });
      });
    });

    describe('requests', () => {
      it('creates a pending request at version 1 with every field, the date as YYYY-MM-DD', async () => {
        const input = request({ cardRefs: [{ activityId: 'a1', conversation: { id: 'c1' } }] });
        const created = await store.requests.create(input);
        const { id: _id, ...fields } = input;
        expect(created).toMatchObject({
          ...fields, state: 'pending', version: 1, decidedAt: null, decidedById: null, decidedByUpn: null,
          decisionComment: null, outcome: null,
        });
        expect(created.effectiveDate).toBe('2025-01-31');
        expect(created.createdAt).toMatch(ISO_UTC);
        expect(await other.requests.get(created.id)).toEqual(created);
        expect(await store.requests.get(UNKNOWN_ID)).toBeNull();
        expect(await store.requests.get('nope')).toBeNull();
      });

      it('keeps a missing effective date and snapshots as null', async () => {
        const created = await store.requests.create(request({ effectiveDate: null, planSnapshot: null, accountSnapshot: null, reason: null }));
        expect(created).toMatchObject({ effectiveDate: null, planSnapshot: null, accountSnapshot: null, reason: null, cardRefs: null });
      });

      it('lists a requester’s requests newest first, and pending requests oldest first', async () => {
        const first = await store.requests.create(request());
        await sleep(5);
        const second = await store.requests.create(request());
        await sleep(5);
        const third = await store.requests.create(request());
        // PGlite's clock counts milliseconds: two inserts within one would tie, and ties go by random id.
        await sleep(5);
        await store.requests.create(request({ requesterId: ALICE.id, requesterUpn: ALICE.upn }));
        await store.requests.transition(second.id, ['pending'], 'rejected');

        expect((await store.requests.listByRequester(BOB.id, 10)).map((r) => r.id)).toEqual([third.id, second.id, first.id]);
        expect((await store.requests.listByRequester(BOB.id, 1)).map((r) => r.id)).toEqual([third.id]);
        const pending = await store.requests.listPending(10);
        expect(pending.map((r) => r.id).slice(0, 2)).toEqual([first.id, third.id]);
        expect(pending.every((r) => r.state === 'pending')).toBe(true);
        expect(pending).toHaveLength(3);
      });

      it('moves a request from an allowed state, recording the decision and the outcome', async () => {
        const { id } = await store.requests.create(request());
        const approved = await store.requests.transition(id, ['pending'], 'approved', {
          decision: { byId: ALICE.id, byUpn: ALICE.upn, comment: 'ok' },
        });
        expect(approved).toMatchObject({
          ok: true, request: { state: 'approved', version: 2, decidedById: ALICE.id, decidedByUpn: ALICE.upn, decisionComment: 'ok' },
        });
        const decidedAt = approved.ok ? approved.request.decidedAt : null;
        expect(decidedAt).toMatch(ISO_UTC);

        const applied = await store.requests.transition(id, ['approved'], 'partlyApplied', { outcome: { applied: ['department'], failed: [] } });
        expect(applied).toMatchObject({
          ok: true, request: { state: 'partlyApplied', version: 3, decidedById: ALICE.id, decidedAt, outcome: { applied: ['department'], failed: [] } },
        });
      });

      it('refuses a transition from another state and returns the current row', async () => {
        const { id } = await store.requests.create(request());
        const result = await store.requests.transition(id, ['approved'], 'applied');
        expect(result).toMatchObject({ ok: false, current: { id, state: 'pending', version: 1 } });
        expect(await store.requests.transition(UNKNOWN_ID, ['pending'], 'approved')).toEqual({ ok: false, current: null });
      });

      it('lets exactly one of an approval and a rejection racing from two instances win; the loser sees who decided', async () => {
        for (let round = 0; round < 5; round++) {
          const { id } = await store.requests.create(request());
          const [approve, reject] = await Promise.all([
            store.requests.transition(id, ['pending'], 'approved', { decision: { byId: ALICE.id, byUpn: ALICE.upn } }),
            other.requests.transition(id, ['pending'], 'rejected', { decision: { byId: FATIMA.id, byUpn: FATIMA.upn, comment: 'no' } }),
          ]);
          expect([approve.ok, reject.ok].filter(Boolean)).toHaveLength(1);
          const winner = approve.ok ? approve.request : reject.ok ? reject.request : null;
          const loser = approve.ok ? reject : approve;
          expect(loser).toEqual({ ok: false, current: winner });
          expect(winner?.version).toBe(2);
        }
      });

      it('expires old pending requests once, even with two instances sweeping at the same time', async () => {
        const old = await Promise.all([1, 2, 3, 4, 5, 6].map(() => store.requests.create(request())));
        const decided = await store.requests.create(request());
        await store.requests.transition(decided.id, ['pending'], 'approved');
        const cutoff = new Date(Math.max(...[...old, decided].map((r) => Date.parse(r.createdAt))) + 1);
        await sleep(20);
        const fresh = await store.requests.create(request());

        const [a, b] = await Promise.all([store.requests.expireOlderThan(cutoff), other.requests.expireOlderThan(cutoff)]);
        const expired = [...a, ...b];
        expect(expired.map((r) => r.id).sort()).toEqual(old.map((r) => r.id).sort());
        expect(expired.every((r) => r.state === 'expired' && r.version === 2 && r.decidedAt !== null)).toBe(true);
        expect(await store.requests.get(fresh.id)).toMatchObject({ state: 'pending' });
        expect(await store.requests.get(decided.id)).toMatchObject({ state: 'approved' });
        expect(await store.requests.expireOlderThan(cutoff)).toEqual([]);
      });

      it('replans a pending request only at the version the approver saw', async () => {
        const created = await store.requests.create(request());
        const plan = { items: [{ kind: 'cloud', property: 'department' }] };
        const first = await store.requests.replan(created.id, created.version, plan, { department: 'Sales' });
        expect(first).toMatchObject({ ok: true, request: { planSnapshot: plan, accountSnapshot: { department: 'Sales' }, version: 2 } });
        // A second approver working from the old version loses, and sees the current row.
        const stale = await store.requests.replan(created.id, created.version, {}, {});
        expect(stale).toMatchObject({ ok: false, current: { version: 2, planSnapshot: plan } });
        await store.requests.transition(created.id, ['pending'], 'rejected');
        expect(await store.requests.replan(created.id, 3, {}, {})).toMatchObject({ ok: false, current: { state: 'rejected' } });
        expect(await store.requests.replan(UNKNOWN_ID, 1, {}, {})).toEqual({ ok: false, current: null });
      });

      it('replaces the approval card references', async () => {
        const { id } = await store.requests.create(request());
        const refs = [{ activityId: 'a1', conversation: { id: '19:abc@thread.tacv2' } }, { activityId: 'a2' }];
        expect(await store.requests.setCardRefs(id, refs)).toMatchObject({ cardRefs: refs, version: 2 });
        expect(await store.requests.get(id)).toMatchObject({ cardRefs: refs });
        expect(await store.requests.setCardRefs(UNKNOWN_ID, refs)).toBeNull();
      });
    });

    describe('conversation references', () => {
      const ref = (conversationId: string) => ({ conversation: { id: conversationId }, serviceUrl: 'https://smba.example/', bot: { id: 'b' } });

      it('saves a reference per user, replacing the previous one, found by user and by conversation', async () => {
        expect(await store.conversations.getForUser(ALICE.id)).toBeNull();
        await store.conversations.save(ALICE.id, ref('a:1'));
        await store.conversations.save(ALICE.id, ref('a:2'));
        await other.conversations.save(BOB.id, ref('b:1'));

        expect(await store.conversations.getForUser(ALICE.id)).toMatchObject({ userId: ALICE.id, conversationId: 'a:2', ref: ref('a:2') });
        expect(await store.conversations.getForConversation('b:1')).toMatchObject({ userId: BOB.id, ref: ref('b:1') });
        expect(await store.conversations.getForConversation('a:1')).toBeNull();
      });

      it('keeps a reference without a conversation id', async () => {
        const withoutConversation = { conversation: undefined, serviceUrl: 'x' };
        await store.conversations.save(ALICE.id, withoutConversation);
        expect(await store.conversations.getForUser(ALICE.id)).toMatchObject({ conversationId: null, ref: { serviceUrl: 'x' } });
      });
    });

    describe('card replacements', () => {
      const replacement = (delayMs: number, activityId = 'a1') => ({ conversation: { conversation: { id: 'c1' } }, activityId, card: { type: 'AdaptiveCard', body: [] }, delayMs });
      const stored = async () => (await harness.sql().query<{ id: string }>('SELECT id FROM card_replacements ORDER BY due_at')).rows.map((r) => r.id);

      it('claims one by id whatever its due time, once until the lease runs out', async () => {
        const id = await store.cardReplacements.schedule(replacement(60_000));
        const claimed = await store.cardReplacements.claim(id, 60_000);
        expect(claimed).toEqual({ id, conversation: { conversation: { id: 'c1' } }, activityId: 'a1', card: { type: 'AdaptiveCard', body: [] }, attempts: 1, claimToken: expect.any(String) });
        expect(await other.cardReplacements.claim(id, 60_000)).toBeNull();
        expect(await store.cardReplacements.claim('not-a-uuid', 60_000)).toBeNull();
      });

      it('lets a claim whose lease ran out be claimed again; the late worker can then neither put it back nor remove it', async () => {
        const id = await store.cardReplacements.schedule(replacement(0));
        const late = (await store.cardReplacements.claim(id, 1))!;
        await sleep(20);
        const current = (await other.cardReplacements.claim(id, 60_000))!;
        expect(current).toMatchObject({ id, attempts: 2 });
        await store.cardReplacements.retryLater(late, -1_000);
        await store.cardReplacements.remove(late);
        expect(await stored()).toEqual([id]);
        expect(await store.cardReplacements.claimDue(10, 60_000)).toEqual([]); // still the other's
        await other.cardReplacements.remove(current);
        expect(await stored()).toEqual([]);
      });

      it('claims due ones only, oldest first, each for one instance when two sweep at once', async () => {
        const later = await store.cardReplacements.schedule(replacement(60_000, 'later'));
        const first = await store.cardReplacements.schedule(replacement(-2_000, 'first'));
        const second = await store.cardReplacements.schedule(replacement(-1_000, 'second'));
        const [mine, theirs] = await Promise.all([store.cardReplacements.claimDue(10, 60_000), other.cardReplacements.claimDue(10, 60_000)]);
        const ids = [...mine, ...theirs].map((r) => r.id);
        expect(ids.sort()).toEqual([first, second].sort());
        expect(ids).not.toContain(later);
        expect((await store.cardReplacements.claimDue(10, 60_000)).map((r) => r.id)).toEqual([]);
        const third = await store.cardReplacements.schedule(replacement(-3_000, 'third'));
        const fourth = await store.cardReplacements.schedule(replacement(-500, 'fourth'));
        expect((await store.cardReplacements.claimDue(1, 60_000)).map((r) => r.id)).toEqual([third]);
        expect((await store.cardReplacements.claimDue(1, 60_000)).map((r) => r.id)).toEqual([fourth]);
      });

      it('puts a failed one back as due later and free to claim; removes one that is done', async () => {
        const id = await store.cardReplacements.schedule(replacement(-1_000));
        const claimed = (await store.cardReplacements.claim(id, 60_000))!;
        await store.cardReplacements.retryLater(claimed, 60_000);
        expect(await store.cardReplacements.claimDue(10, 60_000)).toEqual([]);
        const again = (await store.cardReplacements.claim(id, 60_000))!;
        await store.cardReplacements.retryLater(again, -1);
        const [due] = await store.cardReplacements.claimDue(10, 60_000);
        expect(due).toMatchObject({ id, attempts: 3 });
        await store.cardReplacements.remove(due);
        expect(await stored()).toEqual([]);
      });

      it('refuses to keep a card with a secret-named key', async () => {
        await expect(store.cardReplacements.schedule({ ...replacement(0), card: { body: [{ password: 'x' }] } })).rejects.toThrow(/secret-named key/);
        expect(await stored()).toEqual([]);
      });
    });

    describe('write journal', () => {
      const INTENT = { target: FATIMA.id, items: ['jobTitle'] };

      it('records the intent with the claim: one claim of racing instances gets the entry, the plan is claimed', async () => {
        const p = await store.plans.create(plan());
        const results = await Promise.all([store.journal.beginPlan(p.id, ALICE.id, INTENT, 60_000), other.journal.beginPlan(p.id, ALICE.id, INTENT, 60_000)]);
        expect(results.map((r) => r.claim).sort()).toEqual(['alreadyClaimed', 'claimed']);
        const entry = results.find((r) => r.entry)!.entry!;
        expect(entry).toMatchObject({ subjectKind: 'plan', subjectId: p.id, intent: INTENT, state: 'writing', attempts: 0 });
        expect((await store.plans.get(p.id))?.state).toBe('claimed');
        expect(await store.journal.get(p.id)).toEqual(entry);
        // Not the owner, or expired: no entry.
        const q = await store.plans.create(plan());
        expect(await store.journal.beginPlan(q.id, BOB.id, INTENT, 60_000)).toEqual({ claim: 'notOwner', entry: null });
      });

      it('finishes once: the outcome, the audit records and the entry in one transaction, only with its token', async () => {
        const p = await store.plans.create(plan());
        const { entry } = await store.journal.beginPlan(p.id, ALICE.id, INTENT, 60_000);
        const records = [audit({ planId: p.id })];
        expect(await store.journal.finish(entry!.id, UNKNOWN_ID, { kind: 'plan', state: 'applied', outcome: [] }, records)).toBe('lost');
        expect(await store.journal.finish(entry!.id, entry!.leaseToken, { kind: 'plan', state: 'applied', outcome: [{ ok: true }] }, records)).toBe('finished');
        expect(await other.journal.finish(entry!.id, entry!.leaseToken, { kind: 'plan', state: 'applied', outcome: [] }, records)).toBe('lost');
        expect(await store.audit.listForPlan(p.id)).toHaveLength(1);
        expect(await store.plans.get(p.id)).toMatchObject({ state: 'applied', outcome: [{ ok: true }] });
        expect(await store.journal.get(p.id)).toMatchObject({ state: 'done', outcome: [{ ok: true }] });
      });

      it('a lease that ran out is taken over by one instance with a new token; the old holder can no longer finish', async () => {
        const p = await store.plans.create(plan());
        const { entry } = await store.journal.beginPlan(p.id, ALICE.id, INTENT, 1);
        await sleep(20);
        const [mine, theirs] = await Promise.all([store.journal.claimAbandoned(10, 60_000), other.journal.claimAbandoned(10, 60_000)]);
        const taken = [...mine, ...theirs];
        expect(taken).toHaveLength(1);
        expect(taken[0]).toMatchObject({ subjectId: p.id, attempts: 1 });
        expect(taken[0].leaseToken).not.toBe(entry!.leaseToken);
        expect(await store.journal.claimAbandoned(10, 60_000)).toEqual([]);
        expect(await store.journal.finish(entry!.id, entry!.leaseToken, { kind: 'plan', state: 'applied', outcome: [] }, [audit()])).toBe('lost');
        expect(await store.journal.finish(entry!.id, taken[0].leaseToken, { kind: 'plan', state: 'failed', outcome: [] }, [audit({ planId: p.id })])).toBe('finished');
        expect(await store.audit.listForPlan(p.id)).toHaveLength(1);
      });

      it('extends a held lease; records an approval with its decision', async () => {
        const r = await store.requests.create(request());
        const { decided, entry } = await store.journal.beginApproval(r.id, { decision: { byId: ALICE.id, byUpn: ALICE.upn } }, INTENT, 1);
        expect(decided.ok && decided.request.state).toBe('approved');
        expect(await store.journal.extend(entry!.id, entry!.leaseToken, 60_000)).toBe(true);
        await sleep(20);
        expect(await store.journal.claimAbandoned(10, 60_000)).toEqual([]);
        expect((await store.journal.beginApproval(r.id, {}, INTENT, 60_000)).entry).toBeNull();
        expect(await store.journal.finish(entry!.id, entry!.leaseToken, { kind: 'request', state: 'applied', outcome: {} }, [audit({ requestId: r.id })])).toBe('finished');
        expect((await store.requests.get(r.id))?.state).toBe('applied');
      });

      it('claims an approved, scheduled request once across instances; an approval applied at once is never claimed again', async () => {
        const pending = await store.requests.create(request());
        expect(await store.journal.beginScheduled(pending.id, INTENT, 60_000)).toBeNull();
        const r = await store.requests.create(request());
        await store.requests.transition(r.id, ['pending'], 'approved', { decision: { byId: ALICE.id, byUpn: ALICE.upn }, outcome: { scheduled: { jobId: 'j' } } });
        const [mine, theirs] = await Promise.all([store.journal.beginScheduled(r.id, INTENT, 60_000), other.journal.beginScheduled(r.id, INTENT, 60_000)]);
        const entries = [mine, theirs].filter((e) => e !== null);
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ subjectKind: 'request', subjectId: r.id, intent: INTENT, state: 'writing' });
        expect(await store.journal.beginScheduled(r.id, INTENT, 60_000)).toBeNull();
        // Claimed: it can no longer be cancelled; its writer finishes it.
        expect(await store.journal.closeScheduled(r.id, 'cancelled', {})).toMatchObject({ ok: false, current: { state: 'approved' } });
        expect(await store.journal.finish(entries[0]!.id, entries[0]!.leaseToken, { kind: 'request', state: 'applied', outcome: {} }, [audit({ requestId: r.id })])).toBe('finished');
        expect((await store.requests.get(r.id))?.state).toBe('applied');
        const immediate = await store.requests.create(request());
        await store.journal.beginApproval(immediate.id, { decision: { byId: ALICE.id, byUpn: ALICE.upn } }, INTENT, 60_000);
        expect(await store.journal.beginScheduled(immediate.id, INTENT, 60_000)).toBeNull();
        expect((await store.journal.closeScheduled(immediate.id, 'failed', {})).ok).toBe(false);
        expect(await store.journal.beginScheduled(UNKNOWN_ID, INTENT, 60_000)).toBeNull();
      });

      it('closes an unclaimed scheduled request once, racing a claim: one wins', async () => {
        const r = await store.requests.create(request());
        await store.requests.transition(r.id, ['pending'], 'approved', { decision: { byId: ALICE.id, byUpn: ALICE.upn } });
        const [closed, entry] = await Promise.all([
          other.journal.closeScheduled(r.id, 'cancelled', { decision: { byId: BOB.id, byUpn: BOB.upn }, outcome: { reason: 'cancelled' } }),
          store.journal.beginScheduled(r.id, INTENT, 60_000),
        ]);
        expect(closed.ok).toBe(entry === null);
        if (closed.ok) {
          expect(closed.request).toMatchObject({ state: 'cancelled', decidedById: BOB.id, outcome: { reason: 'cancelled' } });
          expect(await store.journal.beginScheduled(r.id, INTENT, 60_000)).toBeNull();
        } else {
          expect((await store.requests.get(r.id))?.state).toBe('approved');
        }
        expect(await store.journal.closeScheduled(UNKNOWN_ID, 'failed', {})).toEqual({ ok: false, current: null });
      });
    });

    describe('user preferences', () => {
      it('remembers the last language and time zone, and a null keeps what was known', async () => {
        expect(await store.preferences.get('u1')).toBeNull();
        await store.preferences.remember('u1', { language: 'nl', timeZone: 'Europe/Amsterdam' });
        await other.preferences.remember('u1', { language: 'en', timeZone: null });
        expect(await store.preferences.get('u1')).toMatchObject({ language: 'en', timeZone: 'Europe/Amsterdam' });
        expect(await store.preferences.remember('u1', { language: null, timeZone: 'Asia/Tokyo' })).toMatchObject({ language: 'en', timeZone: 'Asia/Tokyo' });
        expect(await store.preferences.get('u1')).toMatchObject({ language: 'en', timeZone: 'Asia/Tokyo' });
        // Saying again what is stored writes nothing, and answers with the row (another instance's language included).
        const before = (await store.preferences.get('u1'))!.updatedAt;
        expect(await other.preferences.remember('u1', { language: 'en', timeZone: null })).toMatchObject({ language: 'en', timeZone: 'Asia/Tokyo', updatedAt: before });
        expect(await store.preferences.get('u2')).toBeNull();
      });

      it('refuses a language it cannot speak', async () => {
        await expect(store.preferences.remember('u3', { language: 'fr' as never, timeZone: null })).rejects.toThrow();
      });
    });

    describe('jobs', () => {
      const past = () => new Date(Date.now() - 1_000).toISOString();
      const later = () => new Date(Date.now() + 3_600_000).toISOString();

      it('claims a due job once across instances, and only when due', async () => {
        const due = await store.jobs.add({ kind: 'k1', dueAt: past(), payload: { n: 1 }, ownerId: 'alice' });
        await store.jobs.add({ kind: 'k1', dueAt: later(), payload: { n: 2 } });
        const [a, b] = await Promise.all([store.jobs.claimDue(['k1'], 10, 60_000), other.jobs.claimDue(['k1'], 10, 60_000)]);
        expect([...a, ...b].map((j) => j.id)).toEqual([due.id]);
        const [job] = [...a, ...b];
        expect(job).toMatchObject({ kind: 'k1', payload: { n: 1 }, ownerId: 'alice', attempts: 1, state: 'pending' });
        expect(await store.jobs.finish(job, 'done', { ok: true })).toBe(true);
        expect(await other.jobs.finish(job, 'failed', {})).toBe(false);
        expect(await store.jobs.get(due.id)).toMatchObject({ state: 'done', outcome: { ok: true } });
      });

      it('a crashed holder\'s job is claimed again once its lease runs out; the late holder cannot finish it', async () => {
        const added = await store.jobs.add({ kind: 'k2', dueAt: past(), payload: {} });
        const [first] = await store.jobs.claimDue(['k2'], 1, 20);
        expect(await other.jobs.claimDue(['k2'], 1, 60_000)).toEqual([]);
        await new Promise((r) => setTimeout(r, 40));
        const [second] = await other.jobs.claimDue(['k2'], 1, 60_000);
        expect(second.id).toBe(added.id);
        expect(second.attempts).toBe(2);
        expect(await store.jobs.finish(first, 'done', {})).toBe(false);
        expect(await other.jobs.finish(second, 'done', {})).toBe(true);
      });

      it('reschedules with a new payload, and lists and cancels by owner', async () => {
        const added = await store.jobs.add({ kind: 'k3', dueAt: past(), payload: { look: 1 }, ownerId: 'bob' });
        const [job] = await store.jobs.claimDue(['k3'], 1, 60_000);
        expect(await store.jobs.cancel(added.id, 'bob')).toBe('running');
        expect(await store.jobs.reschedule(job, later(), { look: 2 })).toBe(true);
        expect(await store.jobs.get(added.id)).toMatchObject({ attempts: 0 }); // a decision: the count of claims starts again
        expect(await store.jobs.claimDue(['k3'], 1, 60_000)).toEqual([]);
        expect((await store.jobs.listByOwner('bob', 'k3', ['pending'], 10)).map((j) => j.payload)).toEqual([{ look: 2 }]);
        expect(await store.jobs.cancel(added.id, 'mallory')).toBe('notOwner');
        expect(await store.jobs.cancel(added.id, 'bob')).toBe('cancelled');
        expect(await store.jobs.cancel(added.id, 'bob')).toBe('finished');
        expect(await store.jobs.cancel('not-a-uuid', 'bob')).toBe('notFound');
      });

      it('adds a job with a given id once: adding it again returns the job already there', async () => {
        const id = randomUUID();
        const first = await store.jobs.add({ id, kind: 'k6', dueAt: past(), payload: { n: 1 }, ownerId: 'erin' });
        const again = await store.jobs.add({ id, kind: 'k6', dueAt: past(), payload: { n: 2 }, ownerId: 'erin' });
        expect(again).toMatchObject({ id, payload: { n: 1 } });
        expect(first.id).toBe(id);
        expect(await store.jobs.claimDue(['k6'], 5, 60_000)).toHaveLength(1);
      });

      it('records a holder\'s progress and extends its lease; a holder that lost its lease records nothing', async () => {
        const added = await store.jobs.add({ kind: 'k5', dueAt: past(), payload: { done: 0 }, ownerId: 'dave' });
        const [job] = await store.jobs.claimDue(['k5'], 1, 30);
        expect(await store.jobs.progress(job, { done: 20 }, 60_000)).toBe(true);
        await new Promise((r) => setTimeout(r, 60));
        // The lease was extended: nobody else may claim it yet.
        expect(await store.jobs.claimDue(['k5'], 1, 60_000)).toEqual([]);
        expect(await store.jobs.get(added.id)).toMatchObject({ payload: { done: 20 }, attempts: 1 });
        const stale = { ...job, leaseToken: randomUUID() };
        expect(await store.jobs.progress(stale, { done: 40 }, 60_000)).toBe(false);
        expect(await store.jobs.finish(job, 'done', { done: 20 })).toBe(true);
        expect(await store.jobs.progress(job, { done: 60 }, 60_000)).toBe(false);
      });

      it('prunes finished jobs last changed before a time, never a pending one', async () => {
        const kinds = ['k4'];
        const [done, failed, cancelled, pending] = await Promise.all([0, 1, 2, 3].map((n) => store.jobs.add({ kind: 'k4', dueAt: new Date(Date.now() - 10_000 + n * 100).toISOString(), payload: { n }, ownerId: 'carol' })));
        const claimed = await store.jobs.claimDue(kinds, 2, 60_000);
        const byId = (id: string) => claimed.find((j) => j.id === id)!;
        expect(claimed.map((j) => j.id).sort()).toEqual([done.id, failed.id].sort());
        await store.jobs.finish(byId(done.id), 'done', {});
        await store.jobs.finish(byId(failed.id), 'failed', {});
        await store.jobs.cancel(cancelled.id, 'carol');
        await sleep(20);
        const cutoff = new Date().toISOString();
        await sleep(20);
        const fresh = await store.jobs.add({ kind: 'k4', dueAt: past(), payload: {}, ownerId: 'carol' });
        await store.jobs.cancel(fresh.id, 'carol');

        expect(await store.jobs.prune(new Date(Date.parse(cutoff) - 60_000).toISOString())).toBe(0);
        expect(await other.jobs.prune(cutoff)).toBe(3);
        expect(await store.jobs.get(done.id)).toBeNull();
        expect(await store.jobs.get(failed.id)).toBeNull();
        expect(await store.jobs.get(cancelled.id)).toBeNull();
        expect(await store.jobs.get(pending.id)).toMatchObject({ state: 'pending' });
        expect(await store.jobs.get(fresh.id)).toMatchObject({ state: 'cancelled' });
      });
    });

    describe('settings', () => {
      it('returns undefined for a key never set, and the last value set otherwise', async () => {
        expect(await store.settings.get('approvalsChannel')).toBeUndefined();
        await store.settings.set('approvalsChannel', { teamId: 't', channelId: 'c' });
        await other.settings.set('approvalsChannel', { teamId: 't', channelId: 'c2' });
        expect(await store.settings.get('approvalsChannel')).toEqual({ teamId: 't', channelId: 'c2' });
      });

      it('claims a key once across instances, and again after it is set to null', async () => {
        const results = await Promise.all([store.settings.claim('welcomed:c1', { at: 'a' }), other.settings.claim('welcomed:c1', { at: 'b' })]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.settings.claim('welcomed:c1', { at: 'c' })).toBe(false);
        await store.settings.set('welcomed:c1', null);
        expect(await other.settings.claim('welcomed:c1', { at: 'd' })).toBe(true);
        expect(await store.settings.get('welcomed:c1')).toEqual({ at: 'd' });
      });

      it.each([['a string', 'x'], ['a number', 42], ['false', false], ['null', null], ['an array', [1, 'two']]])(
        'round-trips %s',
        async (_, value) => {
          await store.settings.set('k', value);
          expect(await store.settings.get('k')).toEqual(value);
        },
      );
    });
  });
}
