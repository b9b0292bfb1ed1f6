/**
 * Request headers as a plain object with lower-case names, whatever form the SDK or a caller used (a plain
 * object, a `Headers`, a list of pairs). Plain objects because every Graph call goes through here twice and a
 * `Headers` instance costs more than the request's own header writing.
 */
export function plainHeaders(init: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!init) return out;
  const pairs: Iterable<[string, string]> = init instanceof Headers ? init.entries() : Array.isArray(init) ? (init as [string, string][]) : Object.entries(init as Record<string, string>);
  for (const [name, value] of pairs) out[name.toLowerCase()] = String(value);
  return out;
}
