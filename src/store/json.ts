/**
 * A JSON value: whatever JSON.stringify represents faithfully (no Dates, Maps, undefined or functions).
 * Typed as `unknown` on purpose: callers pass their own interfaces in, and must validate what comes back out
 * (a row may have been written by an older version of the bot).
 */
export type Json = unknown;
