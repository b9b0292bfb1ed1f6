import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { file as fileReply, text } from '../../src/assistant/reply';
import { TeamsMessenger } from '../../src/bot/teamsMessenger';
import { FILE_CONSENT_CARD, consentOf, forConversation, uploadFile } from '../../src/bot/teamsFiles';
import { toActivity } from '../../src/bot/toActivity';
import { FILE_DOWNLOAD_INFO } from '../../src/bulk/teamsFile';
import { memoryLogger } from '../../src/logger';
import { allText } from '../support/fakeConnector';
import { people, startHarness, type Harness } from '../support/botHarness';

/** A stand-in for OneDrive: serves downloads and takes uploads, recording every request. */
interface Hit {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const CSV = 'user,property,value\nnoah@contoso.example,department,Finance\n';
/** A pre-authenticated link is a secret: this marker must never reach a log line or a message. */
const SECRET = 'tempauth=SECRET-TOKEN-123';

let files: Server;
let filesUrl = '';
const hits: Hit[] = [];
let h: Harness;

beforeAll(async () => {
  files = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(CSV);
        return;
      }
      res.writeHead(req.method === 'PUT' ? 201 : 405, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  // The harness's configuration: files only from the local stand-in (not `localhost`, to show a host refused).
  h = await startHarness({ config: { fileDownloadHosts: ['127.0.0.1'] } });
});

afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => files.close(() => resolve()));
});

beforeEach(() => {
  hits.length = 0;
});

const fileAttachment = (name: string, downloadUrl: string, fileType = 'csv') => ({
  contentType: FILE_DOWNLOAD_INFO,
  contentUrl: 'https://contoso-my.sharepoint.com/personal/daan/Documents/Applications/Account%20Assistant/' + name,
  name,
  content: { downloadUrl, uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType, etag: '123' },
});

/** Posts a message with a file as Daan; resolves when the turn is over (the bot answers a message only after it). */
async function sendFile(attachment: unknown, opts: { conversationType?: string; text?: string; tenantId?: string } = {}) {
  const before = h.connector.sent.length;
  const r = await h.post(h.activity('message', people.daan, { text: opts.text ?? '', attachments: [attachment] }, opts));
  expect(r.status).toBeLessThan(300);
  return h.connector.sent.slice(before);
}

const consentInvoke = (value: unknown, opts: { conversationType?: string; replyToId?: string } = {}) =>
  h.activity('invoke', people.daan, { name: 'fileConsent/invoke', value, ...(opts.replyToId ? { replyToId: opts.replyToId } : {}) }, opts);

const uploadInfo = (uploadUrl: string) => ({
  name: 'results.csv',
  uploadUrl,
  contentUrl: 'https://contoso-my.sharepoint.com/personal/daan/Documents/Applications/Account%20Assistant/results.csv',
  uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
  fileType: 'csv',
  etag: '123',
});

describe('a file sent to the bot', () => {
  it('in the personal chat is downloaded once and handed to the assistant, whose answer is no error', async () => {
    const replies = await sendFile(fileAttachment('people.csv', `${filesUrl}/download/people.csv?${SECRET}`), { text: 'help' });
    expect(hits.filter((x) => x.method === 'GET')).toHaveLength(1);
    expect(hits).toHaveLength(1);
    expect(h.logLines.join('\n')).not.toContain('turn.failed');
    expect(allText(replies)).not.toMatch(/Something went wrong on my side/);
    expect(h.logLines.some((l) => l.includes('file.downloaded') && l.includes('"outcome":"ok"'))).toBe(true);
  });

  it('never logs or repeats the download link', async () => {
    const replies = await sendFile(fileAttachment('people.csv', `${filesUrl}/download/people.csv?${SECRET}`));
    expect(hits).toHaveLength(1);
    expect(h.logLines.join('\n')).not.toContain('SECRET-TOKEN');
    expect(allText(replies)).not.toContain('SECRET-TOKEN');
  });

  it('in a group chat or a channel is not downloaded', async () => {
    await sendFile(fileAttachment('people.csv', `${filesUrl}/download/people.csv`), { conversationType: 'groupChat' });
    await sendFile(fileAttachment('people.csv', `${filesUrl}/download/people.csv`), { conversationType: 'channel' });
    expect(hits).toHaveLength(0);
  });

  it('on a host that is not allowed is not fetched', async () => {
    const port = (files.address() as AddressInfo).port;
    await sendFile(fileAttachment('people.csv', `http://localhost:${port}/download/people.csv`));
    await sendFile(fileAttachment('people.csv', `http://127.0.0.1.nip.io:${port}/download/people.csv`));
    expect(hits).toHaveLength(0);
    expect(h.logLines.some((l) => l.includes('file.downloaded') && l.includes('hostNotAllowed'))).toBe(true);
    expect(h.logLines.join('\n')).not.toContain(`localhost:${port}`);
  });

  it('from someone without an admin role is not downloaded, and they are told what they can do', async () => {
    const before = h.connector.sent.length;
    const r = await h.post(h.activity('message', people.milan, { text: '', attachments: [fileAttachment('people.csv', `${filesUrl}/download/people.csv`)] }));
    expect(r.status).toBeLessThan(300);
    const sent = await h.connector.waitFor(before + 1);
    expect(hits).toHaveLength(0);
    expect(allText(sent.slice(before))).toMatch(/for admins/);
  });

  it('that is not a CSV is not downloaded', async () => {
    await sendFile(fileAttachment('people.xlsx', `${filesUrl}/download/people.xlsx`, 'xlsx'));
    expect(hits).toHaveLength(0);
  });

  it('from another tenant is not downloaded (the turn is refused before the bot)', async () => {
    await sendFile(fileAttachment('people.csv', `${filesUrl}/download/people.csv`), { tenantId: '00000000-0000-0000-0000-000000000000' });
    expect(hits).toHaveLength(0);
  });
});

describe('a file the bot offers', () => {
  it('is a FileConsentCard naming the file, its size and only its id', () => {
    const activity = toActivity(fileReply({ name: 'results.csv', description: 'Results of your bulk change', fileId: 'bulk:run-1', sizeInBytes: 1234 }));
    expect(activity.attachments).toEqual([{
      contentType: FILE_CONSENT_CARD,
      name: 'results.csv',
      content: { description: 'Results of your bulk change', sizeInBytes: 1234, acceptContext: { fileId: 'bulk:run-1' }, declineContext: { fileId: 'bulk:run-1' } },
    }]);
  });

  it('goes only to a personal chat', () => {
    const log = memoryLogger('debug');
    const offer = fileReply({ name: 'results.csv', description: 'd', fileId: 'f-1', sizeInBytes: 1 });
    expect(forConversation([text('a'), offer], 'personal', log)).toHaveLength(2);
    expect(forConversation([text('a'), offer], 'groupChat', log)).toEqual([text('a')]);
    expect(forConversation([offer], 'channel', log)).toEqual([]);
    expect(log.lines.filter((l) => l.includes('file.notPersonal'))).toHaveLength(2);
  });

  it('reaches a user proactively in their personal chat, and never a channel', async () => {
    await h.say('help'); // Daan's 1:1 chat is now known to the bot.
    const log = memoryLogger('debug');
    const messenger = new TeamsMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '', h.app.store.conversations, log);
    const offer = fileReply({ name: 'results.csv', description: 'Results', fileId: 'bulk:run-2', sizeInBytes: 99 });
    const before = h.connector.sent.length;
    const posted = await messenger.sendToUser(people.daan, offer);
    expect(posted).not.toBeNull();
    const sent = h.connector.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].conversationId).toBe(`conv-${people.daan}`);
    expect(sent[0].activity.attachments?.[0]).toMatchObject({ contentType: FILE_CONSENT_CARD, name: 'results.csv', content: { acceptContext: { fileId: 'bulk:run-2' } } });

    const channel = { serviceUrl: h.connector.url, channelId: 'msteams', conversation: { id: '19:abc@thread.tacv2', conversationType: 'channel', tenantId: 'x' } };
    expect(await messenger.post(channel, offer)).toBeNull();
    expect(h.connector.sent.length).toBe(before + 1);
  });
});

describe('the answer to a file consent card', () => {
  it('accepted, for a file the assistant does not have (or not for this user): 200, nothing uploaded or sent', async () => {
    const before = h.connector.sent.length;
    const r = await h.post(consentInvoke({ type: 'fileUpload', action: 'accept', context: { fileId: 'bulk:no-such-run' }, uploadInfo: uploadInfo(`${filesUrl}/upload/session-1`) }, { replyToId: 'consent-1' }));
    expect(r.status).toBe(200);
    expect(hits).toHaveLength(0);
    expect(h.connector.sent.length).toBe(before);
    expect(h.connector.deleted).toHaveLength(0);
    expect(h.logLines.some((l) => l.includes('file.uploadRefused') && l.includes('noContent'))).toBe(true);
  });

  // Accepted for a real results file (one PUT with Content-Range and the CSV, then a FileInfoCard): test/bot/bulkCsv.test.ts.

  it('accepted, with an upload URL on a host that is not allowed: 200, nothing read, uploaded or sent', async () => {
    const port = (files.address() as AddressInfo).port;
    const before = h.connector.sent.length;
    for (const url of [`http://localhost:${port}/upload/elsewhere`, `https://evil.example.com/upload?${SECRET}`]) {
      const r = await h.post(consentInvoke({ type: 'fileUpload', action: 'accept', context: { fileId: 'bulk-results-00000000-0000-0000-0000-000000000000' }, uploadInfo: uploadInfo(url) }));
      expect(r.status).toBe(200);
    }
    expect(hits).toHaveLength(0);
    expect(h.connector.sent.length).toBe(before);
    expect(h.logLines.filter((l) => l.includes('file.uploadRefused') && l.includes('hostNotAllowed'))).toHaveLength(2);
    expect(h.logLines.join('\n')).not.toContain('SECRET-TOKEN');
  });

  it('with a tampered file id is refused (400) and nothing is uploaded', async () => {
    for (const fileId of ['../../etc/passwd', 'bulk run', 'x'.repeat(121), '', 42, null]) {
      const r = await h.post(consentInvoke({ type: 'fileUpload', action: 'accept', context: { fileId }, uploadInfo: uploadInfo(`${filesUrl}/upload/tampered`) }));
      expect(r.status).toBe(400);
    }
    expect(hits).toHaveLength(0);
  });

  it('of an odd shape is refused (400)', async () => {
    for (const value of [undefined, null, 'accept', {}, { action: 'accept' }, { action: 'maybe', context: { fileId: 'f-1' } }, { action: 'accept', context: ['f-1'] }]) {
      const r = await h.post(consentInvoke(value));
      expect(r.status).toBe(400);
    }
    expect(h.logLines.join('\n')).not.toContain('turn.failed');
  });

  it('declined: 200, nothing uploaded or sent', async () => {
    const before = h.connector.sent.length;
    const r = await h.post(consentInvoke({ type: 'fileUpload', action: 'decline', context: { fileId: 'bulk:run-1' } }));
    expect(r.status).toBe(200);
    expect(hits).toHaveLength(0);
    expect(h.connector.sent.length).toBe(before);
    expect(h.logLines.some((l) => l.includes('file.declined'))).toBe(true);
  });

  it('accepted in a group chat: 200, nothing uploaded', async () => {
    const r = await h.post(consentInvoke({ type: 'fileUpload', action: 'accept', context: { fileId: 'bulk:run-1' }, uploadInfo: uploadInfo(`${filesUrl}/upload/group`) }, { conversationType: 'groupChat' }));
    expect(r.status).toBe(200);
    expect(hits).toHaveLength(0);
  });
});

describe('uploading into the session Teams gives', () => {
  it('puts the whole file in one request with Content-Length and Content-Range', async () => {
    const content = 'user,result\nnoah@contoso.example,changed ✓\n';
    const n = Buffer.byteLength(content, 'utf8');
    expect(await uploadFile(`${filesUrl}/upload/session-2?${SECRET}`, content, { allowedHosts: ['127.0.0.1'], timeoutMs: 5_000 })).toEqual({ ok: true });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ method: 'PUT', body: content });
    expect(hits[0].headers['content-length']).toBe(String(n));
    expect(hits[0].headers['content-range']).toBe(`bytes 0-${n - 1}/${n}`);
  });

  it('sends nothing to a host that is not allowed', async () => {
    const port = (files.address() as AddressInfo).port;
    for (const url of [`http://localhost:${port}/upload`, `https://evil.example.com/upload`, `http://user:pw@127.0.0.1:${port}/upload`, 'not a url', `ftp://127.0.0.1:${port}/`]) {
      expect(await uploadFile(url, 'a', { allowedHosts: ['127.0.0.1', '*.sharepoint.com'], timeoutMs: 1_000 })).toEqual({ ok: false, reason: 'hostNotAllowed' });
    }
    expect(hits).toHaveLength(0);
  });

  it('reports a refused upload without throwing', async () => {
    const fails = createServer((_req, res) => {
      res.writeHead(413);
      res.end();
    });
    await new Promise<void>((resolve) => fails.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(fails.address() as AddressInfo).port}/upload`;
      expect(await uploadFile(url, 'a', { allowedHosts: ['127.0.0.1'], timeoutMs: 2_000 })).toEqual({ ok: false, reason: 'failed', status: 413 });
    } finally {
      await new Promise<void>((resolve) => fails.close(() => resolve()));
    }
  });

  it('reads only what Teams documents from a consent answer', () => {
    expect(consentOf({ type: 'fileUpload', action: 'decline', context: { fileId: 'f-1' } })).toEqual({ action: 'decline', fileId: 'f-1' });
    expect(consentOf({ action: 'accept', context: { fileId: 'f-1' } })).toEqual({ action: 'accept', fileId: 'f-1', upload: null });
    expect(consentOf({ action: 'accept', context: { fileId: 'f-1' }, uploadInfo: uploadInfo('https://x.sharepoint.com/u') })).toMatchObject({ upload: { uploadUrl: 'https://x.sharepoint.com/u', name: 'results.csv', fileType: 'csv' } });
  });
});
