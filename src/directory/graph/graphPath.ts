/**
 * Safe URL building for Graph. Raw input never reaches a URL unescaped:
 * path segments are percent-encoded whole (a `/`, `?`, `#` or `..` in an id stays inside its segment),
 * OData string literals double every `'`, and query values are percent-encoded (the JS client does not).
 */

/** `graphPath\`/users/${id}/manager\`` — every interpolated value becomes one encoded path segment. */
export function graphPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeSegment(values[i]) : ''), '');
}

function encodeSegment(value: string): string {
  // '.' and '..' are the only segments that survive encodeURIComponent and still change the path.
  if (value === '.' || value === '..' || value === '') throw new RangeError('invalid path segment');
  return encodeURIComponent(value);
}

/** An OData string literal: `'O''Brien'`. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A `$search` clause value: `"displayName:Tom"`, with `"` and `\` escaped as Graph expects. */
export function searchClause(property: string, value: string): string {
  return `"${property}:${value.replace(/["\\]/g, '\\$&')}"`;
}

/** `?$select=a,b&$filter=…`, every value percent-encoded; undefined values are left out. */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
