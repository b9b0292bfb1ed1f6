import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStoreOn, PgliteClient, type Store } from '../../src/store';
import { people, startHarness, TENANT_ID, type Harness } from '../support/botHarness';
import { FakeTokenService } from '../support/fakeConnector';
import { FakeEntra, localCertificate } from '../support/fakeEntra';
import { AttackKit, planIdOf, shown, type Exchange, type WriteAllowance } from './attackKit';
import { Figures } from './figures';
import { writesIn } from '../support/graphWrites';

/*
 * Delegated mode (#16, GRAPH_MODE=delegated) attacked through whole bot turns. Every write carries the acting admin's
 * own Graph token, so Entra (here the emulator, which judges a delegated write by the signed-in user's active roles)
 * is a second line behind the bot's own checks. Looked for here:
 *  - every delegated token the bot got or sent (and its signature alone) in any log line, audit row, row of any store
 *    table, file the bot spooled, message or card it posted, invoke answer, or the emulator's request log;
 *  - with Teams single sign-on: the SSO token, the token service's token, the Graph token of the on-behalf-of grant and
 *    the app's client secret, in the same places;
 *  - every write of a delegated-mode turn carries the acting admin's token (the request log's delegatedUserId), never
 *    the app's;
 *  - an attacker whose roles do not allow a profile change: refused by the bot, and — when the bot's check is gone
 *    (scripts/attackMutations.ts) — by Entra, since the write carries the attacker's own token.
 */

const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // manages Milan; no role
const sophie = '67ff9723-0049-4e88-90bb-a39bb4697761'; // Groups Administrator: no profile changes
const UPN = {
  noah: 'noah.peeters@fabrikam.nl', milan: 'milan.kowalski@fabrikam.nl', bram: 'bram.degroot@fabrikam.nl',
};

/** The writes of the emulator's request log (a $batch envelope writes nothing itself; its items are logged one by one). */

/** The first plan id a card in this exchange carries for this verb; null when none is offered. */
function offered(e: Exchange, verb: string): string | null {
  const all = shown(e);
  if (!all.includes(`"verb":"${verb}"`) && !all.includes(`\\"verb\\":\\"${verb}\\"`)) return null;
  return /\\?"planId\\?":\\?"([0-9a-f-]{36})/.exec(all)?.[1] ?? null;
}

/** Every row of every table of the bot's database, as text: a secret in any column of any row is found. */
async function storeRows(sql: PgliteClient): Promise<[string, string][]> {
  const tables = await sql.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  const out: [string, string][] = [];
  for (const { table_name: table } of tables.rows) {
    const rows = await sql.query(`SELECT * FROM "${table.replace(/"/g, '""')}"`);
    rows.rows.forEach((r, i) => out.push([`store table ${table} row ${i}`, JSON.stringify(r)]));
  }
  if (!tables.rows.some((t) => t.table_name === 'audit_log') || !tables.rows.some((t) => t.table_name === 'plans')) throw new Error('the store dump missed its tables');
  return out;
}

/** Every file under `dir` (the spool of writes and audit records that wait for the database). */
function filesUnder(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out.push([`spooled file ${name}`, readFileSync(path, 'utf8')]);
  }
  return out;
}

/** Each secret, and for a JWT its signature on its own, looked for in each place; records every find as a leak. */
function leaks(figures: Figures, secrets: Iterable<string>, places: [string, string][]): string[] {
  const needles = new Map<string, string>();
  for (const secret of secrets) {
    needles.set(secret, 'a secret');
    const parts = secret.split('.');
    if (parts.length === 3 && parts[2].length >= 16) needles.set(parts[2], "a token's signature");
  }
  const found: string[] = [];
  for (const [needle, what] of needles) {
    for (const [where, text] of places) {
      if (text.includes(needle)) {
        found.push(`${where} holds ${what}`);
        figures.problem('secret leaked', `delegated: ${where} holds ${what}`);
      }
    }
  }
  return found;
}

/** Everything the bot wrote down or said: its log, every posted activity, every invoke answer, the emulator's request log. */
function spokenPlaces(h: Harness, answers: Exchange[]): [string, string][] {
  return [
    ...h.logLines.map((l, i): [string, string] => [`log line ${i}`, l]),
    ...h.connector.sent.map((s, i): [string, string] => [`posted activity ${i} (${s.conversationId})`, JSON.stringify(s.activity)]),
    ...answers.map((e, i): [string, string] => [`answer ${i}`, e.text]),
    ...h.emulator.requestLog.map((r, i): [string, string] => [`emulator request ${i} ${r.method} ${r.path}`, JSON.stringify(r)]),
  ];
}

export function delegatedCases(figures: Figures): void {
  describe('delegated: writes with the admin\'s own token, in development', () => {
    let sql: PgliteClient;
    let store: Store;
    let spoolDir: string;
    let h: Harness;
    let kit: AttackKit;
    /** Every delegated token the bot was handed by its token source, or the emulator's issuer answered. */
    const tokens = new Set<string>();
    /** Every answer the bot gave over HTTP (invoke bodies), to look for tokens in. */
    const answers: Exchange[] = [];
    const realFetch = globalThis.fetch;

    beforeAll(async () => {
      sql = await PgliteClient.open();
      store = await openStoreOn(sql, 'pglite');
      spoolDir = mkdtempSync(join(tmpdir(), 'attack-delegated-spool-'));
      h = await startHarness({ config: { graphMode: 'delegated', store: { dataDir: 'memory://', spoolDir } }, store });
      kit = new AttackKit(h, figures);
      // Observed, not changed: what the token source hands out (the bot's only way to a delegated token) ...
      const source = h.app.delegatedTokens!;
      const tokenFor = source.tokenFor.bind(source);
      source.tokenFor = async (userId: string) => {
        const token = await tokenFor(userId);
        tokens.add(token);
        return token;
      };
      // ... and what the emulator's issuer answered (POST /_oauth/token, fetched by the development token source).
      globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const response = await realFetch(input, init);
        if (url.includes('/_oauth/token')) {
          const body = (await response.clone().json().catch(() => ({}))) as { access_token?: unknown };
          if (typeof body.access_token === 'string') tokens.add(body.access_token);
        }
        return response;
      }) as typeof fetch;
      for (const id of [people.daan, noor, people.milan, sophie]) await h.say('help', id);
    });
    afterAll(async () => {
      globalThis.fetch = realFetch;
      await h.close();
      await store.close();
      rmSync(spoolDir, { recursive: true, force: true });
    });

    /** The acting admin's writes only, each carrying their own token and landing: anything else is an unauthorised write. */
    const asDaan: WriteAllowance = (w) => w.delegatedUserId === people.daan;
    const track = async (e: Promise<Exchange>) => {
      const got = await e;
      answers.push(got);
      return got;
    };
    const apply = async (message: string, verb = 'change.apply') => {
      const e = await track(kit.message(message));
      const planId = offered(e, verb);
      if (!planId) throw new Error(`expected a ${verb} card for "${message}", the bot answered: ${[...shown(e).matchAll(/"(?:text|title)":"([^"]*)"/g)].map((m) => m[1]).join(" / ").slice(0, 800)}`);
      await track(kit.invoke(verb, { planId }, { replyToId: `card-${planId}` }));
      await h.app.runJobs();
    };
    const user = (id: string) => h.emulator.state.getUser(id) as Record<string, unknown> | undefined;

    const WRITES: [string, () => Promise<void>, () => boolean][] = [
      ['a profile change', () => apply(`set the job title of ${UPN.noah} to Platform Lead`), () => user(people.noah)?.jobTitle === 'Platform Lead'],
      ['a block', () => apply(`block ${UPN.bram}`), () => user(people.bram)?.accountEnabled === false],
      ['a group add', () => apply(`add ${UPN.milan} to Logistics Planners`), () => writesIn(h.emulator.requestLog).some((w) => w.method === 'POST' && w.path.includes("/groups/ef6022ab-ebd2-48bd-946d-6040da471d5a/members") && w.status < 300)],
      ['a bulk change of 3 people', () => apply(`set the department of ${UPN.noah}, ${UPN.milan} and ${UPN.bram} to Operations`, 'bulk.apply'),
        () => [people.noah, people.milan, people.bram].every((id) => user(id)?.department === 'Operations')],
      ['the approval of a manager\'s request', async () => {
        const r = await track(kit.invoke('request.submit', { reportId: people.milan, property: 'department', value: 'Support', reason: 'Moved', effectiveDate: '' }, { from: noor }));
        const requestId = /\\?"requestId\\?":\\?"([^"\\]+)/.exec(shown(r))?.[1];
        expect(requestId).toBeDefined();
        await track(kit.invoke('request.approve', { requestId }));
        await h.app.runJobs();
      }, () => user(people.milan)?.department === 'Support'],
      ['an offboarding', () => apply(`offboard ${UPN.noah}`), () => user(people.noah)?.accountEnabled === false],
    ];

    it.each(WRITES)('delegated: %s is written with the acting admin\'s own token, every write of it', async (what, run, landed) => {
      const from = h.emulator.requestLog.length;
      // Any write not carrying Daan's own token (the app's, or someone else's) is counted as an unauthorised write.
      await kit.hostile(`delegated: ${what}`, run, asDaan);
      const writes = writesIn(h.emulator.requestLog.slice(from));
      expect(writes.length).toBeGreaterThan(0);
      expect(writes.filter((w) => w.delegatedUserId !== people.daan).map((w) => `${w.method} ${w.path} as ${w.delegatedUserId ?? 'the app'}`)).toEqual([]);
      expect(writes.filter((w) => w.status >= 400).map((w) => `${w.method} ${w.path} ${w.status}`)).toEqual([]);
      expect(landed()).toBe(true);
    });

    it('delegated: no token of an admin (nor its signature) is in any log line, audit row, store row, spooled file, message, answer or the request log', async () => {
      // Every write above asked the source; some token must have been seen, and it must be a real JWT.
      expect(tokens.size).toBeGreaterThan(0);
      for (const t of tokens) expect(t.split('.')).toHaveLength(3);
      // Daan's token in particular: every one of his writes carried one.
      expect([...tokens].some((t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8')).oid === people.daan)).toBe(true);
      const places = [...spokenPlaces(h, answers), ...(await storeRows(sql)), ...filesUnder(spoolDir)];
      expect(places.some(([where]) => where.startsWith('store table audit_log'))).toBe(true);
      // The search itself finds what it looks for: a token's signature alone, planted in a copy of a log line, is found.
      const [token] = tokens;
      expect(leaks(new Figures(), [token], [['a planted line', `${h.logLines[0]} ${token.split('.')[2]}`]])).toEqual(["a planted line holds a token's signature"]);
      expect(leaks(figures, tokens, places)).toEqual([]);
    });
  });

  describe('delegated: the second line — Entra refuses what gets past the bot', () => {
    /*
     * A profile change asked by someone whose roles do not allow it: Milan (no role at all) and Sophie (Groups
     * Administrator). The bot refuses it. scripts/attackMutations.ts removes that check ("delegated: Entra is a second
     * line …"): then the APPLICATION-mode case below fails (the write lands with the app's rights) — that is the suite
     * failing — while the DELEGATED-mode case still PASSES, because the write carries the attacker's own token and
     * Entra (the emulator) answers 403. The mutation script requires both: the first to fail, the second to pass.
     */
    const ATTACKERS: [string, string][] = [['a user without a role', people.milan], ['a Groups Administrator', sophie]];
    const attempt = async (kit: AttackKit, from: string, title: string) => {
      const e = await kit.message(`set the job title of ${UPN.noah} to ${title}`, { from });
      const planId = offered(e, 'change.apply');
      if (planId) await kit.invoke('change.apply', { planId }, { from });
    };

    describe('in application mode', () => {
      let h: Harness;
      let kit: AttackKit;
      beforeAll(async () => {
        h = await startHarness();
        kit = new AttackKit(h, figures);
        for (const [, id] of ATTACKERS) await h.say('help', id);
      });
      afterAll(() => h.close());

      it.each(ATTACKERS)('second line, application mode: %s changes a job title: the bot refuses, nothing written', async (who, from) => {
        await kit.hostile(`second line (application): ${who}`, () => attempt(kit, from, 'Seized'));
        expect(h.emulator.state.getUser(people.noah)?.jobTitle).not.toBe('Seized');
      });
    });

    describe('in delegated mode', () => {
      let h: Harness;
      let kit: AttackKit;
      beforeAll(async () => {
        h = await startHarness({ config: { graphMode: 'delegated' } });
        kit = new AttackKit(h, figures);
        for (const [, id] of ATTACKERS) await h.say('help', id);
      });
      afterAll(() => h.close());

      it.each(ATTACKERS)('second line, delegated mode: %s changes a job title: nothing lands, and what reaches Entra carries their own token and is refused', async (who, from) => {
        // Allowed to be ATTEMPTED only as Entra sees it: with the attacker's own token, and refused (403). With the
        // bot's check in place there is no attempt at all; without it (the mutation) there is one, and Entra stops it.
        const refusedByEntra: WriteAllowance = (w) => w.delegatedUserId === from && w.status === 403;
        const logFrom = h.emulator.requestLog.length;
        await kit.hostile(`second line (delegated): ${who}`, () => attempt(kit, from, 'Seized'), refusedByEntra);
        expect(h.emulator.state.getUser(people.noah)?.jobTitle).not.toBe('Seized');
        expect(writesIn(h.emulator.requestLog.slice(logFrom)).filter((w) => w.status < 400)).toEqual([]);
      });
    });
  });

  describe('delegated: Teams single sign-on tokens and the app secret', () => {
    const APP_ID = '00000000-0000-4000-8000-0000000000b0';
    const APP_SECRET = 'app-secret-attack-suite-3f9a1c';
    const CONNECTION = 'graph-sso';
    const teamsToken = (who: string) => `teams-sso-token-${who.slice(0, 8)}-a77c41`;
    let sql: PgliteClient;
    let store: Store;
    let tokenService: FakeTokenService;
    let entra: FakeEntra;
    let h: Harness;
    let kit: AttackKit;
    const answers: Exchange[] = [];

    beforeAll(async () => {
      const { cert, key } = localCertificate();
      sql = await PgliteClient.open();
      store = await openStoreOn(sql, 'pglite');
      tokenService = await new FakeTokenService().start();
      tokenService.exchangeUri = `api://botid-${APP_ID}`;
      entra = await new FakeEntra(cert, key).start();
      h = await startHarness({
        config: { graphMode: 'delegated', sso: { connectionName: CONNECTION, credential: { kind: 'clientSecret', tenantId: TENANT_ID, clientId: APP_ID, clientSecret: APP_SECRET } } },
        botFrameworkAuth: tokenService.botFrameworkAuth,
        onBehalfOf: { authorityHost: entra.url, disableInstanceDiscovery: true, tlsOptions: { ca: cert } },
        store,
      });
      kit = new AttackKit(h, figures);
      await h.say('help', people.daan);
    });
    afterAll(async () => {
      await h.close();
      await store.close();
      await tokenService.stop();
      await entra.stop();
    });

    it('delegated SSO: after a token exchange and a write, no SSO token, Graph token or app secret is in any log line, store row, message or answer', async () => {
      const value = { id: 'attack-exchange-1', connectionName: CONNECTION, token: teamsToken(people.daan) };
      const [exchange] = await kit.hostile('delegated SSO: signin/tokenExchange', async () => {
        const body = h.activity('invoke', people.daan, { name: 'signin/tokenExchange', value });
        answers.push(await kit.raw(body));
      });
      expect(exchange.status).toBe(200);
      expect(entra.issued).toHaveLength(1);
      // A write with the admin's Graph token (the emulator takes this opaque token as the app's; it is sent all the same).
      await kit.hostile('delegated SSO: a profile change', async () => {
        const e = await kit.message(`set the job title of ${UPN.noah} to Signed In`);
        answers.push(e);
        answers.push(await kit.invoke('change.apply', { planId: planIdOf(e.replies[0]) }));
      }, (w) => w.path.includes(people.noah));
      expect(h.emulator.state.getUser(people.noah)?.jobTitle).toBe('Signed In');
      expect(await h.app.delegatedTokens!.tokenFor(people.daan)).toBe(entra.issued[0]);

      const secrets = [
        APP_SECRET, teamsToken(people.daan), ...tokenService.tokens.values(), ...entra.issued, ...entra.grants.map((g) => g.assertion),
      ];
      expect(new Set(secrets).size).toBeGreaterThanOrEqual(4);
      const places = [...spokenPlaces(h, answers), ...(await storeRows(sql))];
      expect(leaks(figures, secrets, places)).toEqual([]);
    });
  });
}
