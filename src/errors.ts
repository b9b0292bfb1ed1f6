/**
 * The project's error catalogue: stable codes, each mapped to user text (en, nl) in `i18n/`.
 * Code outside the edges throws `AppError`, never a bare Error with prose, so every failure
 * reaches the user in their language and reaches the log with a code an operator can search for.
 */
export type ErrorCode =
  | 'ACCOUNT_NOT_FOUND'
  | 'ACCOUNT_SYNCED'
  | 'GRAPH_FORBIDDEN'
  | 'GRAPH_NOT_FOUND'
  | 'GRAPH_THROTTLED'
  | 'GRAPH_UNAVAILABLE'
  | 'GRAPH_TIMEOUT'
  | 'GRAPH_BAD_REQUEST'
  | 'GRAPH_AUTH_FAILED'
  | 'GRAPH_ERROR'
  /** A list Graph pages through was longer than the bot will follow: the answer would be incomplete. */
  | 'GRAPH_INCOMPLETE'
  /** Someone's directory roles could not be read completely: treated as privileged, so the request is refused. */
  | 'ROLES_UNKNOWN'
  /** Graph refused the role read itself (403): the app registration lacks a role-reading permission. */
  | 'ROLES_FORBIDDEN'
  /** A write cut short by a crash before it reached Graph (found by the recovery: nothing landed). */
  | 'INTERRUPTED'
  /** A write cut short whose result Graph cannot show (a password reset, a sign-out). */
  | 'INTERRUPTED_UNKNOWN'
  /** Delegated mode: no token of the acting admin (never signed in, consent missing, or signed out): they sign in first. */
  | 'SIGN_IN_REQUIRED'
  /** Delegated mode: Entra refused the admin's own token (403): their roles, as Entra sees them now, do not allow it. */
  | 'ENTRA_REFUSED'
  | 'POLICY_DENIED'
  | 'TENANT_NOT_ALLOWED'
  | 'INVALID_INPUT'
  | 'INTERNAL';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A failed Graph call, with what an operator needs to find it in Microsoft's logs. */
export class DirectoryError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number,
    readonly graphCode: string | null,
    readonly requestId: string | null,
    /** True when a write timed out: it may have landed, so callers reconcile by reading. */
    readonly mayHaveLanded = false,
  ) {
    super(code, message);
    this.name = 'DirectoryError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * A problem that stops the start, for the deployer: one line that names what is wrong (a directory, a variable)
 * and what to do. The entry points print the message, never a stack trace, and exit.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
