/**
 * A file someone sent the bot in a personal chat, and its download.
 *
 * Teams stores the file in the sender's OneDrive and puts a `file.download.info` attachment on the message, whose
 * `downloadUrl` is a short-lived, pre-authenticated link: fetched with a plain GET, no token. That link is a
 * secret: it is never logged, returned in an error or put in a message. Nothing in the attachment is trusted:
 * the shape is checked here, and the host, size and time of the download in `downloadFile`.
 */

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export interface TeamsFile {
  /** The file's name as the sender's client gave it (untrusted text: show it, never use it as a path). */
  name: string;
  /** Secret: see above. */
  downloadUrl: string;
  /** Lower-case extension without the dot ("csv"), or '' when neither the attachment nor the name says. */
  fileType: string;
}

const MAX_NAME = 255;
const MAX_URL = 8192;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const FILE_TYPE = /^[a-z0-9]{1,16}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first file of a personal-chat message's attachments, or null when there is none of a valid shape. */
export function fileOf(attachments: unknown): TeamsFile | null {
  if (!Array.isArray(attachments)) return null;
  for (const attachment of attachments) {
    const file = fileFrom(attachment);
    if (file) return file;
  }
  return null;
}

function fileFrom(attachment: unknown): TeamsFile | null {
  if (!isObject(attachment) || attachment.contentType !== FILE_DOWNLOAD_INFO) return null;
  const { name, content } = attachment;
  if (typeof name !== 'string' || !isObject(content)) return null;
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_NAME || CONTROL.test(trimmed)) return null;
  const { downloadUrl, fileType } = content;
  if (typeof downloadUrl !== 'string' || downloadUrl.length > MAX_URL) return null;
  let url: URL;
  try {
    url = new URL(downloadUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const declared = typeof fileType === 'string' ? fileType.trim().toLowerCase().replace(/^\./, '') : '';
  const extension = /\.([^.]+)$/.exec(trimmed)?.[1].toLowerCase() ?? '';
  const type = FILE_TYPE.test(declared) ? declared : FILE_TYPE.test(extension) ? extension : '';
  return { name: trimmed, downloadUrl, fileType: type };
}

export interface DownloadOptions {
  /** Host names, exact (`contoso-my.sharepoint.com`) or with a leading wildcard label (`*.sharepoint.com`). */
  allowedHosts: string[];
  maxBytes: number;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export type Download =
  | { ok: true; text: string }
  | { ok: false; reason: 'hostNotAllowed' | 'tooLarge' | 'failed' | 'notText' };

/** Plain http only to the machine itself, and only when it is allowed explicitly (development and tests). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);
const MAX_REDIRECTS = 3;

/** Whether `host` (a URL's hostname) matches one of the patterns; `*.x.y` matches any name below x.y, not x.y itself. */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!name) return false;
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase().replace(/\.$/, '');
    if (pattern.startsWith('*.')) {
      const suffix = pattern.slice(1);
      return !suffix.slice(1).includes('*') && suffix.length > 1 && name.endsWith(suffix) && name.length > suffix.length;
    }
    return !pattern.includes('*') && pattern !== '' && name === pattern;
  });
}

/**
 * The URL when it may be fetched from or uploaded to: https to an allowed host, or http to an explicitly allowed
 * loopback host (development and tests). The one check for downloads (CSV files) and uploads (results files).
 */
export function permitted(raw: string, allowedHosts: readonly string[]): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === 'https:') return hostAllowed(url.hostname, allowedHosts) ? url : null;
  if (url.protocol === 'http:') {
    const host = url.hostname.toLowerCase();
    return LOOPBACK.has(host) && allowedHosts.some((h) => h.trim().toLowerCase() === host) ? url : null;
  }
  return null;
}

/**
 * Downloads a small text file: https only to allowed hosts, redirects followed only within the same host,
 * at most `maxBytes` read, all within `timeoutMs`. UTF-8 (a BOM is dropped); NUL bytes or invalid UTF-8 are `notText`.
 */
export async function downloadFile(url: string, options: DownloadOptions): Promise<Download> {
  const first = permitted(url, options.allowedHosts);
  if (!first) return { ok: false, reason: 'hostNotAllowed' };
  let target: URL = first;
  const doFetch = options.fetch ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(1, options.timeoutMs));
  const timedOut = new Promise<Download>((resolve) => {
    controller.signal.addEventListener('abort', () => resolve({ ok: false, reason: 'failed' }), { once: true });
  });
  const attempt = async (): Promise<Download> => {
    for (let hop = 0; ; hop++) {
      const response = await doFetch(target.href, {
        method: 'GET',
        redirect: 'manual',
        signal: controller.signal,
        headers: { accept: 'text/csv, text/plain;q=0.9, */*;q=0.1' },
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (!location || hop >= MAX_REDIRECTS) return { ok: false, reason: 'failed' };
        let next: URL;
        try {
          next = new URL(location, target);
        } catch {
          return { ok: false, reason: 'failed' };
        }
        // A pre-authenticated link has no business elsewhere: another host (or scheme) is refused.
        const allowed = permitted(next.href, options.allowedHosts);
        if (!allowed || allowed.protocol !== target.protocol || allowed.hostname !== target.hostname) {
          return { ok: false, reason: 'hostNotAllowed' };
        }
        target = allowed;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, reason: 'failed' };
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, reason: 'tooLarge' };
      }
      const bytes = await readAtMost(response, options.maxBytes);
      if (bytes === null) return { ok: false, reason: 'tooLarge' };
      return decode(bytes);
    }
  };
  try {
    return await Promise.race([attempt(), timedOut]);
  } catch {
    // Never the error itself: fetch errors may quote the URL.
    return { ok: false, reason: 'failed' };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** The body, or null as soon as it passes `max` bytes (the rest is not read). */
async function readAtMost(response: Response, max: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function decode(bytes: Uint8Array): Download {
  if (bytes.includes(0)) return { ok: false, reason: 'notText' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'notText' };
  }
}
