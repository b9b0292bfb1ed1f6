import { AppError } from '../errors';

/** Keys that must never reach the store (audit records, cards kept for later), compared case-insensitively. `passwordPolicies` is a legitimate user property. */
const SECRET_KEYS = new Set(['password', 'newpassword', 'passwordprofile', 'secret', 'token', 'clientsecret', 'accesstoken', 'refreshtoken']);
const MAX_DEPTH = 32;

/** The path of the first secret-named key in `value` (e.g. `after.passwordProfile`), or null. */
export function findSecretKey(value: unknown, path: string, depth = 0): string | null {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, child] of entries) {
    const childPath = `${path}.${key}`;
    if (!Array.isArray(value) && SECRET_KEYS.has(key.toLowerCase())) return childPath;
    const found = findSecretKey(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws when a record about to be stored carries a secret-named key: the caller's redaction failed. */
export function assertNoSecrets(fields: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(fields)) {
    const path = findSecretKey(value, name);
    if (path) throw new AppError('INTERNAL', `Refusing to store a secret-named key: ${path}`, { path });
  }
}
