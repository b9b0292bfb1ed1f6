import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/clock';
import type { GraphEmulator, LoggedRequest } from '../../src/emulator';
import { FILE_DOWNLOAD_INFO } from '../../src/bulk/teamsFile';
import { ROLE } from '../../src/policy/roles';
import { people, startHarness, type Harness } from '../support/botHarness';
import { AttackKit, planIdOf, shown, type Exchange, type WriteAllowance } from './attackKit';
import type { Figures } from './figures';

/*
 * Changes to many people and offboarding (#15), attacked through whole bot turns: someone else's bulk plan clicked,
 * privileged, protected and role-assignable people slipped into a list or a CSV (or made privileged between the preview
 * and Apply), a CSV whose link points inside the network, someone else's results file asked for, an offboarding of
 * someone out of reach or of oneself, the licences an offboarding kept released by the wrong person or too early, and
 * the offboarding's random password looked for everywhere.
 */

const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691'; // User Administrator
const noor = '1c580610-a05b-4fe7-8778-1facee361fbf'; // manages Milan; no role
const sophie = '67ff9723-0049-4e88-90bb-a39bb4697761'; // Groups Administrator
const breakGlass = '17cfa68c-7c76-4bbe-9ad5-44615a2efe48'; // Global Administrator, cloud-only
const eline = '6a1f3e9b-2c7d-4b8e-a5f0-3d9c1e7b4a02'; // in a role-assignable group, no role, cloud-only
const sven = '0b7e2c1d-5a8f-4e3b-9c6d-2f1a8b7c9d01'; // PIM-eligible Global Administrator, cloud-only
const aiko = '7f136973-c6cf-40be-8068-7a49e0881dd3'; // cloud-only, no role: protected by the policy file below
const privilegedItAdmins = '381ed904-0476-48ae-997f-b5d9d283d193'; // role-assignable, no role of its own
const serviceDeskAdmins = '2e8b5c1f-7d3a-4f9e-b6c2-1a4d8e7f3b04'; // role-assignable, Helpdesk Administrator

const UPN = {
  noah: 'noah.peeters@fabrikam.nl', milan: 'milan.kowalski@fabrikam.nl', fatima: 'fatima.zahra@fabrikam.nl',
  breakGlass: 'breakglass@fabrikam.onmicrosoft.com', eline: 'eline.smit@fabrikam.nl', sven: 'sven.dijkstra@fabrikam.nl',
  aiko: 'aiko.suzuki@fabrikam.nl', hendrik: 'hendrik.mulder@fabrikam.nl', daan: 'daan.visser@fabrikam.nl',
};
/** Everyone out of a lesser admin's reach, and one ordinary person whose row must still go through. */
const OUT_OF_REACH: [string, string][] = [
  ['a Global Administrator', breakGlass], ['a member of a role-assignable group', eline], ['a PIM-eligible Global Administrator', sven], ['a protected account', aiko],
];

/** Writes to these people only (a PATCH of them, their sign-out, their group membership): every other write is unauthorised. */
const onlyTo = (...ids: string[]): WriteAllowance => (w: LoggedRequest) => ids.some((id) => w.path.includes(id));

/** The first plan a card in this exchange carries, with the verb its button sends; null when none is offered. */
function offered(e: Exchange, verb: string): string | null {
  const all = shown(e);
  if (!all.includes(`"verb":"${verb}"`) && !all.includes(`\\"verb\\":\\"${verb}\\"`)) return null;
  return /\\?"planId\\?":\\?"([0-9a-f-]{36})/.exec(all)?.[1] ?? null;
}

/** A stand-in for OneDrive: serves CSV downloads by path, takes uploads, and records every request. */
interface FileServer {
  url: string;
  port: number;
  hits: { method: string; path: string }[];
  csv: Map<string, string>;
  close(): Promise<void>;
}

async function fileServer(): Promise<FileServer> {
  const hits: FileServer['hits'] = [];
  const csv = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '';
      hits.push({ method: req.method ?? '', path });
      const redirect = /^\/redirect\?to=(.*)$/.exec(path);
      if (req.method === 'GET' && redirect) {
        res.writeHead(302, { location: decodeURIComponent(redirect[1]) });
        res.end();
      } else if (req.method === 'GET' && csv.has(path.split('?')[0])) {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(csv.get(path.split('?')[0]));
      } else {
        res.writeHead(req.method === 'PUT' ? 201 : 404, { 'content-type': 'application/json' });
        res.end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, hits, csv, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const fileAttachment = (name: string, downloadUrl: string) => ({
  contentType: FILE_DOWNLOAD_INFO, name, contentUrl: `https://fabrikam-my.sharepoint.com/personal/daan/Documents/${name}`,
  content: { downloadUrl, uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: 'csv' },
});

const promote = {
  globalAdmin: (emu: GraphEmulator, id: string) => emu.state.roleMembers.add(emu.state.allDirectoryRoles().find((r) => r.roleTemplateId === ROLE.globalAdministrator)!.id, id),
  roleAssignableGroup: (emu: GraphEmulator, id: string) => emu.state.groupMembers.add(privilegedItAdmins, id),
  helpdeskGroup: (emu: GraphEmulator, id: string) => emu.state.groupMembers.add(serviceDeskAdmins, id),
};

export function bulkCases(figures: Figures): void {
  describe('bulk: changes to many people', () => {
    let h: Harness;
    let kit: AttackKit;
    let files: FileServer;
    const realFetch = globalThis.fetch;
    /** Every URL the process fetched while these cases ran (the bot's downloads and uploads included). */
    const fetched: string[] = [];
    /** Hosts a CSV link must never make the bot contact: cloud metadata, private ranges, internal names. */
    const FORBIDDEN = /^https?:\/\/(?:169\.254\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|\[|localhost|[^/]*\.local\b|[^/]*\.internal\b|[^/]*nip\.io|metadata\.)/i;

    beforeAll(async () => {
      files = await fileServer();
      const dir = mkdtempSync(join(tmpdir(), 'attack-bulk-'));
      const policyFile = join(dir, 'policy.json');
      writeFileSync(policyFile, JSON.stringify({ protectedAccounts: [UPN.aiko] }));
      h = await startHarness({ config: { fileDownloadHosts: ['127.0.0.1'], policyFile } });
      kit = new AttackKit(h, figures);
      for (const id of [people.daan, people.ciaran, priya, noor, people.milan, people.hendrik, sophie]) await h.say('help', id);
      // The process's fetch, watched: a forbidden host is answered here at once (a CSV), never contacted.
      globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        fetched.push(url);
        if (FORBIDDEN.test(url)) return new Response(`person,property,value\n${UPN.noah},department,Fetched\n`, { status: 200, headers: { 'content-type': 'text/csv' } });
        return realFetch(input, init);
      }) as typeof fetch;
    });
    afterAll(async () => {
      globalThis.fetch = realFetch;
      await h.close();
      await files.close();
    });
    afterEach(() => h.emulator.reset());

    const preview = async (message: string, from = people.daan) => {
      const e = await kit.message(message, { from });
      return planIdOf(e.replies[0]);
    };
    const department = (id: string) => h.emulator.state.getUser(id)?.department;

    it.each([
      ['another User Administrator', priya], ['a Global Administrator', people.hendrik], ['a Helpdesk Administrator', people.ciaran],
      ['a manager without a role', noor], ['a user without a role', people.milan],
    ])("%s clicks Apply and Cancel on Daan's bulk plan: nothing written, the plan untouched", async (who, from) => {
      const planId = await preview(`set the department of ${UPN.noah} and ${UPN.milan} to Hijacked`);
      const before = JSON.stringify((await h.app.store.plans.get(planId))?.payload);
      for (const verb of ['bulk.apply', 'bulk.cancel', 'bulk.apply']) {
        await kit.hostile(`bulk: ${who} sends ${verb} on another's plan`, async () => {
          await kit.invoke(verb, { planId }, { from, replyToId: 'bulk-card' });
          await h.app.runJobs();
        });
        const record = await h.app.store.plans.get(planId);
        if (record?.state !== 'open' || JSON.stringify(record.payload) !== before) {
          figures.problem('unauthorised write', `bulk: ${who}'s ${verb} left Daan's plan ${record?.state}`);
          throw new Error(`bulk: ${who}'s ${verb} left Daan's plan ${record?.state}`);
        }
      }
      expect(department(people.noah)).not.toBe('Hijacked');
      // Still Daan's to apply, and it applies.
      await kit.hostile('bulk: the owner applies after the attempts', async () => {
        await kit.invoke('bulk.apply', { planId }, { from: people.daan });
        await h.app.runJobs();
      }, onlyTo(people.noah, people.milan));
      expect(department(people.noah)).toBe('Hijacked');
    });

    it('crossed verbs: a bulk plan sent to change.apply, schedule, undo, watch and offboard.licences, a single plan to bulk.apply, by its own admin: nothing written', async () => {
      const bulk = await preview(`set the department of ${UPN.noah} and ${UPN.milan} to Crossed`);
      const single = await preview(`set the department of ${UPN.noah} to Crossed`);
      for (const [verb, planId] of [['change.apply', bulk], ['change.schedule', bulk], ['change.undo', bulk], ['change.watch', bulk], ['offboard.licences', bulk], ['bulk.apply', single], ['bulk.cancel', '7d9f3c1e-0000-4000-8000-000000000000']]) {
        await kit.hostile(`bulk: crossed ${verb}`, async () => {
          await kit.invoke(verb, { planId });
          await h.app.runJobs();
        });
      }
      expect(department(people.noah)).not.toBe('Crossed');
      expect((await h.app.store.plans.get(bulk))?.state).toBe('open');
    });

    const list = [UPN.noah, UPN.breakGlass, UPN.eline, UPN.sven, UPN.aiko];
    const user = (id: string) => h.emulator.state.getUser(id) as Record<string, unknown> | undefined;
    const signedOut = (id: string) => h.emulator.state.getSignInRevocations(id).length > 0;
    it.each<[string, string, string, (id: string) => boolean]>([
      ['a User Administrator, department', people.daan, `set the department of ${list.slice(0, -1).join(', ')} and ${list.at(-1)} to Seized`, (id) => user(id)?.department === 'Seized'],
      ['a User Administrator, block', people.daan, `block ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`, (id) => user(id)?.accountEnabled === false],
      ['a User Administrator, job title', people.daan, `set the job title of ${list.join(', ')} to Seized`, (id) => user(id)?.jobTitle === 'Seized'],
      ['a Helpdesk Administrator, sign-out', people.ciaran, `sign out ${list.slice(0, -1).join(', ')} and ${list.at(-1)} everywhere`, signedOut],
      ['an Authentication Administrator, sign-out', '5cd90be4-546b-4e2e-b198-57259307a874', `sign out ${list.slice(0, -1).join(', ')} and ${list.at(-1)} everywhere`, signedOut],
    ])('%s lists people out of reach with Noah: their rows are refused, only Noah is written', async (who, from, message, changed) => {
      await kit.hostile(`bulk list: ${who}`, async () => {
        const e = await kit.message(message, { from });
        const planId = offered(e, 'bulk.apply');
        expect(planId).not.toBeNull();
        await kit.invoke('bulk.apply', { planId }, { from });
        await h.app.runJobs();
      }, onlyTo(people.noah));
      // The others go through: Noah's row is written.
      expect(changed(people.noah)).toBe(true);
      for (const [, id] of OUT_OF_REACH) expect(changed(id)).toBe(false);
    });

    it('a User Administrator adds people to a role-assignable group in bulk: nothing written', async () => {
      await kit.hostile('bulk list: role-assignable group', async () => {
        const e = await kit.message(`add ${UPN.noah} and ${UPN.milan} to Privileged IT Admins`);
        const planId = offered(e, 'bulk.apply');
        if (planId) {
          await kit.invoke('bulk.apply', { planId });
          await h.app.runJobs();
        }
      });
    });

    it('a CSV naming people out of reach: their rows are refused, only Noah is written', async () => {
      files.csv.set('/seize.csv', [
        'person;property;value',
        ...[UPN.noah, UPN.breakGlass, UPN.eline, UPN.sven, UPN.aiko]
          .flatMap((upn) => [`${upn};department;Seized`, `${upn};job title;Seized`, `${upn};blocked;true`, `${upn};mobile phone;+31 6 12345678`]),
      ].join('\r\n'));
      await kit.hostile('bulk CSV: people out of reach', async () => {
        const e = await kit.message('', { override: { attachments: [fileAttachment('seize.csv', `${files.url}/seize.csv`)] } });
        const planId = offered(e, 'bulk.apply');
        expect(planId).not.toBeNull();
        await kit.invoke('bulk.apply', { planId }, { replyToId: 'bulk-card' });
        await h.app.runJobs();
      }, onlyTo(people.noah));
      expect(department(people.noah)).toBe('Seized');
      for (const [, id] of OUT_OF_REACH) expect(department(id)).not.toBe('Seized');
    });

    it.each<[string, (emu: GraphEmulator, id: string) => void]>([
      ['made Global Administrator', promote.globalAdmin],
      ['added to a role-assignable group without a role', promote.roleAssignableGroup],
      ['added to a role-assignable group holding Helpdesk Administrator', promote.helpdeskGroup],
    ])('Milan %s after the bulk preview: Apply leaves him out, refused, nothing written to him', async (what, change) => {
      const planId = await preview(`set the department of ${UPN.noah} and ${UPN.milan} to Promoted`);
      change(h.emulator, people.milan);
      await kit.hostile(`bulk: Milan ${what} between preview and Apply`, async () => {
        await kit.invoke('bulk.apply', { planId });
        await h.app.runJobs();
      }, onlyTo(people.noah));
      expect(department(people.milan)).not.toBe('Promoted');
      const milan = (await h.app.store.audit.listForPlan(planId)).filter((r) => r.targetId === people.milan);
      // Left out at Apply: recorded as not applied, for the policy's reason.
      expect(milan.map((r) => [r.outcome, r.reason])).toEqual([['refused', 'POLICY_DENIED']]);
    });

    it("file consent for someone else's bulk results or script: nothing uploaded", async () => {
      await h.say(`set the department of ${UPN.noah}, ${UPN.milan} and ${UPN.fatima} to Results`);
      const planId = planIdOf(h.connector.sent.at(-1));
      await h.act('bulk.apply', { planId }, people.daan);
      await h.app.runJobs();
      const consent = (from: string, fileId: string) => kit.raw(h.activity('invoke', from, {
        name: 'fileConsent/invoke',
        value: { type: 'fileUpload', action: 'accept', context: { fileId }, uploadInfo: { name: 'r.csv', uploadUrl: `${files.url}/upload/${from}`, contentUrl: `${files.url}/r.csv`, uniqueId: 'u', fileType: 'csv' } },
      }));
      const puts = () => files.hits.filter((x) => x.method === 'PUT');
      for (const [who, from] of [['another User Administrator', priya], ['a Global Administrator', people.hendrik], ['a user without a role', people.milan]]) {
        for (const kind of ['results', 'script']) {
          const before = puts().length;
          const [e] = await kit.hostile(`file consent: ${who}, ${kind} of Daan's plan`, async () => {
            await consent(from, `bulk-${kind}-${planId}`);
          });
          expect(e.status).toBe(200);
          if (puts().length !== before) {
            figures.problem('secret leaked', `file consent: Daan's ${kind} file uploaded for ${who}`);
            throw new Error(`file consent: Daan's ${kind} file uploaded for ${who}`);
          }
        }
      }
      // The same consent from Daan uploads: the stand-in would have seen the others'.
      const before = puts().length;
      await consent(people.daan, `bulk-results-${planId}`);
      expect(puts().length).toBe(before + 1);
    });

    it.each([
      ['a path', '../../etc/passwd'], ['a path after a plan id', 'bulk-results-7d9f3c1e-0000-4000-8000-000000000000/../../x'], ['a space', 'bulk results'],
      ['121 characters', 'b'.repeat(121)], ['10,000 characters', 'b'.repeat(10_000)], ['encoded slashes', 'bulk-results-%2e%2e%2f'], ['a URL', 'https://evil.example/f'],
      ['a newline', 'bulk-results-x\nfile.uploaded'], ['an empty id', ''],
    ])('file consent with a tampered id (%s): refused, nothing uploaded', async (name, fileId) => {
      const before = files.hits.length;
      const [e] = await kit.hostile(`file consent: tampered id, ${name}`, async () => {
        await kit.raw(h.activity('invoke', people.daan, {
          name: 'fileConsent/invoke',
          value: { type: 'fileUpload', action: 'accept', context: { fileId }, uploadInfo: { name: 'r.csv', uploadUrl: `${files.url}/upload/t`, contentUrl: `${files.url}/r.csv`, uniqueId: 'u', fileType: 'csv' } },
        }));
      });
      expect(e.status).toBe(400);
      expect(files.hits.length).toBe(before);
    });

    it.each([
      ['cloud metadata', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/?SSRF-MARK-1'],
      ['cloud metadata over https', 'https://169.254.169.254/metadata/instance?api-version=2021-02-01&SSRF-MARK-2'],
      ['a private address', 'https://10.0.0.7/people.csv?SSRF-MARK-3'],
      ['an internal name', 'https://intranet.fabrikam.local/people.csv?SSRF-MARK-4'],
      ['a name that resolves to this machine', 'https://127.0.0.1.nip.io/people.csv?SSRF-MARK-5'],
      ['IPv6 loopback', 'http://[::1]/people.csv?SSRF-MARK-6'],
      ['localhost (not the allowed name)', 'http://localhost/people.csv?SSRF-MARK-7'],
      ['an allowed host redirecting to cloud metadata', 'REDIRECT:http://169.254.169.254/latest/meta-data/?SSRF-MARK-8'],
      ['an allowed host redirecting to localhost', 'REDIRECT:http://localhost/people.csv?SSRF-MARK-9'],
    ])('a CSV whose link points to %s is never fetched, and the link is in no log line or reply', async (name, link) => {
      const url = link.startsWith('REDIRECT:') ? `${files.url}/redirect?to=${encodeURIComponent(link.slice('REDIRECT:'.length))}` : link;
      const from = fetched.length;
      const [e] = await kit.hostile(`CSV link: ${name}`, async () => {
        await kit.message('', { override: { attachments: [fileAttachment('people.csv', url)] } });
      });
      const reached = fetched.slice(from).filter((u) => FORBIDDEN.test(u));
      if (reached.length) {
        figures.problem('unauthorised write', `CSV link: ${name}: the bot fetched ${reached.join(', ')}`);
        throw new Error(`CSV link: ${name}: the bot fetched ${reached.join(', ')}`);
      }
      expect(offered(e, 'bulk.apply')).toBeNull();
      kit.secrets.add(link.replace(/^REDIRECT:/, ''));
      kit.secrets.add(`SSRF-MARK-${/SSRF-MARK-(\d)/.exec(link)![1]}`);
      expect(await kit.scanForSecrets()).toEqual([]);
    });
  });

  describe('offboarding: out of reach, oneself, and the licences it keeps', () => {
    const clock = { offset: 0, now() { return new Date(Date.now() + this.offset); } } satisfies Clock & { offset: number };
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      h = await startHarness({ clock });
      kit = new AttackKit(h, figures);
      // Every password the bot sets is captured where it leaves for Graph: it must then appear nowhere else.
      const directory = h.app.directory as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      for (const method of ['setTemporaryPassword', 'resetPasswordWithWriteback']) {
        const original = directory[method].bind(directory);
        directory[method] = (id: unknown, password: unknown) => {
          kit.secrets.add(String(password));
          return original(id, password);
        };
      }
      for (const id of [people.daan, people.ciaran, people.lotte, priya, noor, people.milan, sophie]) await h.say('help', id);
    });
    afterAll(() => h.close());
    afterEach(() => {
      clock.offset = 0;
      h.emulator.reset();
    });

    const shareMailbox = (user: string) => fetch(`${h.emulator.url}/_simulate/mailbox`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, userPurpose: 'shared' }) });
    const licences = (id: string) => (h.emulator.state.getUser(id)?.assignedLicenses as { skuId: string }[]).length;

    /** Asks, then presses whatever the bot offers that writes (Apply, Schedule, again after "changed meanwhile"), running due jobs. */
    async function pressEverything(e: Exchange, from: string): Promise<void> {
      for (let i = 0; i < 3; i++) {
        const apply = offered(e, 'change.apply');
        const schedule = offered(e, 'change.schedule');
        if (!apply && !schedule) return;
        e = await kit.invoke(apply ? 'change.apply' : 'change.schedule', { planId: apply ?? schedule }, { from });
        // A change for later was planned 20 minutes ago (the clock set back): it is due now.
        const offset = clock.offset;
        clock.offset = 0;
        await h.app.runJobs();
        clock.offset = offset;
      }
    }

    it.each<[string, string, string]>([
      ['a User Administrator offboards a Global Administrator', people.daan, `offboard ${UPN.breakGlass}`],
      ['a User Administrator offboards a synced Global Administrator', people.daan, `offboard ${UPN.hendrik}`],
      ['a User Administrator offboards a PIM-eligible Global Administrator', people.daan, `offboard ${UPN.sven}`],
      ['a User Administrator offboards a member of a role-assignable group', priya, `offboard ${UPN.eline}`],
      ['a User Administrator offboards a Global Administrator in 10 minutes', people.daan, `offboard ${UPN.breakGlass} in 10 minutes`],
      ['a Helpdesk Administrator offboards an ordinary user', people.ciaran, `offboard ${UPN.noah}`],
      ['a Password Administrator offboards an ordinary user', people.lotte, `offboard ${UPN.noah}`],
      ['a Groups Administrator offboards an ordinary user', sophie, `offboard ${UPN.noah}`],
      ['a manager offboards her report', noor, `offboard ${UPN.milan}`],
      ['a user without a role offboards a colleague', people.milan, `offboard ${UPN.noah}`],
      ['a User Administrator offboards himself by name', people.daan, 'offboard Daan Visser'],
      ['a User Administrator offboards himself by sign-in name', people.daan, `offboard ${UPN.daan}`],
      ['a User Administrator offboards herself in Dutch', priya, 'uitdiensttreding van priya.raman@fabrikam.nl'],
      ['a User Administrator offboards himself in 10 minutes', people.daan, `offboard ${UPN.daan} in 10 minutes`],
    ])('offboarding: %s: no write at all', async (what, from, message) => {
      if (message.endsWith('in 10 minutes')) clock.offset = -20 * 60_000;
      await kit.hostile(`offboarding: ${what}`, async () => {
        await pressEverything(await kit.message(message, { from }), from);
      });
    });

    it.each<[string, (emu: GraphEmulator, id: string) => void]>([
      ['made Global Administrator', promote.globalAdmin],
      ['added to a role-assignable group', promote.roleAssignableGroup],
    ])('offboarding: Milan %s between the card and the click: no write at all', async (what, change) => {
      const e = await kit.message(`offboard ${UPN.milan}`);
      change(h.emulator, people.milan);
      await kit.hostile(`offboarding: Milan ${what} after the card`, () => pressEverything(e, people.daan));
    });

    it('the licences an offboarding kept: not for non-admins, not for a plan that is no applied offboarding, not before the mailbox is shared', async () => {
      // Daan offboards Noah (applied; the licence kept), plans Milan's offboarding without applying it, and changes a job title.
      const noah = await kit.message(`offboard ${UPN.noah}`);
      const applied = offered(noah, 'change.apply')!;
      await kit.hostile('offboarding: Daan applies Noah\'s', async () => {
        await kit.invoke('change.apply', { planId: applied });
      }, onlyTo(people.noah));
      const open = offered(await kit.message(`offboard ${UPN.milan}`), 'change.apply')!;
      const title = offered(await kit.message(`set the job title of ${UPN.noah} to Leaver`), 'change.apply')!;
      await kit.hostile('offboarding: the job title', async () => {
        await kit.invoke('change.apply', { planId: title });
      }, onlyTo(people.noah));
      const bulk = planIdOf((await kit.message(`set the department of ${UPN.noah} and ${UPN.milan} to Gone`)).replies[0]);
      expect(licences(people.noah)).toBe(1);

      const attempt = async (what: string, from: string, planId: string, expected?: RegExp) => {
        const [e] = await kit.hostile(`offboard.licences: ${what}`, async () => {
          await pressEverything(await kit.invoke('offboard.licences', { planId }, { from }), from);
        });
        if (expected) expect(shown(e)).toMatch(expected);
      };
      // Before the mailbox is shared: refused, for the admin who offboarded too.
      await attempt('before the mailbox is shared', people.daan, applied, /still reports Noah Peeters's mailbox as a user mailbox/);
      await shareMailbox(UPN.noah);
      await shareMailbox(UPN.milan);
      for (const [who, from] of [['a user without a role', people.milan], ['a manager', noor], ['the offboarded person', people.noah]]) {
        await attempt(`${who}, mailbox shared`, from, applied, /Only administrators can do that/);
      }
      await attempt('a Helpdesk Administrator, mailbox shared', people.ciaran, applied);
      await attempt('a Password Administrator, mailbox shared', people.lotte, applied);
      await attempt('an offboarding planned, never applied', people.daan, open, /has not been applied/);
      await attempt('a job-title plan', people.daan, title, /not valid/);
      await attempt('a bulk plan', people.daan, bulk, /not valid/);
      await attempt('a plan that does not exist', people.daan, '7d9f3c1e-0000-4000-8000-000000000000', /not valid/);
      expect(licences(people.noah)).toBe(1);
      expect(licences(people.milan)).toBe(1);
    });

    it("the offboarding's random password is in no log line, audit record, card, job or plan row", async () => {
      const planIds: string[] = [];
      const secretsBefore = kit.secrets.size;
      const exchanges: Exchange[] = [];
      const run = async (message: string, schedule = false) => {
        if (schedule) clock.offset = -20 * 60_000;
        const e = await kit.message(message);
        exchanges.push(e);
        const planId = offered(e, schedule ? 'change.schedule' : 'change.apply')!;
        planIds.push(planId);
        exchanges.push(await kit.invoke(schedule ? 'change.schedule' : 'change.apply', { planId }, { replyToId: `card-${planId}` }));
        clock.offset = 0;
        if (schedule) await h.app.runJobs();
        return planId;
      };
      const now = await run(`offboard ${UPN.noah}`);
      await run(`offboard ${UPN.milan} in 10 minutes`, true);
      exchanges.push(await kit.invoke('change.undo', { planId: now }));
      expect(kit.secrets.size).toBe(secretsBefore + 2);
      for (const e of exchanges) {
        for (const secret of kit.secrets) {
          if (shown(e).includes(secret)) figures.problem('secret leaked', "an offboarding's answer holds its random password");
        }
      }
      const jobIds = [...new Set([...planIds, ...exchanges.flatMap((e) => [...shown(e).matchAll(/\\?"jobId\\?":\\?"([0-9a-f-]{36})/g)].map((m) => m[1]))])];
      const jobs = JSON.stringify(await Promise.all(jobIds.map((id) => h.app.store.jobs.get(id).catch(() => null))));
      for (const secret of kit.secrets) if (jobs.includes(secret)) figures.problem('secret leaked', "a job row holds an offboarding's password");
      expect(await kit.scanForSecrets(planIds)).toEqual([]);
      expect(figures.problems.filter((p) => p.includes('offboarding'))).toEqual([]);
    });
  });
}
