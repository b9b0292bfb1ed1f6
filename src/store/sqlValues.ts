import { randomUUID } from 'node:crypto';

/** Conversions between TS values and SQL parameters/columns, shared by the Sql* stores. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LIMIT = 1000;

export function newId(): string {
  return randomUUID();
}

/** Ids arrive from card actions, i.e. from users: anything that is not a UUID simply matches nothing. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** Bound for a `$n::text::jsonb` parameter: the text cast keeps both drivers from re-encoding strings or arrays. */
export function jsonParam(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function limitParam(limit: number): number {
  return Number.isFinite(limit) ? Math.min(Math.max(Math.trunc(limit), 1), MAX_LIMIT) : MAX_LIMIT;
}

/** ISO 8601 in UTC, whichever form the driver returned the timestamptz in. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}
