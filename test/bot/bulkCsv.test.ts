import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { startGraphEmulator, type TenantFixtureInput } from '../../src/emulator';
import { FILE_DOWNLOAD_INFO } from '../../src/bulk/teamsFile';
import { DEMO_TENANT, people, requireCard, shown, startHarness, type Harness } from '../support/botHarness';

/*
 * A 1,000-row CSV sent in the personal chat (#15, acceptance): previewed, applied through $batch writes with throttled
 * items and lost answers injected; every row accounted for exactly once, every write landed once, none sent twice.
 */

const COUNT = 997;
const idOf = (n: number) => `aaaaaaaa-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const upnOf = (n: number) => `bulk.user${String(n).padStart(4, '0')}@fabrikam.nl`;

/** The demo tenant and COUNT cloud-only people in Sales. */
function bulkTenant(): TenantFixtureInput {
  const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8')) as TenantFixtureInput & { users: Record<string, unknown>[] };
  const noah = tenant.users.find((u) => u.id === people.noah)!;
  const extra = Array.from({ length: COUNT }, (_, i) => ({
    ...noah, id: idOf(i + 1), userPrincipalName: upnOf(i + 1), mail: upnOf(i + 1), displayName: `Bulk User ${String(i + 1).padStart(4, '0')}`,
    givenName: 'Bulk', surname: `User ${i + 1}`, department: 'Sales', jobTitle: 'Agent', manager: undefined, assignedLicenses: [],
  }));
  return { ...tenant, users: [...tenant.users, ...extra] };
}

/** 1,000 rows: COUNT people to Operations, then a stranger, a repeated row and a property the bot does not know. */
function csvFile(): string {
  const rows = Array.from({ length: COUNT }, (_, i) => `${upnOf(i + 1)};afdeling;Operations`);
  rows.push('nobody.here@fabrikam.nl;afdeling;Operations', `${upnOf(1)};afdeling;Finance`, `${upnOf(2)};schoenmaat;44`);
  return `\uFEFFpersoon;eigenschap;waarde\r\n${rows.join('\r\n')}\r\n`;
}

let files: Server;
let filesUrl = '';
let uploaded = '';
let uploadRange = '';
let h: Harness;

beforeAll(async () => {
  files = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method === 'PUT') {
        uploaded = body;
        uploadRange = String(req.headers['content-range']);
      }
      res.writeHead(req.method === 'GET' ? 200 : 201, { 'content-type': req.method === 'GET' ? 'text/csv' : 'application/json' });
      res.end(req.method === 'GET' ? csvFile() : '{}');
    });
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  // A seeded draw: the same items are throttled on every run.
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  h = await startHarness({ emulator: await startGraphEmulator({ tenant: bulkTenant(), random }), config: { fileDownloadHosts: ['127.0.0.1'] } });
}, 120_000);
afterAll(async () => {
  await h.close();
  await h.emulator.close();
  await new Promise<void>((resolve) => files.close(() => resolve()));
});

it('a 1,000-row CSV with throttled items and lost answers: every row once, every write landed once, none sent twice', async () => {
  const before = h.connector.sent.length;
  const attachment = { contentType: FILE_DOWNLOAD_INFO, name: 'mensen.csv', content: { downloadUrl: `${filesUrl}/mensen.csv`, uniqueId: 'u1', fileType: 'csv' } };
  await h.post(h.activity('message', people.daan, { text: '', attachments: [attachment] }, { locale: 'nl-NL' }));
  const sent = await h.connector.waitFor(before + 1);
  const preview = requireCard(sent[before]);
  const text = shown(preview);
  expect(text).toContain(`Wijziging voor 1000 personen`);
  expect(text).toMatch(new RegExp(`toe te passen in de cloud: ${COUNT}`));
  expect(text).toMatch(/niet mogelijk: 3/);
  const planId = JSON.stringify(preview).match(/"planId":"([^"]+)"/)![1];

  // Throttled items (5 %, Retry-After 1 s) and lost answers of writes that landed (5 PATCHes).
  h.emulator.faults.add({ match: { method: 'PATCH', inBatch: true }, lostResponse: true, times: 5 });
  h.emulator.faults.add({ match: { method: 'PATCH', inBatch: true }, status: 429, retryAfterSeconds: 1, rate: 0.05 });
  const logStart = h.emulator.requestLog.length;
  const r = await h.act('bulk.apply', { planId }, people.daan, { replyToId: 'bulk-card', locale: 'nl-NL' });
  expect(shown(r.body.value)).toMatch(/Bezig: 0 van 997 gedaan/);
  await h.app.runJobs();
  h.emulator.faults.clear();

  // Every person changed; every PATCH carried out exactly once (a lost answer is read back, never resent).
  for (let n = 1; n <= COUNT; n++) expect(h.emulator.state.getUser(idOf(n))!.department).toBe('Operations');
  const log = h.emulator.requestLog.slice(logStart).filter((e) => e.method === 'PATCH');
  const carriedOut = new Map<string, number>();
  for (const e of log) if (e.status !== 429) carriedOut.set(e.path, (carriedOut.get(e.path) ?? 0) + 1);
  expect(carriedOut.size).toBe(COUNT);
  expect([...carriedOut.values()].every((n) => n === 1)).toBe(true);
  expect(log.filter((e) => e.status === 504)).toHaveLength(5);
  expect(log.filter((e) => e.status === 429).length).toBeGreaterThan(10);

  // Every person audited once, applied; the stopped rows too.
  const records = await h.app.store.audit.listForPlan(planId);
  expect(records.filter((x) => x.outcome === 'applied')).toHaveLength(COUNT);
  expect(new Set(records.filter((x) => x.outcome === 'applied').map((x) => x.targetId)).size).toBe(COUNT);
  expect(records.filter((x) => x.outcome === 'refused')).toHaveLength(3);

  // The card ends with the count; the results come as a file, one line per row.
  const last = h.connector.sent.filter((s) => s.kind === 'update').pop()!;
  expect(shown(requireCard(last))).toMatch(/Klaar: 997 toegepast, 0 niet toegepast/);
  const consent = h.connector.sent.map((s) => s.activity.attachments?.[0]).find((a) => a?.contentType === 'application/vnd.microsoft.teams.card.file.consent');
  expect(consent).toBeDefined();
  const accept = await h.post(h.activity('invoke', people.daan, {
    name: 'fileConsent/invoke',
    value: { type: 'fileUpload', action: 'accept', context: consent!.content.acceptContext, uploadInfo: { name: 'account-assistant-results.csv', uploadUrl: `${filesUrl}/upload/1`, contentUrl: `${filesUrl}/results.csv`, uniqueId: 'f1', fileType: 'csv' } },
  }));
  expect(accept.status).toBe(200);
  const bytes = Buffer.byteLength(uploaded);
  expect(uploadRange).toBe(`bytes 0-${bytes - 1}/${bytes}`);
  expect(h.connector.sent.some((x) => x.activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.info')).toBe(true);
  const rows = parse(uploaded.replace(/^\uFEFF/, ''), { columns: true }) as { line: string; result: string; detail: string }[];
  expect(rows).toHaveLength(1000);
  expect(rows.map((x) => Number(x.line))).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));
  expect(rows.filter((x) => x.result === 'toegepast')).toHaveLength(COUNT);
  expect(rows.filter((x) => x.result === 'overgeslagen')).toHaveLength(3);
}, 180_000);
