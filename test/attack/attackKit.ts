import { performance } from 'node:perf_hooks';
import type { FaultSpec, LoggedRequest } from '../../src/emulator';
import { people, type Harness } from '../support/botHarness';
import type { SentActivity } from '../support/fakeConnector';
import type { Figures } from './figures';

/** One request to the bot and what came of it. */
export interface Exchange {
  kind: 'message' | 'invoke' | 'raw';
  status: number;
  /** The HTTP answer's body (an invoke response, an error). */
  text: string;
  ms: number;
  /** Activities the bot posted to the connector while the request ran. */
  replies: SentActivity[];
  /** False for requests the bot must ignore (another tenant): no answer is then not a lost request. */
  answerExpected: boolean;
}

interface SendOptions {
  from?: string;
  locale?: string;
  conversationType?: string;
  tenantId?: string;
  answerExpected?: boolean;
  /** Fields merged over the activity: a forged channel, serviceUrl or shape. */
  override?: Record<string, unknown>;
}

/** Which Graph writes a case may make (by default none). */
export type WriteAllowance = (write: LoggedRequest) => boolean;
export const NO_WRITES: WriteAllowance = () => false;

/** A stack frame as Node prints it: never in an answer to a user or a client. */
const STACK_FRAME = /\bat .+\((?:\/|[A-Za-z]:\\).+:\d+:\d+\)/;
/** The last-resort handler's reply: a turn that threw. */
const LAST_RESORT = /Something went wrong on my side|Er ging iets mis aan mijn kant/;

/**
 * Drives the bot over HTTP like Teams would and keeps the figures: every case is a hostile input (or a fault)
 * whose effects are read back from the outside — statuses, the bot's log, the emulator's request log and what
 * reached the connector. A case that expects a crash-free, write-free outcome need not assert it: the kit
 * counts any crash or unexpected write, and the suite's last test requires all counts to be zero.
 */
export class AttackKit {
  /** Values that must appear nowhere but where they are allowed (see `scanForSecrets`). */
  readonly secrets = new Set<string>();
  /** Connector activities allowed to carry a secret: the temporary password's one reply to the admin. */
  readonly secretCarriers = new Set<SentActivity>();
  private current: Exchange[] | null = null;

  /** `figures` is shared by every kit of a run: the suite prints one line for all of them. */
  constructor(readonly h: Harness, readonly figures: Figures) {}

  writes(): LoggedRequest[] {
    // A $batch envelope is a POST that writes nothing itself; its items are logged one by one.
    return this.h.emulator.requestLog.filter((e) => e.method !== 'GET' && !e.path.endsWith('/$batch'));
  }

  async message(text: string, opts: SendOptions = {}): Promise<Exchange> {
    const body = { ...this.h.activity('message', opts.from ?? people.daan, { text }, opts), ...opts.override };
    return this.send('message', body, opts.answerExpected ?? true);
  }

  async invoke(verb: string, data: unknown, opts: SendOptions & { replyToId?: string } = {}): Promise<Exchange> {
    const value = { action: { type: 'Action.Execute', verb, data } };
    const body = { ...this.h.activity('invoke', opts.from ?? people.daan, { name: 'adaptiveCard/action', value, ...(opts.replyToId ? { replyToId: opts.replyToId } : {}) }, opts), ...opts.override };
    return this.send('invoke', body, opts.answerExpected ?? true);
  }

  /** Any body, any headers: for what is not an activity at all. */
  async raw(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }, url = `${this.h.url}/api/messages`): Promise<Exchange> {
    const before = this.h.connector.sent.length;
    const t = performance.now();
    const r = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const exchange: Exchange = { kind: 'raw', status: r.status, text: await r.text(), ms: performance.now() - t, replies: this.h.connector.sent.slice(before), answerExpected: false };
    this.current?.push(exchange);
    return exchange;
  }

  private async send(kind: 'message' | 'invoke', body: unknown, answerExpected: boolean): Promise<Exchange> {
    const before = this.h.connector.sent.length;
    const t = performance.now();
    const r = await this.h.post(body);
    const ms = performance.now() - t;
    const exchange: Exchange = { kind, status: r.status, text: r.text, ms, replies: this.h.connector.sent.slice(before), answerExpected };
    if (kind === 'invoke') this.figures.maxInvokeMs = Math.max(this.figures.maxInvokeMs, ms);
    this.current?.push(exchange);
    return exchange;
  }

  /**
   * Runs one hostile case: every request it sends counts as a hostile input; afterwards any crash (a 5xx,
   * a stack frame in an answer, the last-resort handler) and any Graph write the case does not allow is counted.
   */
  async hostile(name: string, run: () => Promise<void>, allow: WriteAllowance = NO_WRITES): Promise<Exchange[]> {
    const exchanges = await this.observe(name, run, allow);
    this.figures.hostileInputs += exchanges.length;
    return exchanges;
  }

  /**
   * Runs one case under an injected Graph fault. Besides crashes and writes, every request that expects an
   * answer must get one (a reply, or an invoke's body): one that does not is a lost request.
   */
  async fault(name: string, spec: FaultSpec, run: () => Promise<void>, allow: WriteAllowance = () => true): Promise<Exchange[]> {
    const fault = this.h.emulator.faults.add(spec);
    try {
      const exchanges = await this.observe(name, run, allow);
      const lost = exchanges.filter((e) => e.answerExpected && !(e.status === 200 && (e.kind === 'invoke' ? e.text.length > 0 : e.replies.length > 0)));
      for (const e of lost) this.figures.problem('lost request', `${name}: ${e.kind} answered ${e.status} with ${e.replies.length} replies`);
      if (lost.length) throw new Error(`${name}: ${lost.length} request(s) got no answer`);
      return exchanges;
    } finally {
      this.figures.faultsInjected += fault.fired;
      fault.remove();
    }
  }

  private async observe(name: string, run: () => Promise<void>, allow: WriteAllowance): Promise<Exchange[]> {
    const problemsBefore = this.figures.problems.length;
    const exchanges = await this.observeCase(name, run, allow);
    // Counted for the figures line, and failing this case too: each test stands on its own.
    const found = this.figures.problems.slice(problemsBefore);
    if (found.length) throw new Error(`${name}:\n  ${found.join('\n  ')}`);
    return exchanges;
  }

  private async observeCase(name: string, run: () => Promise<void>, allow: WriteAllowance): Promise<Exchange[]> {
    const exchanges: Exchange[] = [];
    const logFrom = this.h.logLines.length;
    const writesBefore = new Set(this.writes().map((w) => w.requestId));
    this.current = exchanges;
    try {
      await run();
    } finally {
      this.current = null;
    }
    for (const e of exchanges) {
      const answer = e.text + e.replies.map((r) => JSON.stringify(r.activity)).join('');
      if (e.status >= 500) this.figures.problem('crash', `${name}: HTTP ${e.status} ${e.text.slice(0, 120)}`);
      if (STACK_FRAME.test(answer)) this.figures.problem('crash', `${name}: a stack frame in the answer`);
      if (LAST_RESORT.test(answer)) this.figures.problem('crash', `${name}: the last-resort handler answered`);
    }
    for (const line of this.h.logLines.slice(logFrom)) {
      if (/"event":"turn\.failed"/.test(line)) this.figures.problem('crash', `${name}: turn.failed logged`);
    }
    for (const w of this.writes().filter((x) => !writesBefore.has(x.requestId))) {
      if (!allow(w)) this.figures.problem('unauthorised write', `${name}: ${w.method} ${w.path}`);
    }
    return exchanges;
  }

  /**
   * Looks for every registered secret in the bot's log, the audit store, the plan store's rows of `planIds`
   * and every activity posted to any conversation, except the carriers; returns the places it was found.
   */
  async scanForSecrets(planIds: string[] = []): Promise<string[]> {
    const places: [string, string][] = [
      ...this.h.logLines.map((l, i): [string, string] => [`log line ${i}`, l]),
      ...this.h.connector.sent.filter((s) => !this.secretCarriers.has(s)).map((s, i): [string, string] => [`posted activity ${i} (${s.conversationId})`, JSON.stringify(s.activity)]),
      ...(await this.h.app.store.audit.listRecent(100_000)).map((r): [string, string] => [`audit record ${r.id}`, JSON.stringify(r)]),
    ];
    for (const id of planIds) places.push([`plan ${id}`, JSON.stringify(await this.h.app.store.plans.get(id))]);
    const found: string[] = [];
    for (const secret of this.secrets) {
      for (const [where, text] of places) {
        if (text.includes(secret)) {
          found.push(where);
          this.figures.problem('secret leaked', `${where} holds a secret`);
        }
      }
    }
    return found;
  }
}

/** The plan id an Apply button carries. */
export function planIdOf(sent: SentActivity | undefined): string {
  const m = /"planId":"([^"]+)"/.exec(JSON.stringify(sent?.activity ?? {}));
  if (!m) throw new Error(`expected a plan card, the bot answered: ${JSON.stringify(sent?.activity.text ?? null)}`);
  return m[1];
}

/** Every text a user would read in one posted activity or invoke answer. */
export function shown(e: Exchange): string {
  return [e.text, ...e.replies.map((r) => JSON.stringify(r.activity))].join('\n');
}

/** Every Graph path the bot may call: fixed segments and ids, never a segment that came from typed text. */
const GRAPH_PATH = /^\/v1\.0\/(?:users(?:\/[0-9a-f-]{36}(?:\/(?:manager|directReports|memberOf|transitiveMemberOf|memberOf\/microsoft\.graph\.group|authentication\/methods\/[0-9a-f-]{36}\/resetPassword|assignLicense|revokeSignInSessions|manager\/\$ref))?)?|groups(?:\/[0-9a-f-]{36}(?:\/members(?:\/\$ref|\/[0-9a-f-]{36}\/\$ref|\/microsoft\.graph\.user)?)?)?|subscribedSkus|organization|directoryRoles(?:\/[0-9a-f-]{36}\/members)?|roleManagement\/directory\/(?:roleAssignments|roleEligibilityScheduleInstances)|\$batch)$/;

export function stringsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') return Object.values(node).flatMap(stringsOf);
  return [];
}

export function graphIsClean(log: LoggedRequest[]): string[] {
  const wrong: string[] = [];
  for (const e of log) {
    if (!GRAPH_PATH.test(e.path)) wrong.push(`unexpected path ${e.method} ${e.path}`);
    // An injected quote or operator would make the emulator's OData parser refuse the filter.
    if (e.status === 400 && e.method === 'GET') wrong.push(`a query Graph refused: ${JSON.stringify(e.query).slice(0, 200)}`);
  }
  return wrong;
}
