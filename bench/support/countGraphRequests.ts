/**
 * Microsoft Graph round trips per operation, counted in the emulator's request log through whole bot turns
 * (messages and card actions over HTTP), beside the fewest the operation can cost and why. Graph throttles per
 * app and tenant, and every round trip is latency the user waits for: requests are the bot's real cost.
 *
 * Each operation runs twice; the second run is the one reported, as in a working day: the caller's directory roles
 * (for turns that only read), the licence list and the approvers are cached by then (each with a bounded age).
 * A target's roles are never cached, and the caller's are read again before every write.
 */
import { cardOf, people, startHarness, type Harness } from '../../test/support/botHarness';

const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // manages Milan Kowalski; no admin role
const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691'; // User Administrator

interface Count {
  reads: number;
  writes: number;
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
const TARGET_ROLES = "the target's roles: role assignments, role-assignable memberships, PIM eligibilities (3)";
/** Read again before every write: a role taken away stops working at the next click. */
const CALLER_ROLES = "the caller's roles again: role assignments, role-assignable memberships (2)";

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
    plan: [4, 0], apply: [6, 1], why: [`${BY_NAME}; ${TARGET_ROLES}`, `${REREAD}; ${CALLER_ROLES}; ${TARGET_ROLES}; one PATCH`],
  }, 'set the job title of Noah Peeters to Software Engineer'),
  change('change on a synced account', "set Fatima's title to Head of Data and usage location to Japan", {
    plan: [4, 0], apply: [6, 1], why: [`${BY_NAME}; ${TARGET_ROLES}`, `${REREAD}; ${CALLER_ROLES}; ${TARGET_ROLES}; one PATCH (the title is AD's: PowerShell, no call)`],
  }, 'set the usage location of fatima.zahra@fabrikam.nl to NL'),
  {
    name: 'manager request and its approval',
    steps: [
      { label: 'form', fewest: [1, 0], why: "the manager's direct reports, for the form" },
      { label: 'submit', fewest: [4, 0], why: `the report with its manager expanded (proves it is hers); ${TARGET_ROLES}, to send it only to approvers who may decide it (theirs cached)` },
      { label: 'approve', fewest: [6, 1], why: `the account with its manager (still her report?); the approver's roles (2); ${TARGET_ROLES}; one PATCH` },
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
    plan: [6, 0], apply: [8, 1], why: [`the account with its manager; the new manager by sign-in name, with theirs; the manager above that (no reporting loop); ${TARGET_ROLES}`, `${REREAD}; the new manager again, and the one above; ${CALLER_ROLES}; ${TARGET_ROLES}; one $ref PUT`],
  }, 'set the manager of noah.peeters@fabrikam.nl to daan.visser@fabrikam.nl'),
  change('licence (Visio), cloud-only', 'give milan.kowalski@fabrikam.nl Visio', {
    plan: [5, 0], apply: [6, 1], why: [`the account; the licence list (re-read after every licence change: counts moved); ${TARGET_ROLES}`, `${REREAD}; ${CALLER_ROLES}; ${TARGET_ROLES}; one assignLicense`],
  }, 'remove Visio from milan.kowalski@fabrikam.nl'),
  change('add to group, cloud-only', 'add milan.kowalski@fabrikam.nl to the IT Service Desk group', {
    plan: [6, 0], apply: [8, 1], why: [`the account; the group by name; the direct memberships; ${TARGET_ROLES}`, `${REREAD}; the group and the memberships again; ${CALLER_ROLES}; ${TARGET_ROLES}; one $ref POST`],
  }, 'remove milan.kowalski@fabrikam.nl from the IT Service Desk group'),
  change('sign out everywhere', 'sign noah.peeters@fabrikam.nl out everywhere', {
    plan: [4, 0], apply: [6, 1], why: [`the account; ${TARGET_ROLES}`, `${REREAD}; ${CALLER_ROLES}; ${TARGET_ROLES}; one revokeSignInSessions`],
  }),
  change('block (+ sign-out), cloud-only', 'block milan.kowalski@fabrikam.nl', {
    plan: [4, 0], apply: [6, 2], why: [`the account; ${TARGET_ROLES}`, `${REREAD}; ${CALLER_ROLES}; ${TARGET_ROLES}; a PATCH and a revokeSignInSessions`],
  }, 'unblock milan.kowalski@fabrikam.nl'),
  change('password reset, cloud-only', 'reset the password of noah.peeters@fabrikam.nl', {
    plan: [4, 0], apply: [6, 1], why: [`the account; ${TARGET_ROLES}`, `${REREAD}; ${CALLER_ROLES}; ${TARGET_ROLES}; one PATCH`],
  }),
];

export interface GraphCount {
  op: Operation;
  step: Step;
  count: Count;
}

/** Each operation's steps with the Graph round trips they cost, in their second run (caches warm). */
export async function countGraphRequests(): Promise<GraphCount[]> {
  const h = await startHarness();
  const rows: GraphCount[] = [];
  try {
    // Approval cards go 1:1 to approvers the bot has talked with, and to the requester afterwards.
    for (const id of [people.daan, people.hendrik, priya, noor]) await h.say('help', id);
    for (const op of OPERATIONS) {
      const counted = new Map<string, Count>();
      const measure: Measure = async (label, action) => {
        h.emulator.clearLog();
        const result = await action();
        const log = h.emulator.requestLog.filter((e) => !e.batchRequestId);
        counted.set(label, { reads: log.filter((e) => e.method === 'GET').length, writes: log.filter((e) => e.method !== 'GET').length });
        return result;
      };
      await op.run(h, measure); // fills the caches, as earlier turns of the day would have
      await op.undo?.(h);
      counted.clear();
      await op.run(h, measure);
      for (const step of op.steps) rows.push({ op, step, count: counted.get(step.label) ?? { reads: NaN, writes: NaN } });
      await op.undo?.(h);
    }
  } finally {
    await h.close();
  }
  return rows;
}

/** Prints the table; returns how many steps cost more than their fewest. */
export function printGraphCounts(rows: GraphCount[]): number {
  const w = [46, 16, 10];
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i < w.length ? c.padEnd(w[i]) : c)).join(''));
  line(['operation: step', 'reads / writes', 'fewest', 'why the fewest']);
  let over = 0;
  for (const { op, step, count } of rows) {
    const [reads, writes] = step.fewest;
    const more = count.reads > reads || count.writes > writes || Number.isNaN(count.reads);
    if (more) over++;
    const name = op.steps.length > 1 ? `${op.name}: ${step.label}` : op.name;
    line([`${more ? '✗' : ' '} ${name}`, `${count.reads} / ${count.writes}`, `${reads} / ${writes}`, step.why]);
  }
  console.log(over ? `${over} step(s) cost more Graph round trips than the fewest (✗)` : 'every step at its fewest Graph round trips');
  return over;
}
