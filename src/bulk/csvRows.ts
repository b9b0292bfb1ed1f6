/**
 * Reads a bulk-change spreadsheet (CSV) into rows of "person, property, value".
 *
 * Columns `person, property, value` (or Dutch `persoon, eigenschap, waarde`) in any order, named in a header row;
 * other columns are ignored. `,` or `;` (Dutch Excel) as the delimiter, seen from the header line. Values are
 * trimmed but not validated: the planner does that, row by row, with its own messages. Nothing is evaluated: a
 * cell starting with `=` is text like any other.
 */
import { parse } from 'csv-parse/sync';
import type { ChangeableProperty } from '../language/request';
import { accountEnabledValue, propertyFromLabel } from './propertyName';

export interface BulkRow {
  /** The row number a spreadsheet shows (the header is row 1). */
  line: number;
  /** As written, trimmed: a name or an e-mail address, resolved later. */
  person: string;
  property: ChangeableProperty;
  /** Trimmed text; `true`/`false` for accountEnabled when the cell is a sign-in word; `null` (empty cell) clears. */
  value: string | boolean | null;
}

export interface RowProblem {
  line: number;
  person: string | null;
  reason: 'unknownProperty' | 'missingPerson' | 'missingProperty' | 'duplicate';
  /** unknownProperty: `property` as written; duplicate: `property` and `firstLine`, the row it repeats. */
  params: Record<string, string>;
}

export type CsvRows =
  | { ok: true; rows: BulkRow[]; problems: RowProblem[] }
  | { ok: false; reason: 'empty' | 'noHeader' | 'tooManyRows' | 'tooLarge' | 'unreadable'; params?: Record<string, string | number> };

/** At most this many data rows in one file. */
export const MAX_ROWS = 1000;
/** At most this much text (UTF-8 bytes) in one file. */
export const MAX_BYTES = 512 * 1024;

type Column = 'person' | 'property' | 'value';
const HEADERS: Record<string, Column> = {
  person: 'person', persoon: 'person',
  property: 'property', eigenschap: 'property',
  value: 'value', waarde: 'value',
};

/** `;` when the header line has more semicolons than commas outside quotes, else `,`. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') {
      if (commas + semicolons > 0) break;
    } else if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

function headerColumns(record: readonly string[]): Record<Column, number> | null {
  const found: Partial<Record<Column, number>> = {};
  record.forEach((cell, i) => {
    const column = HEADERS[cell.normalize('NFC').trim().toLowerCase()];
    if (column && found[column] === undefined) found[column] = i;
  });
  const { person, property, value } = found;
  return person === undefined || property === undefined || value === undefined ? null : { person, property, value };
}

const isBlank = (record: readonly string[]): boolean => record.every((cell) => cell.trim() === '');

/** The rows of a bulk file, each bad row as a problem; or why the file as a whole cannot be read. */
export function readCsvRows(text: string): CsvRows {
  if (Buffer.byteLength(text, 'utf8') > MAX_BYTES) return { ok: false, reason: 'tooLarge', params: { maxKiB: MAX_BYTES / 1024 } };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, reason: 'empty' };

  let records: string[][];
  try {
    records = parse(body, {
      delimiter: detectDelimiter(body),
      // Blank lines stay records, so that a record's index is the row number a spreadsheet shows.
      skip_empty_lines: false,
      relax_column_count: true,
      relax_quotes: true,
      cast: false,
    }) as string[][];
  } catch (e) {
    // The row the parser was reading: the records before it, plus one (blank lines are records too).
    const records = (e as { records?: unknown }).records;
    return { ok: false, reason: 'unreadable', params: typeof records === 'number' ? { line: records + 1 } : {} };
  }

  const headerIndex = records.findIndex((record) => !isBlank(record));
  if (headerIndex < 0) return { ok: false, reason: 'empty' };
  const columns = headerColumns(records[headerIndex]);
  if (!columns) return { ok: false, reason: 'noHeader' };

  const data: { line: number; record: string[] }[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    if (!isBlank(records[i])) data.push({ line: i + 1, record: records[i] });
  }
  if (data.length === 0) return { ok: false, reason: 'empty' };
  if (data.length > MAX_ROWS) return { ok: false, reason: 'tooManyRows', params: { count: data.length, max: MAX_ROWS } };

  const rows: BulkRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, record } of data) {
    const cell = (i: number): string => (record[i] ?? '').trim();
    const person = cell(columns.person);
    const label = cell(columns.property);
    const raw = cell(columns.value);
    if (!person) {
      problems.push({ line, person: null, reason: 'missingPerson', params: {} });
      continue;
    }
    if (!label) {
      problems.push({ line, person, reason: 'missingProperty', params: {} });
      continue;
    }
    const name = propertyFromLabel(label);
    if (!name) {
      problems.push({ line, person, reason: 'unknownProperty', params: { property: label } });
      continue;
    }
    const key = `${person.normalize('NFC').toLowerCase()}\u0000${name.property}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, person, reason: 'duplicate', params: { property: name.property, firstLine: String(first) } });
      continue;
    }
    seen.set(key, line);
    let value: string | boolean | null = raw === '' ? null : raw;
    if (name.property === 'accountEnabled' && raw !== '') value = accountEnabledValue(raw, name.negated) ?? raw;
    rows.push({ line, person, property: name.property, value });
  }
  return { ok: true, rows, problems };
}
