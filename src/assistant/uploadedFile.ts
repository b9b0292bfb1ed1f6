/**
 * A file someone sent the bot, as the assistant sees it: its name and text, or why there is no text. The bot
 * (src/bot) downloads it; the assistant never sees the download link.
 * - hostNotAllowed: the link points somewhere other than the allowed hosts (FILE_DOWNLOAD_HOSTS); not fetched.
 * - tooLarge / notText / failed: the download's own outcome (see src/bulk/teamsFile.ts).
 * - notPersonal: sent in a group chat or channel; not downloaded.
 * - notCsv: not a .csv file; not downloaded.
 */
/** - notAllowed: the sender may not change several people (no admin role); not downloaded. */
export type UploadedFileError = 'hostNotAllowed' | 'tooLarge' | 'failed' | 'notText' | 'notPersonal' | 'notCsv' | 'notAllowed';

export type UploadedFile = { name: string; text: string } | { name: string; error: UploadedFileError };

/** The content of a file the bot offered (a results CSV), read again when the user accepts it. */
export interface FileContent {
  name: string;
  content: string;
}
