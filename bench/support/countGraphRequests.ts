/**
 * Microsoft Graph round trips per operation, counted in the emulator's request log through whole bot turns
 * (messages and card actions over HTTP), beside the fewest the operation can cost and why. Graph throttles per
 * app and tenant, and every round trip is latency the user waits for: requests are the bot's real cost.
 *
 * Each operation runs twice; the second run is the one reported, as in a working day: the caller's directory roles
 * (for turns that only read), the licence list and the approvers are cached by then (each with a bounded age).
 * A target's roles are never cached, and the caller's are read again before every write.
 */
import { openStoreOn } from '../../src/store/openStore';
import { PgliteClient } from '../../src/store/pgliteClient';
import { cardOf, people, startHarness, type Harness } from '../../test/support/botHarness';
import { CountingSqlClient } from './countingSqlClient';

const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // manages Milan Kowalski; no admin role
const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691'; // User Administrator

interface Count {
  reads: number;
  writes: number;
  /** The store's statements in the step, as "INSERT plans" (the embedded store, as `npm start` has it by default). */
  statements: string[];
}

interface Step {
  label: string;
  fewest: [reads: number, writes: number];
  why: string;
}

interface Operation {
  name: string;
  steps: Step[];
  /** Runs the steps in order, each inside `measure(label, …)`. */
  run(h: Harness, measure: Measure): Promise<void>;
  /** Puts the tenant back, so that the measured run plans the same change again (not counted). */
  undo?(h: Harness): Promise<void>;
  /** Its Apply hands a part to AD, which the post-sync watcher then watches (a job): it uses the watcher. */
  watched?: true;
}

type Measure = <T>(label: string, action: () => Promise<T>) => Promise<T>;

const planIdOf = (x: unknown) => JSON.stringify(x).match(/"planId":"([^"]+)"/)?.[1];
const requestIdOf = (x: unknown) => JSON.stringify(x).match(/"requestId":"([^"]+)"/)?.[1];

/** A change said by Daan and applied from its confirmation card: the plan turn, then Apply. */
function change(name: string, message: string, fewest: { plan: [number, number]; apply: [number, number]; why: [string, string] }, undo?: string): Operation {
  const steps: Step[] = [
    { label: 'plan', fewest: fewest.plan, why: fewest.why[0] },
    { label: 'apply', fewest: fewest.apply, why: fewest.why[1] },
  ];
  return {
    name,
    steps,
    async run(h, measure) {
      const [reply] = await measure('plan', () => h.say(message));
      const planId = planIdOf(reply.activity);
      if (!planId) throw new Error(`"${message}" answered without a confirmation card: ${JSON.stringify(reply.activity).slice(0, 300)}`);
      await measure('apply', () => h.act('change.apply', { planId }));
    },
    undo: undo ? (h) => sayAndApply(h, undo) : undefined,
  };
}

async function sayAndApply(h: Harness, message: string): Promise<void> {
  const [reply] = await h.say(message);
  const planId = planIdOf(reply.activity);
  if (planId) await h.act('change.apply', { planId });
}

const BY_NAME = 'the account by name (one $filter)';
const REREAD = 're-read the account (it may have changed since the card)';
/** Read fresh for every plan, Apply and decision: never cached (a role given a minute ago protects now). */
const TARGET_ROLES = "the target's roles: role assignments, role-assignable memberships and PIM eligibilities in one $batch";
/**
 * Before every write the caller's roles are read again (a role taken away stops working at the next click), at the
 * same moment as the target's: the two people's lists share one $batch (CoalescedListReads).
 */
const BOTH_ROLES = "the caller's roles again and the target's (role assignments, role-assignable memberships, PIM eligibilities), both people in one $batch";

const OPERATIONS: Operation[] = [
  {
    name: 'show (by name)',
    steps: [{ label: 'message', fewest: [1, 0], why: `${BY_NAME}, its manager expanded into the same request` }],
    run: async (h, measure) => void (await measure('message', () => h.say('show Fatima Zahra'))),
  },
  {
    name: 'sync status',
    steps: [{ label: 'message', fewest: [1, 0], why: BY_NAME }],
    run: async (h, measure) => void (await measure('message', () => h.say('is Kenji Watanabe synced?'))),
  },
  change('one property, cloud-only', 'set the job title of Noah Peeters to Platform Lead', {
    plan: [2, 0], apply: [2, 1], why: [`${BY_NAME}; ${TARGET_ROLES}`, `${REREAD}; ${BOTH_ROLES}; one PATCH`],
  }, 'set the job title of Noah Peeters to Software Engineer'),
  { ...change('change on a synced account', "set Fatima's title to Head of Data and usage location to Japan", {
    plan: [2, 0], apply: [2, 1], why: [`${BY_NAME}; ${TARGET_ROLES}`, `${REREAD}; ${BOTH_ROLES}; one PATCH (the title is AD's: PowerShell, no call; the sync watcher's job, already there from the first run, looked up)`],
  }, 'set the usage location of fatima.zahra@fabrikam.nl to NL'), watched: true },
  {
    name: 'manager request and its approval',
    steps: [
      { label: 'form', fewest: [1, 0], why: "the manager's direct reports, for the form" },
      { label: 'submit', fewest: [2, 0], why: `the report with its manager expanded (proves it is hers); ${TARGET_ROLES}, to send it only to approvers who may decide it (theirs cached)` },
      { label: 'approve', fewest: [3, 1], why: `the account with its manager (still her report?); the approver's roles (one $batch); ${TARGET_ROLES}; one PATCH` },
    ],
    async run(h, measure) {
      await measure('form', () => h.say('request a change', noor));
      // Always a real change: the other department than the one Milan has now.
      const value = h.emulator.state.getUser(people.milan)?.department === 'Support' ? 'Customer Service' : 'Support';
      const submitted = await measure('submit', () => h.act('request.submit', { reportId: people.milan, property: 'department', value, reason: 'Moved team', effectiveDate: '' }, noor));
      const requestId = requestIdOf(submitted.body);
      if (!requestId) throw new Error(`the request was not stored: ${JSON.stringify(submitted.body).slice(0, 300)}`);
      const approved = await measure('approve', () => h.act('request.approve', { requestId }, people.daan));
      if (!/and applied/.test(JSON.stringify(approved.body))) throw new Error(`the approval was not applied: ${JSON.stringify(approved.body).slice(0, 300)}`);
    },
  },
  {
    name: 'ambiguous name ("show Tom")',
    steps: [
      { label: 'message', fewest: [1, 0], why: 'the name: two Toms, a choice card' },
      { label: 'pick', fewest: [1, 0], why: 'the picked account by id, its manager expanded' },
    ],
    async run(h, measure) {
      const [reply] = await measure('message', () => h.say('show Tom'));
      const pick = /"pendingId":"([^"]+)","accountId":"([^"]+)"/.exec(JSON.stringify(cardOf(reply)));
      if (!pick) throw new Error('"show Tom" answered without a choice card');
      await measure('pick', () => h.act('resolve.pick', { pendingId: pick[1], accountId: pick[2] }));
    },
  },
  change('manager, cloud-only', 'set the manager of noah.peeters@fabrikam.nl to hendrik.mulder@fabrikam.nl', {
    plan: [4, 0], apply: [4, 1], why: [`the account with its manager; the new manager by sign-in name, with theirs; the manager above that (no reporting loop); ${TARGET_ROLES}`, `${REREAD}; the new manager again, and the one above; ${BOTH_ROLES}; one $ref PUT`],
  }, 'set the manager of noah.peeters@fabrikam.nl to daan.visser@fabrikam.nl'),
  change('licence (Visio), cloud-only', 'give milan.kowalski@fabrikam.nl Visio', {
    plan: [3, 0], apply: [2, 1], why: [`the account; the licence list (re-read after every licence change: counts moved); ${TARGET_ROLES}`, `${REREAD}; ${BOTH_ROLES}; one assignLicense`],
  }, 'remove Visio from milan.kowalski@fabrikam.nl'),
  change('add to group, cloud-only', 'add milan.kowalski@fabrikam.nl to the IT Service Desk group', {
    plan: [4, 0], apply: [4, 1], why: [`the account; the group by name; the direct memberships; ${TARGET_ROLES}`, `${REREAD}; the group and the memberships again; ${BOTH_ROLES}; one $ref POST`],
  }, 'remove milan.kowalski@fabrikam.nl from the IT Service Desk group'),
  change('sign out everywhere', 'sign noah.peeters@fabrikam.nl out everywhere', {
    plan: [2, 0], apply: [2, 1], why: [`the account; ${TARGET_ROLES}`, `${REREAD}; ${BOTH_ROLES}; one revokeSignInSessions`],
  }),
  change('block (+ sign-out), cloud-only', 'block milan.kowalski@fabrikam.nl', {
    plan: [2, 0], apply: [2, 2], why: [`the account; ${TARGET_ROLES}`, `${REREAD}; ${BOTH_ROLES}; a PATCH and a revokeSignInSessions`],
  }, 'unblock milan.kowalski@fabrikam.nl'),
  change('password reset, cloud-only', 'reset the password of noah.peeters@fabrikam.nl', {
    plan: [2, 0], apply: [2, 1], why: [`the account; ${TARGET_ROLES}`, `${REREAD}; ${BOTH_ROLES}; one PATCH`],
  }),
];

export interface GraphCount {
  op: Operation;
  step: Step;
  count: Count;
}

/** Each operation's steps with the Graph round trips they cost, in their second run (caches warm). */
export async function countGraphRequests(): Promise<GraphCount[]> {
  const sql = new CountingSqlClient(await PgliteClient.open());
  const store = await openStoreOn(sql, 'pglite');
  const h = await startHarness({ store });
  const rows: GraphCount[] = [];
  try {
    // Approval cards go 1:1 to approvers the bot has talked with, and to the requester afterwards.
    for (const id of [people.daan, people.hendrik, priya, noor]) await h.say('help', id);
    for (const op of OPERATIONS) {
      const counted = new Map<string, Count>();
      const measure: Measure = async (label, action) => {
        h.emulator.clearLog();
        sql.statements.length = 0;
        const result = await action();
        counted.set(label, { ...countOf(h.emulator.requestLog), statements: [...sql.statements] });
        return result;
      };
      await op.run(h, measure); // fills the caches, as earlier turns of the day would have
      await op.undo?.(h);
      counted.clear();
      await op.run(h, measure);
      for (const step of op.steps) rows.push({ op, step, count: counted.get(step.label) ?? { reads: NaN, writes: NaN, statements: [] } });
      await op.undo?.(h);
    }
  } finally {
    await h.close();
    await store.close();
  }
  return rows;
}

/**
 * Requests sent, not items: a `$batch` is one round trip. One whose items are all GETs is a read; any other request
 * that is not a GET, a write.
 */
function countOf(log: readonly { method: string; path: string; requestId: string; batchRequestId?: string }[]): Omit<Count, 'statements'> {
  const sent = log.filter((e) => !e.batchRequestId);
  const readsOnly = (batch: { path: string; requestId: string }) => batch.path.endsWith('/$batch')
    && log.every((e) => e.batchRequestId !== batch.requestId || e.method === 'GET');
  const reads = sent.filter((e) => e.method === 'GET' || readsOnly(e)).length;
  return { reads, writes: sent.length - reads };
}

/** "INSERT plans, 2 × SELECT audit_log", or "none". */
export function summarizeStatements(statements: readonly string[]): string {
  if (statements.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const s of statements) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => (n > 1 ? `${n} × ${s}` : s)).join(', ');
}

/**
 * Issue #17: undo, scheduled changes and the post-sync watcher cost nothing on turns that do not use them. Their work
 * lives in the jobs table (a schedule, a watch) and in the audit trail's undo entries, read only when asked; a turn
 * that does not use them must not touch the jobs table, and reading a person or their sync status costs no statement.
 */
export function quietFeatures(rows: GraphCount[]): { ok: boolean; text: string } {
  const reads = rows.filter((r) => r.step.label === 'message' && !r.op.name.startsWith('ambiguous'));
  const jobs = rows.filter((r) => !r.op.watched && r.count.statements.some((s) => / jobs$/.test(s)));
  const planTurns = rows.filter((r) => r.step.label === 'plan');
  const planCost = [...new Set(planTurns.map((r) => summarizeStatements(r.count.statements)))];
  const ok = jobs.length === 0 && reads.every((r) => r.count.statements.length === 0);
  return {
    ok,
    text: `undo, schedules and the sync watcher cost nothing on turns that do not use them: ${jobs.length} of ${rows.filter((r) => !r.op.watched).length} steps that use none of them touch the jobs table; `
      + `${reads.map((r) => `${r.op.name} ${r.count.statements.length}`).join(', ')} store statements; a change's plan turn: ${planCost.join(' / ')}`,
  };
}

/** Prints the table; returns how many steps cost more than their fewest. */
export function printGraphCounts(rows: GraphCount[]): number {
  const w = [46, 16, 10];
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i < w.length ? c.padEnd(w[i]) : c)).join(''));
  line(['operation: step', 'reads / writes', 'fewest', 'why the fewest; the store statements of the step']);
  let over = 0;
  for (const { op, step, count } of rows) {
    const [reads, writes] = step.fewest;
    const more = count.reads > reads || count.writes > writes || Number.isNaN(count.reads);
    if (more) over++;
    const name = op.steps.length > 1 ? `${op.name}: ${step.label}` : op.name;
    line([`${more ? '✗' : ' '} ${name}`, `${count.reads} / ${count.writes}`, `${reads} / ${writes}`, step.why]);
    line(['', '', '', `  store: ${summarizeStatements(count.statements)}`]);
  }
  console.log(over ? `${over} step(s) cost more Graph round trips than the fewest (✗)` : 'every step at its fewest Graph round trips');
  return over;
}
