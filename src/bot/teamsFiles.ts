import type { Attachment } from 'botbuilder';
import type { Caller } from '../assistant/caller';
import type { FileReply, Reply } from '../assistant/reply';
import type { UploadedFile } from '../assistant/uploadedFile';
import { MAX_BYTES } from '../bulk/csvRows';
import { downloadFile, fileOf, permitted } from '../bulk/teamsFile';
import type { Logger } from '../logger';

/**
 * Files in Teams' personal chat, the bot's side (see ../shared/reference and Microsoft's "Send and receive files
 * using bot"): a file the user sends arrives as a `file.download.info` attachment whose link the bot downloads; a file
 * the bot sends is first offered on a FileConsentCard, and only once the user accepts does Teams give an upload URL
 * in the user's OneDrive, where the bot PUTs the bytes and then posts a FileInfoCard pointing at the file.
 * Every link involved is a secret (pre-authenticated): never logged, never put in a message.
 */

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** Our own file ids only: anything else in a consent invoke's context was not put there by us. */
export const FILE_ID = /^[A-Za-z0-9:_-]{1,120}$/;

export interface FileOptions {
  /** Host patterns files may be downloaded from and uploaded to (FILE_DOWNLOAD_HOSTS). */
  allowedHosts: string[];
  maxBytes: number;
  /** Per download and per upload. */
  timeoutMs: number;
}

export const DEFAULT_FILE_OPTIONS: FileOptions = { allowedHosts: ['*.sharepoint.com'], maxBytes: MAX_BYTES, timeoutMs: 15_000 };

/** The consent card offering a file: the content travels only after the user accepts, by `fileId`. */
export function fileConsentAttachment(reply: FileReply): Attachment {
  return {
    contentType: FILE_CONSENT_CARD,
    name: reply.name,
    content: {
      description: reply.description,
      sizeInBytes: reply.sizeInBytes,
      acceptContext: { fileId: reply.fileId },
      declineContext: { fileId: reply.fileId },
    },
  };
}

/**
 * The replies that may go to a conversation of this kind: a file only to the personal chat (Teams' file consent works
 * nowhere else, and a results file is personal). The assistant never offers one elsewhere; if it did, it is dropped.
 */
export function forConversation(replies: Reply[], kind: Caller['conversation']['type'], log: Logger): Reply[] {
  if (kind === 'personal') return replies;
  const kept = replies.filter((r) => r.type !== 'file');
  if (kept.length !== replies.length) log.warn('file.notPersonal', { conversationType: kind, dropped: replies.length - kept.length });
  return kept;
}

/**
 * The file of a message, as the assistant gets it: downloaded when it is a CSV in the personal chat; otherwise only
 * its name and why not. Null when the message carries no Teams file.
 */
export async function receiveFile(
  attachments: unknown, kind: Caller['conversation']['type'], options: FileOptions, log: Logger,
  /** Whether the sender may use a file at all (an admin): asked before anything is fetched. */
  allowed: () => Promise<boolean> = async () => true,
): Promise<UploadedFile | null> {
  const file = fileOf(attachments);
  if (!file) return null;
  const { name } = file;
  if (kind !== 'personal') return { name, error: 'notPersonal' };
  if (file.fileType !== 'csv') return { name, error: 'notCsv' };
  // Nobody makes the bot fetch a file that it would refuse to read for them.
  if (!(await allowed())) return { name, error: 'notAllowed' };
  const started = Date.now();
  const download = await downloadFile(file.downloadUrl, { allowedHosts: options.allowedHosts, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs });
  // Never the URL (a secret), nor its host: the outcome and how long it took are enough.
  log.info('file.downloaded', { outcome: download.ok ? 'ok' : download.reason, ms: Date.now() - started, ...(download.ok ? { chars: download.text.length } : {}) });
  return download.ok ? { name, text: download.text } : { name, error: download.reason };
}

/** What Teams sends when the user acts on a consent card, checked: only our own file id, only its two actions. */
export type Consent =
  | { action: 'decline'; fileId: string }
  | { action: 'accept'; fileId: string; upload: UploadInfo | null };

export interface UploadInfo {
  /** Secret: a pre-authenticated upload session in the user's OneDrive. */
  uploadUrl: string;
  /** Where the uploaded file is, for the FileInfoCard. */
  contentUrl: string;
  name: string;
  uniqueId: string;
  fileType: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shortString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** A `fileConsent/invoke` value, or null when it is not one we could have caused. */
export function consentOf(value: unknown): Consent | null {
  if (!isRecord(value) || !isRecord(value.context)) return null;
  const { fileId } = value.context;
  if (typeof fileId !== 'string' || !FILE_ID.test(fileId)) return null;
  if (value.action === 'decline') return { action: 'decline', fileId };
  if (value.action !== 'accept') return null;
  const info = value.uploadInfo;
  const upload = isRecord(info) && shortString(info.uploadUrl, 8192) && shortString(info.contentUrl, 8192) && shortString(info.name, 255)
    ? {
      uploadUrl: info.uploadUrl,
      contentUrl: info.contentUrl,
      name: info.name,
      uniqueId: typeof info.uniqueId === 'string' ? info.uniqueId.slice(0, 200) : '',
      fileType: typeof info.fileType === 'string' ? info.fileType.slice(0, 16) : '',
    }
    : null;
  return { action: 'accept', fileId, upload };
}

/** The upload URL when the bytes may go there: the same rule as for downloads. */
export const uploadTarget = permitted;

export type Upload = { ok: true } | { ok: false; reason: 'hostNotAllowed' | 'failed'; status?: number };

/**
 * Puts the whole file into the upload session in one request (`Content-Range: bytes 0-(n-1)/n`; OneDrive's limit
 * for one request is far above our 512 KiB). No redirects are followed. Never throws; the URL never leaves here.
 */
export async function uploadFile(raw: string, content: string, options: Pick<FileOptions, 'allowedHosts' | 'timeoutMs'>, doFetch: typeof fetch = fetch): Promise<Upload> {
  const url = uploadTarget(raw, options.allowedHosts);
  if (!url) return { ok: false, reason: 'hostNotAllowed' };
  const bytes = Buffer.from(content, 'utf8');
  const n = bytes.byteLength;
  // An upload session takes byte ranges: an empty file has none (a results file always has its header line).
  if (n === 0) return { ok: false, reason: 'failed' };
  try {
    const response = await doFetch(url.href, {
      method: 'PUT',
      redirect: 'error',
      signal: AbortSignal.timeout(Math.max(1, options.timeoutMs)),
      headers: {
        'Content-Length': String(n),
        'Content-Range': `bytes 0-${n - 1}/${n}`,
      },
      body: bytes,
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok ? { ok: true } : { ok: false, reason: 'failed', status: response.status };
  } catch {
    // Not the error itself: fetch errors may quote the URL.
    return { ok: false, reason: 'failed' };
  }
}

/** The card Teams shows for a file in the user's OneDrive, after the upload. */
export function fileInfoAttachment(upload: UploadInfo): Attachment {
  return {
    contentType: FILE_INFO_CARD,
    contentUrl: upload.contentUrl,
    name: upload.name,
    content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
  };
}
