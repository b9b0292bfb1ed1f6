/**
 * The results of a bulk change as a CSV file for spreadsheet users: comma-separated, CRLF line ends, RFC 4180
 * quoting, and a UTF-8 byte order mark so that Excel reads names such as "Zoë" correctly.
 *
 * Cells come from people (names, values, messages): a cell that a spreadsheet would read as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading `'`, so it shows as text and is never run.
 */

export interface ResultRow {
  line: number;
  person: string;
  /** The account the person resolved to (user principal name), or null when none. */
  account: string | null;
  property: string;
  value: string;
  result: string;
  detail: string;
}

export const RESULTS_HEADER = ['line', 'person', 'account', 'property', 'value', 'result', 'detail'] as const;
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: formula-like text defused, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function resultsCsv(rows: readonly ResultRow[]): string {
  const lines = [RESULTS_HEADER.join(',')];
  for (const row of rows) {
    lines.push([row.line, row.person, row.account, row.property, row.value, row.result, row.detail].map(csvCell).join(','));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
