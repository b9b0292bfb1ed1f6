import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { people, startHarness, type Harness } from '../support/botHarness';
import { AttackKit, graphIsClean, shown, stringsOf } from './attackKit';
import type { Figures } from './figures';

/** Characters that must never reach a written value: controls, bidi overrides and isolates, zero-width. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** A server that counts every request: the bot must never be talked into calling it. */
class Bait {
  hits = 0;
  url = '';
  private server?: Server;
  async start(): Promise<this> {
    this.server = createServer((_req, res) => {
      this.hits++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

/** Text: OData and path injection, Unicode tricks, markup, CR/LF, very long messages, floods. */
export function textCases(figures: Figures): void {
  describe('hostile text', () => {
    let h: Harness;
    let kit: AttackKit;
    let bait: Bait;
    beforeAll(async () => {
      bait = await new Bait().start();
      h = await startHarness();
      kit = new AttackKit(h, figures);
    });
    afterAll(async () => {
      await h.close();
      await bait.stop();
    });

    const names = () => [
      "o'brien", "O''Brien", "x' or startswith(displayName,'a", "') or true or ('", "' or 1 eq 1 or displayName eq '", "a&$top=999",
      'a&$filter=true', '#', '%27', "%27 or 1 eq 1", 'noah.peeters@fabrikam.nl&$select=passwordProfile', "Noah'); DELETE /users('",
      '../users', `users/${people.hendrik}/../${people.noah}`, `${people.noah}/manager/$ref`, `${people.noah}?$select=*`, `${bait.url}/steal`,
      'https://graph.microsoft.com/v1.0/users', '\\\\server\\share', '${jndi:ldap://x}', '{{7*7}}', '<script>alert(1)</script>',
    ];
    const forms: [string, (x: string) => string][] = [
      ['show', (x) => `show ${x}`],
      ['sync question', (x) => `is ${x} synced?`],
      ['change', (x) => `set the job title of ${x} to Injected`],
      ['Dutch change', (x) => `zet de functie van ${x} op Geïnjecteerd`],
      ['history', (x) => `history of ${x}`],
    ];

    it('OData and path injection in names: Graph sees escaped literals and fixed paths, nothing is written, the bait is never called', async () => {
      const from = h.emulator.requestLog.length;
      for (const name of names()) {
        for (const [form, make] of forms) {
          await kit.hostile(`injection (${form}): ${name}`, async () => {
            await kit.message(make(name));
          });
        }
      }
      expect(graphIsClean(h.emulator.requestLog.slice(from))).toEqual([]);
      expect(bait.hits).toBe(0);
      expect(h.emulator.state.getUser(people.noah)?.jobTitle).not.toBe('Injected');
    });

    it("an apostrophe is a name, not a quote: O'Brien is found", async () => {
      const e = await kit.message("show Siobhán O'Brien");
      expect(shown(e)).toContain("O'Brien");
    });

    it.each<[string, string]>([
      ['a zero-width space splitting a shared first name', 'Ma\u200bria'],
      ['a soft hyphen in a shared first name', 'To\u00adm'],
      ['a bidi override before a shared first name', '\u202eMaria'],
      ['full-width letters for a shared first name', 'Ｍａｒｉａ'],
      ['a Cyrillic a in a shared first name (a homoglyph)', 'M\u0430ria'],
      ['a Greek capital Tau in a shared first name', '\u03a4om'],
    ])('%s: the bot asks or finds no one, never picks', async (name, who) => {
      const [e] = await kit.hostile(`unicode: ${name}`, async () => {
        await kit.message(`set the usage location of ${who} to Japan`);
      });
      // A plan card (usage location is cloud-managed even for these synced accounts) would name one person.
      expect(shown(e)).not.toContain('change.apply');
      expect(shown(e)).not.toMatch(/Change (Maria|Tom) /);
    });

    it.each<[string, string]>([
      ['a bidi override', 'Lead\u202eresU nimdA'],
      ['zero-width characters', 'Le\u200bad\u200d'],
      ['a NUL and a bell', 'Lead\u0000\u0007'],
      ['an ANSI escape', 'Lead\u001b[31m'],
      ['CR/LF and a forged log line', 'Lead\r\n{"level":"error","event":"forged","admin":"yes"}'],
      ['a line separator', 'Lead\u2028Owner'],
    ])('a value with %s: never written with it, logs stay one JSON object per line', async (name, value) => {
      const logFrom = h.logLines.length;
      const [e] = await kit.hostile(`value with ${name}`, async () => {
        const plan = await kit.message(`set the job title of noah.peeters@fabrikam.nl to ${value}`);
        const planId = /"planId":"([^"]+)"/.exec(shown(plan))?.[1];
        if (planId) await kit.invoke('change.apply', { planId });
      }, (w) => w.method === 'PATCH' && !stringsOf(w.body).some((v) => INVISIBLE.test(v)));
      expect(e.status).toBe(200);
      expect(INVISIBLE.test(String(h.emulator.state.getUser(people.noah)?.jobTitle ?? ''))).toBe(false);
      for (const line of h.logLines.slice(logFrom)) {
        expect(line).not.toMatch(/[\r\n\u2028]/);
        expect(JSON.parse(line).event).not.toBe('forged');
      }
    });

    it.each<[string, string]>([
      ['100,000 characters of one word', 'a'.repeat(100_000)],
      ['100,000 characters of words', 'set the title of Noah to x '.repeat(3_700)],
      ['5,000 chained changes', `set the job title of noah.peeters@fabrikam.nl to ${Array.from({ length: 5_000 }, (_, i) => `T${i} and department to D${i}`).join(' and ')}`],
      ['deeply nested quotes and brackets', `show ${'("'.repeat(20_000)}`],
      ['200,000 characters of emoji', '🙂'.repeat(50_000)],
    ])('%s: one short answer', async (name, text) => {
      const [e] = await kit.hostile(`long message: ${name}`, async () => {
        await kit.message(text);
      });
      expect(e.status).toBe(200);
      expect(e.replies).toHaveLength(1);
      expect(shown(e).length).toBeLessThan(20_000);
    });
  });

  describe('a flood from one user', () => {
    let h: Harness;
    let kit: AttackKit;
    beforeAll(async () => {
      h = await startHarness({ rateLimit: { burst: 5, perMinute: 5 } });
      kit = new AttackKit(h, figures);
    });
    afterAll(() => h.close());

    it('30 messages and 10 card actions in a burst: 5 served, one notice, the rest dropped before any Graph call; others unaffected', async () => {
      const exchanges = await kit.hostile('flood', async () => {
        for (let i = 0; i < 30; i++) await kit.message('show noah.peeters@fabrikam.nl', { from: people.milan, answerExpected: false });
        for (let i = 0; i < 10; i++) await kit.invoke('change.apply', { planId: 'flood' }, { from: people.milan, answerExpected: false });
      });
      const answered = exchanges.filter((e) => e.replies.length > 0);
      expect(answered).toHaveLength(6);
      expect(shown(answered[5])).toMatch(/faster than I handle/);
      const graphCallsByMilan = h.emulator.requestLog.filter((e) => e.path.includes(people.milan) || e.query.$filter?.includes('noah.peeters'));
      expect(graphCallsByMilan.length).toBeLessThanOrEqual(5 * 3);
      const invokes = exchanges.filter((e) => e.kind === 'invoke');
      for (const e of invokes) expect(e.status).toBe(200);
      expect(shown(invokes[0])).toMatch(/faster than I handle/);

      const other = await kit.message('help', { from: people.daan });
      expect(other.replies).toHaveLength(1);
      expect(shown(other)).not.toMatch(/faster than I handle/);
    });
  });
}
