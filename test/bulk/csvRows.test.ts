import { detectDelimiter, MAX_BYTES, MAX_ROWS, readCsvRows, type BulkRow } from '../../src/bulk/csvRows';
import { accountEnabledValue, propertyFromLabel } from '../../src/bulk/propertyName';

function rowsOf(text: string): { rows: BulkRow[]; problems: unknown[] } {
  const result = readCsvRows(text);
  if (!result.ok) throw new Error(`expected rows, got ${result.reason}`);
  return result;
}

describe('readCsvRows', () => {
  it('reads person, property and value columns with a comma', () => {
    const { rows, problems } = rowsOf('person,property,value\nJan de Vries,jobTitle,Senior Planner\nanouk@contoso.nl,department,Finance\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, person: 'Jan de Vries', property: 'jobTitle', value: 'Senior Planner' },
      { line: 3, person: 'anouk@contoso.nl', property: 'department', value: 'Finance' },
    ]);
  });

  it('reads Dutch Excel: BOM, CRLF, ";" and Dutch headers in another order, extra columns ignored', () => {
    const text = '\uFEFFWaarde;Opmerking;Persoon;Eigenschap\r\nInkoop;tijdelijk;Jan de Vries;afdeling\r\n"Senior; Planner";;Anouk Jansen;Functie\r\n';
    expect(rowsOf(text).rows).toEqual([
      { line: 2, person: 'Jan de Vries', property: 'department', value: 'Inkoop' },
      { line: 3, person: 'Anouk Jansen', property: 'jobTitle', value: 'Senior; Planner' },
    ]);
  });

  it('takes headers case-insensitively and any number of spaces around them', () => {
    expect(rowsOf(' PERSON , Property ,VALUE\nJan,city,Utrecht').rows).toEqual([{ line: 2, person: 'Jan', property: 'city', value: 'Utrecht' }]);
  });

  it('chooses the delimiter from the header line only', () => {
    expect(detectDelimiter('person;property;value\nJan,Piet,Klaas,x,y')).toBe(';');
    expect(detectDelimiter('person,property,value\nJan;a;b;c;d;e')).toBe(',');
    expect(detectDelimiter('\n"a;b;c",person,property\n')).toBe(',');
    expect(detectDelimiter('person')).toBe(',');
  });

  it('keeps quoted commas, quotes and line breaks inside a value; numbers rows as a spreadsheet does', () => {
    const text = 'person,property,value\n"Vries, Jan de",streetAddress,"Stationsplein 1\nUtrecht"\n\nLars,jobTitle,"The ""best"" planner"\n';
    expect(rowsOf(text).rows).toEqual([
      { line: 2, person: 'Vries, Jan de', property: 'streetAddress', value: 'Stationsplein 1\nUtrecht' },
      { line: 4, person: 'Lars', property: 'jobTitle', value: 'The "best" planner' },
    ]);
  });

  it('trims values and reads an empty value as "clear"', () => {
    expect(rowsOf('person,property,value\n  Jan  ,  mobile  ,   \nJan,department,  Sales  ').rows).toEqual([
      { line: 2, person: 'Jan', property: 'mobilePhone', value: null },
      { line: 3, person: 'Jan', property: 'department', value: 'Sales' },
    ]);
  });

  it('reads a short row (missing value column) as a clear', () => {
    expect(rowsOf('person,property,value\nJan,manager').rows).toEqual([{ line: 2, person: 'Jan', property: 'manager', value: null }]);
  });

  it.each([
    ['jobTitle', 'jobTitle'], ['job title', 'jobTitle'], ['Job Title', 'jobTitle'], ['job_title', 'jobTitle'], ['functie', 'jobTitle'],
    ['afdeling', 'department'], ['department', 'department'], ['mobile', 'mobilePhone'], ['mobiel', 'mobilePhone'],
    ['manager', 'manager'], ['leidinggevende', 'manager'], ['businessPhones', 'businessPhones'], ['telefoonnummer', 'businessPhones'],
    ['postcode', 'postalCode'], ['land', 'country'], ['usageLocation', 'usageLocation'], ['personeelsnummer', 'employeeId'],
    ['blocked', 'accountEnabled'], ['sign-in', 'accountEnabled'], ['Sign in', 'accountEnabled'], ['accountEnabled', 'accountEnabled'],
    ['geblokkeerd', 'accountEnabled'], ['voornaam', 'givenName'], ['achternaam', 'surname'],
  ])('reads the property %j as %s', (label, property) => {
    expect(propertyFromLabel(label)?.property).toBe(property);
    expect(rowsOf(`person,property,value\nJan,${label},x`).rows[0].property).toBe(property);
  });

  it.each([
    ['accountEnabled', 'true', true], ['accountEnabled', 'FALSE', false], ['sign-in', 'yes', true], ['sign-in', 'no', false],
    ['account', 'ja', true], ['account', 'nee', false], ['accountEnabled', 'blocked', false], ['accountEnabled', 'enabled', true],
    ['account', 'geblokkeerd', false], ['blocked', 'yes', false], ['blocked', 'no', true], ['geblokkeerd', 'ja', false],
    ['geblokkeerd', 'nee', true], ['blocked', 'blocked', false], ['blocked', 'enabled', true],
  ])('reads %s = %j as accountEnabled %s', (label, value, expected) => {
    expect(rowsOf(`person,property,value\nJan,${label},${value}`).rows[0]).toEqual({ line: 2, person: 'Jan', property: 'accountEnabled', value: expected });
  });

  it('leaves an unknown sign-in word as text, for the planner to refuse', () => {
    expect(rowsOf('person,property,value\nJan,blocked,maybe').rows[0].value).toBe('maybe');
    expect(accountEnabledValue('perhaps', false)).toBeNull();
  });

  it('reads a stray quote inside a cell as text, as Excel does', () => {
    expect(rowsOf('person,property,value\nJan,jobTitle,12" monitor specialist\n').rows[0].value).toBe('12" monitor specialist');
  });

  it('keeps cells that start with = + - @ as written', () => {
    const { rows } = rowsOf('person,property,value\nJan,jobTitle,=1+1\nPiet,jobTitle,+31 6 1234\nKlaas,jobTitle,-x\nAnna,jobTitle,"@SUM(A1)"\n');
    expect(rows.map((r) => r.value)).toEqual(['=1+1', '+31 6 1234', '-x', '@SUM(A1)']);
  });

  it('reports rows it cannot use, and keeps the others', () => {
    const text = [
      'person,property,value',
      'Jan,jobTitle,Planner', // 2
      ',department,Sales', // 3
      'Anouk,,Sales', // 4
      'Lars,favourite colour,blue', // 5
      'JAN,job title,Senior Planner', // 6: same person and property as row 2
      'Jan,department,Sales', // 7: another property of Jan is fine
    ].join('\n');
    const result = readCsvRows(text);
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, person: 'Jan', property: 'jobTitle', value: 'Planner' },
        { line: 7, person: 'Jan', property: 'department', value: 'Sales' },
      ],
      problems: [
        { line: 3, person: null, reason: 'missingPerson', params: {} },
        { line: 4, person: 'Anouk', reason: 'missingProperty', params: {} },
        { line: 5, person: 'Lars', reason: 'unknownProperty', params: { property: 'favourite colour' } },
        { line: 6, person: 'JAN', reason: 'duplicate', params: { property: 'jobTitle', firstLine: '2' } },
      ],
    });
  });

  it('skips blank rows (also ";;;" rows Excel writes) without renumbering the others', () => {
    const text = '\n\nperson;property;value\n;;\nJan;city;Utrecht\n  ;  ;  \n';
    expect(readCsvRows(text)).toEqual({ ok: true, rows: [{ line: 5, person: 'Jan', property: 'city', value: 'Utrecht' }], problems: [] });
  });

  it.each([
    ['', 'empty'], ['   \r\n  \n', 'empty'], ['\uFEFF', 'empty'], ['person,property,value\n', 'empty'], ['person,property,value\n,,\n', 'empty'],
    ['Jan,jobTitle,Planner\n', 'noHeader'], ['person,property\nJan,jobTitle', 'noHeader'], ['name;field;new\nJan;city;Utrecht', 'noHeader'],
  ])('refuses %j as %s', (text, reason) => {
    expect(readCsvRows(text)).toMatchObject({ ok: false, reason });
  });

  it('refuses a file it cannot read (an unclosed quote), naming the row where the bad cell starts', () => {
    expect(readCsvRows('person,property,value\nJan,jobTitle,"Planner\nPiet,city,Utrecht\n')).toEqual({ ok: false, reason: 'unreadable', params: { line: 2 } });
    expect(readCsvRows('\nperson,property,value\nJan,city,Utrecht\n\nPiet,city,"Utrecht\n')).toEqual({ ok: false, reason: 'unreadable', params: { line: 5 } });
  });

  it('refuses more than 512 KiB before parsing', () => {
    const big = 'person,property,value\n' + 'x'.repeat(MAX_BYTES);
    expect(readCsvRows(big)).toEqual({ ok: false, reason: 'tooLarge', params: { maxKiB: 512 } });
    // Bytes, not characters: 300,000 "é" are 600,000 bytes.
    expect(readCsvRows('person,property,value\nJan,city,' + 'é'.repeat(300_000))).toMatchObject({ ok: false, reason: 'tooLarge' });
  });

  it(`takes ${MAX_ROWS} rows, and refuses ${MAX_ROWS + 1} saying how many`, () => {
    const file = (n: number): string => ['person;property;value', ...Array.from({ length: n }, (_, i) => `user${i}@contoso.nl;department;Sales`)].join('\r\n');
    const ok = readCsvRows(file(MAX_ROWS));
    expect(ok.ok && ok.rows.length).toBe(MAX_ROWS);
    expect(ok.ok && ok.rows[MAX_ROWS - 1]).toEqual({ line: MAX_ROWS + 1, person: `user${MAX_ROWS - 1}@contoso.nl`, property: 'department', value: 'Sales' });
    expect(readCsvRows(file(MAX_ROWS + 1))).toEqual({ ok: false, reason: 'tooManyRows', params: { count: MAX_ROWS + 1, max: MAX_ROWS } });
  });
});
