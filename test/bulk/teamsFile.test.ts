import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readCsvRows } from '../../src/bulk/csvRows';
import { downloadFile, FILE_DOWNLOAD_INFO, fileOf, hostAllowed } from '../../src/bulk/teamsFile';

const SECRET = 'tempauth=eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.secret';

describe('fileOf', () => {
  const attachment = (over: Record<string, unknown> = {}, content: Record<string, unknown> = {}): Record<string, unknown> => ({
    contentType: FILE_DOWNLOAD_INFO,
    name: 'people.csv',
    content: { downloadUrl: `https://contoso-my.sharepoint.com/personal/jan/_layouts/15/download.aspx?UniqueId=1&${SECRET}`, uniqueId: '1', fileType: 'csv', ...content },
    ...over,
  });

  it('finds the file among the attachments', () => {
    const html = { contentType: 'text/html', content: '<p>here</p>' };
    expect(fileOf([html, attachment()])).toEqual({
      name: 'people.csv',
      downloadUrl: `https://contoso-my.sharepoint.com/personal/jan/_layouts/15/download.aspx?UniqueId=1&${SECRET}`,
      fileType: 'csv',
    });
  });

  it('takes the type from the name when the attachment does not say', () => {
    expect(fileOf([attachment({ name: 'Mensen.CSV' }, { fileType: undefined })])?.fileType).toBe('csv');
    expect(fileOf([attachment({ name: 'README' }, { fileType: 42 })])?.fileType).toBe('');
    expect(fileOf([attachment({}, { fileType: 'XLSX' })])?.fileType).toBe('xlsx');
  });

  it.each([
    ['not an array', { 0: attachment() }],
    ['no attachments', []],
    ['null', null],
    ['another content type', [attachment({ contentType: 'application/vnd.microsoft.teams.file.download.info.evil' })]],
    ['no content', [attachment({ content: undefined })]],
    ['content as a string', [attachment({ content: 'https://contoso-my.sharepoint.com/x' })]],
    ['no download URL', [attachment({}, { downloadUrl: undefined })]],
    ['a download URL that is not a URL', [attachment({}, { downloadUrl: 'not a url' })]],
    ['a file: URL', [attachment({}, { downloadUrl: 'file:///etc/passwd' })]],
    ['a javascript: URL', [attachment({}, { downloadUrl: 'javascript:alert(1)' })]],
    ['an enormous URL', [attachment({}, { downloadUrl: `https://contoso-my.sharepoint.com/${'a'.repeat(9000)}` })]],
    ['no name', [attachment({ name: undefined })]],
    ['an empty name', [attachment({ name: '  ' })]],
    ['a name with a line break', [attachment({ name: 'a\nb.csv' })]],
    ['an array as content', [attachment({ content: [] })]],
  ])('finds nothing in %s', (_, attachments) => {
    expect(fileOf(attachments)).toBeNull();
  });
});

describe('hostAllowed', () => {
  const patterns = ['*.sharepoint.com', 'files.fabrikam.nl'];
  it.each([
    ['contoso-my.sharepoint.com', true],
    ['CONTOSO.SharePoint.com', true],
    ['contoso.sharepoint.com.', true],
    ['a.b.sharepoint.com', true],
    ['sharepoint.com', false],
    ['evilsharepoint.com', false],
    ['contoso.sharepoint.com.evil.net', false],
    ['files.fabrikam.nl', true],
    ['x.files.fabrikam.nl', false],
    ['', false],
  ])('%s → %s', (host, expected) => {
    expect(hostAllowed(host, patterns)).toBe(expected);
  });

  it('ignores patterns with a wildcard anywhere but the first label', () => {
    expect(hostAllowed('a.sharepoint.com', ['*', '*.', 'a.*.com', '*.*.com', 'a*.sharepoint.com'])).toBe(false);
  });
});

describe('downloadFile', () => {
  let server: Server;
  let base: string;
  let port: number;
  const requests: IncomingMessage[] = [];
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/people.csv': (_, res) => res.end('person,property,value\r\nJan,jobTitle,Planner\r\n'),
    '/bom-semicolon.csv': (_, res) => res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Persoon;Eigenschap;Waarde\r\nZoë Bakker;afdeling;Inkoop\r\n', 'utf8')])),
    '/big': (_, res) => res.end('x'.repeat(5000)),
    '/big-chunked': (_, res) => {
      // No content-length: the limit must hold while streaming.
      res.writeHead(200, { 'content-type': 'text/csv', 'transfer-encoding': 'chunked' });
      let sent = 0;
      const more = (): void => {
        if (sent >= 100) return void res.end();
        sent++;
        res.write('y'.repeat(1000), more);
      };
      more();
    },
    '/lying-length': (_, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.end();
    },
    '/slow': () => { /* never answers */ },
    '/slow-body': (_, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('person,property,value\n');
    },
    '/elsewhere': (_, res) => { res.writeHead(302, { location: `http://localhost:${port}/people.csv` }); res.end(); },
    '/elsewhere-https': (_, res) => { res.writeHead(302, { location: 'https://evil.example.com/steal' }); res.end(); },
    '/same-host': (_, res) => { res.writeHead(307, { location: '/people.csv' }); res.end(); },
    '/loop': (_, res) => { res.writeHead(302, { location: '/loop' }); res.end(); },
    '/missing': (_, res) => { res.writeHead(404); res.end('not found'); },
    '/binary': (_, res) => res.end(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00])),
    '/utf16': (_, res) => res.end(Buffer.from('\ufeffperson,property,value', 'utf16le')),
    '/latin1': (_, res) => res.end(Buffer.from('person,property,value\nZo\xeb,city,Utrecht', 'latin1')),
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      const route = routes[(req.url ?? '').split('?')[0]];
      if (route) route(req, res);
      else { res.writeHead(404); res.end(); }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => { requests.length = 0; });

  const options = { allowedHosts: ['127.0.0.1'], maxBytes: 4096, timeoutMs: 2000 };

  it('downloads a small text file with a plain GET and no credentials', async () => {
    expect(await downloadFile(`${base}/people.csv?${SECRET}`, options)).toEqual({ ok: true, text: 'person,property,value\r\nJan,jobTitle,Planner\r\n' });
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('GET');
    expect(requests[0].headers.authorization).toBeUndefined();
    expect(requests[0].headers.cookie).toBeUndefined();
  });

  it('drops a UTF-8 BOM; a ";" file then reads as rows', async () => {
    const result = await downloadFile(`${base}/bom-semicolon.csv`, options);
    expect(result).toEqual({ ok: true, text: 'Persoon;Eigenschap;Waarde\r\nZoë Bakker;afdeling;Inkoop\r\n' });
    expect(result.ok && readCsvRows(result.text)).toEqual({
      ok: true, rows: [{ line: 2, person: 'Zoë Bakker', property: 'department', value: 'Inkoop' }], problems: [],
    });
  });

  it('refuses a file larger than maxBytes as declared', async () => {
    expect(await downloadFile(`${base}/big`, options)).toEqual({ ok: false, reason: 'tooLarge' });
    expect(await downloadFile(`${base}/big`, { ...options, maxBytes: 5000 })).toMatchObject({ ok: true });
  });

  it('stops reading a streamed file as soon as it passes maxBytes', async () => {
    expect(await downloadFile(`${base}/big-chunked`, options)).toEqual({ ok: false, reason: 'tooLarge' });
  });

  it('fails a body shorter than its declared length', async () => {
    expect(await downloadFile(`${base}/lying-length`, options)).toEqual({ ok: false, reason: 'failed' });
  });

  it('times out on a server that does not answer, and on one that stops mid-body', async () => {
    const started = Date.now();
    expect(await downloadFile(`${base}/slow`, { ...options, timeoutMs: 200 })).toEqual({ ok: false, reason: 'failed' });
    expect(await downloadFile(`${base}/slow-body`, { ...options, timeoutMs: 200 })).toEqual({ ok: false, reason: 'failed' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses a redirect to another host, even an allowed one', async () => {
    expect(await downloadFile(`${base}/elsewhere`, options)).toEqual({ ok: false, reason: 'hostNotAllowed' });
    expect(await downloadFile(`${base}/elsewhere`, { ...options, allowedHosts: ['127.0.0.1', 'localhost'] })).toEqual({ ok: false, reason: 'hostNotAllowed' });
    expect(await downloadFile(`${base}/elsewhere-https`, { ...options, allowedHosts: ['127.0.0.1', 'evil.example.com'] })).toEqual({ ok: false, reason: 'hostNotAllowed' });
    expect(requests.map((r) => r.url)).toEqual(['/elsewhere', '/elsewhere', '/elsewhere-https']);
  });

  it('follows a redirect within the same host, but not forever', async () => {
    expect(await downloadFile(`${base}/same-host`, options)).toMatchObject({ ok: true });
    expect(await downloadFile(`${base}/loop`, options)).toEqual({ ok: false, reason: 'failed' });
    expect(requests.filter((r) => r.url === '/loop')).toHaveLength(4);
  });

  it('fails on an HTTP error and on a server that is not there', async () => {
    expect(await downloadFile(`${base}/missing`, options)).toEqual({ ok: false, reason: 'failed' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await downloadFile(`http://127.0.0.1:${freePort}/people.csv`, options)).toEqual({ ok: false, reason: 'failed' });
  });

  it.each([['/binary'], ['/utf16'], ['/latin1']])('refuses %s as not text', async (path) => {
    expect(await downloadFile(`${base}${path}`, options)).toEqual({ ok: false, reason: 'notText' });
  });

  it.each([
    ['a host not in the list', 'https://evil.example.com/people.csv', ['*.sharepoint.com']],
    ['http to a real host, even an allowed one', 'http://contoso-my.sharepoint.com/people.csv', ['*.sharepoint.com']],
    ['http to loopback not in the list', 'http://127.0.0.1:1/people.csv', ['*.sharepoint.com']],
    ['http to loopback allowed only by a wildcard', 'http://localhost:1/people.csv', ['*']],
    ['credentials in the URL', 'https://user:pass@contoso-my.sharepoint.com/people.csv', ['*.sharepoint.com']],
    ['a file: URL', 'file:///etc/passwd', ['*.sharepoint.com']],
    ['not a URL', 'contoso-my.sharepoint.com/people.csv', ['*.sharepoint.com']],
    ['an empty list', 'https://contoso-my.sharepoint.com/people.csv', []],
  ])('refuses %s without a request', async (_, url, allowedHosts) => {
    const spy = jest.fn();
    expect(await downloadFile(url, { ...options, allowedHosts, fetch: spy as unknown as typeof fetch })).toEqual({ ok: false, reason: 'hostNotAllowed' });
    expect(spy).not.toHaveBeenCalled();
  });

  it('fetches an allowed https host with redirects handled by hand', async () => {
    const spy = jest.fn(async (..._args: Parameters<typeof fetch>) => new Response('person,property,value\n'));
    const url = `https://contoso-my.sharepoint.com/personal/jan/_layouts/15/download.aspx?UniqueId=1&${SECRET}`;
    expect(await downloadFile(url, { ...options, allowedHosts: ['*.sharepoint.com'], fetch: spy as unknown as typeof fetch })).toEqual({ ok: true, text: 'person,property,value\n' });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][0]).toBe(url);
    expect(spy.mock.calls[0][1]).toMatchObject({ method: 'GET', redirect: 'manual' });
  });

  it('never puts the URL in its answer, even when fetch throws an error that quotes it', async () => {
    const url = `https://contoso-my.sharepoint.com/x?${SECRET}`;
    const throwing = (async () => { throw new TypeError(`fetch failed: ${url}`); }) as unknown as typeof fetch;
    const result = await downloadFile(url, { ...options, allowedHosts: ['*.sharepoint.com'], fetch: throwing });
    expect(result).toEqual({ ok: false, reason: 'failed' });
    expect(JSON.stringify(result)).not.toContain('tempauth');
  });
});
