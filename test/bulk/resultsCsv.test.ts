import { parse } from 'csv-parse/sync';
import { csvCell, RESULTS_HEADER, resultsCsv, type ResultRow } from '../../src/bulk/resultsCsv';

const row = (over: Partial<ResultRow> = {}): ResultRow => ({
  line: 2, person: 'Jan de Vries', account: 'jan.devries@contoso.nl', property: 'jobTitle', value: 'Senior Planner',
  result: 'applied', detail: '', ...over,
});

describe('resultsCsv', () => {
  it('writes a header and one CRLF-terminated line per row, after a UTF-8 BOM for Excel', () => {
    expect(resultsCsv([row(), row({ line: 3, account: null, result: 'notFound', detail: 'No one is called Jan de Vries' })])).toBe(
      '\uFEFFline,person,account,property,value,result,detail\r\n' +
      '2,Jan de Vries,jan.devries@contoso.nl,jobTitle,Senior Planner,applied,\r\n' +
      '3,Jan de Vries,,jobTitle,Senior Planner,notFound,No one is called Jan de Vries\r\n',
    );
    expect(resultsCsv([])).toBe('\uFEFFline,person,account,property,value,result,detail\r\n');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('Vries, Jan de')).toBe('"Vries, Jan de"');
    expect(csvCell('The "best"')).toBe('"The ""best"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('semi;colon')).toBe('semi;colon');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+31 6 12345678', "'+31 6 12345678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
  ])('defuses %j as %s', (cell, written) => {
    expect(csvCell(cell)).toBe(written);
  });

  it('round-trips through csv-parse, formula cells arriving as text with their quote mark', () => {
    const rows: ResultRow[] = [
      row(),
      row({ line: 3, person: 'Vries, Jan "JJ" de', account: null, value: 'Line 1\r\nLine 2', result: 'failed', detail: 'Graph said: "no"' }),
      row({ line: 4, person: '=cmd|\' /C calc\'!A0', value: '@SUM(1,2)', property: 'department', detail: '-1' }),
      row({ line: 5, person: 'Zoë Ørsted', value: '', result: 'skipped', detail: 'duplicate of line 2' }),
    ];
    const records = parse(resultsCsv(rows), { bom: true }) as string[][];
    expect(records[0]).toEqual([...RESULTS_HEADER]);
    expect(records.slice(1)).toEqual([
      ['2', 'Jan de Vries', 'jan.devries@contoso.nl', 'jobTitle', 'Senior Planner', 'applied', ''],
      ['3', 'Vries, Jan "JJ" de', '', 'jobTitle', 'Line 1\r\nLine 2', 'failed', 'Graph said: "no"'],
      ['4', "'=cmd|' /C calc'!A0", 'jan.devries@contoso.nl', 'department', "'@SUM(1,2)", 'applied', "'-1"],
      ['5', 'Zoë Ørsted', 'jan.devries@contoso.nl', 'jobTitle', '', 'skipped', 'duplicate of line 2'],
    ]);
  });
});
