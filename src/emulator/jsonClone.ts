/**
 * Deep copy of a JSON value (objects, arrays, primitives). Used instead of structuredClone, which is an
 * order of magnitude slower on Node 20 — it made loading a 100,000-user tenant take a minute.
 */
export function jsonClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(jsonClone) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = jsonClone((value as Record<string, unknown>)[key]);
  return out as T;
}
