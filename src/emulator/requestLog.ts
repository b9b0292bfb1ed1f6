/** One request the emulator answered, as tests inspect it. Never holds a password or a token. */
export interface LoggedRequest {
  method: string;
  /** Path below the host, e.g. `/v1.0/users/abc` (for $batch items: the item's own path). */
  path: string;
  query: Record<string, string>;
  /** A lower-cased subset of the request headers (never Authorization). */
  headers: Record<string, string>;
  /** Whether an `Authorization: Bearer …` header was sent. */
  hasAuth: boolean;
  /** Parsed JSON body with secrets replaced by "[redacted]". */
  body: unknown;
  /** 0 when a `hang` fault swallowed the request. */
  status: number;
  requestId: string;
  /** ISO time the request arrived. */
  time: string;
  /** Time the emulator spent on the request, in fractional milliseconds. */
  durationMs: number;
  /** Set for the items of a $batch: the request-id of the enclosing batch. */
  batchRequestId?: string;
  /**
   * Set when the request carried a valid delegated token of the emulator's issuer: the signed-in user's object id
   * (the `oid` claim), whose roles judged it. Never the token.
   */
  delegatedUserId?: string;
  /** The answer came from an injected fault. */
  fault?: boolean;
  /** Message of an unexpected exception (status 500), for debugging the emulator itself. */
  error?: string;
}

const LOGGED_HEADERS = ['consistencylevel', 'client-request-id', 'content-type', 'prefer', 'accept-language', 'sdkversion', 'if-match', 'user-agent'];
/** Keys whose values are secrets wherever they appear in a body (passwordProfile.password, resetPassword's newPassword). */
const SECRET_KEYS = new Set(['password', 'newpassword', 'currentpassword', 'client_secret', 'clientsecret']);

export function loggedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

/** A deep copy of a JSON value with every secret-named property replaced by "[redacted]". */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any Graph body: cut it rather than walk (or leak) it.
  if (depth > 32) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.has(k.toLowerCase()) && v !== null && v !== undefined ? '[redacted]' : redactSecrets(v, depth + 1);
  }
  return out;
}

/** The request log: a live array tests read, bounded so a 100,000-request benchmark does not grow it forever. */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  constructor(private readonly limit = 10_000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    // Trim in chunks: one splice per thousand requests instead of a shift per request.
    if (this.entries.length > this.limit + 1_000) this.entries.splice(0, this.entries.length - this.limit);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
