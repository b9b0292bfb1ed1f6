import type { LoggedRequest } from '../../src/emulator';

/**
 * The requests in an emulator log that could change the tenant: every one that is not a GET, but for a `$batch`
 * envelope, which writes nothing itself (its items are logged one by one, a write among them as a write). A `$batch` of
 * reads (a person's roles) is no write.
 */
export function writesIn(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter((e) => e.method !== 'GET' && !e.path.endsWith('/$batch'));
}
