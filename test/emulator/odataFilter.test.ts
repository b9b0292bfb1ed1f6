import { compileFilter, type FilterSchema } from '../../src/emulator/filterPredicate';
import { GraphError } from '../../src/emulator/graphError';
import { parseFilter } from '../../src/emulator/odataFilter';
import type { GraphObject } from '../../src/emulator/tenantState';

const people: GraphObject[] = [
  { id: 'A1', displayName: "Patrick O'Brien", mail: 'patrick@contoso.com', accountEnabled: true, businessPhones: [], jobTitle: 'Engineer', assignedLicenses: [{ skuId: 'cccccccc-0000-4000-8000-0000000000e3' }] },
  { id: 'B2', displayName: 'Megan Bowen', mail: 'megan@contoso.com', accountEnabled: false, businessPhones: ['+1 412 555 0109'], jobTitle: null, assignedLicenses: [] },
  { id: 'C3', displayName: 'José Álvarez', mail: null, accountEnabled: true, businessPhones: [], jobTitle: 'Analyst', assignedLicenses: [] },
];

const schema: FilterSchema = {
  typeName: 'user',
  property(name) {
    const known: Record<string, [boolean, boolean]> = {
      id: [false, false], displayName: [false, false], mail: [false, false], accountEnabled: [false, true],
      businessPhones: [true, false], jobTitle: [false, false], assignedLicenses: [true, false],
    };
    const canonical = Object.keys(known).find((k) => k.toLowerCase() === name.toLowerCase());
    return canonical ? { name: canonical, collection: known[canonical][0], boolean: known[canonical][1] } : undefined;
  },
};

function run(filter: string, advanced = false): string[] {
  const compiled = compileFilter(parseFilter(filter), schema, advanced);
  return people.filter(compiled.test).map((p) => p.id);
}

function errorOf(fn: () => unknown): GraphError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
  throw new Error('expected a GraphError');
}

describe('$filter parser and evaluation', () => {
  test.each<[string, string[]]>([
    ["displayName eq 'Patrick O''Brien'", ['A1']],
    ["displayName eq 'patrick o''brien'", ['A1']], // case-insensitive like Graph
    ["DisplayName EQ 'Megan Bowen'", ['B2']], // names and operators in any case
    ["startswith(displayName,'me')", ['B2']],
    ["startswith(displayName, 'JOS')", ['C3']],
    ["displayName eq 'Megan Bowen' or displayName eq 'José Álvarez'", ['B2', 'C3']],
    ["accountEnabled eq true and startswith(mail,'p')", ['A1']],
    ["(accountEnabled eq true or id eq 'B2') and jobTitle eq null", ['B2']],
    ['jobTitle eq null', ['B2']],
    ["mail in ('megan@contoso.com', 'PATRICK@contoso.com')", ['A1', 'B2']],
    ["businessPhones/any(p:p eq '+1 412 555 0109')", ['B2']],
    ["businessPhones/any(p:startswith(p,'+1'))", ['B2']],
    ['assignedLicenses/any(x:x/skuId eq CCCCCCCC-0000-4000-8000-0000000000E3)', ['A1']],
    ['assignedLicenses/any()', ['A1']],
    ["displayName eq 'O''Brien'", []],
    ["displayName ge 'M'", ['A1', 'B2']],
    ["  displayName   eq   'Megan Bowen'  ", ['B2']],
  ])('%s', (filter, expected) => {
    expect(run(filter)).toEqual(expected);
  });

  test.each<[string, string[]]>([
    ["displayName ne 'Megan Bowen'", ['A1', 'C3']],
    ["not startswith(displayName,'M')", ['A1', 'C3']],
    ["endswith(mail,'@contoso.com')", ['A1', 'B2']],
  ])('advanced query %s (ConsistencyLevel: eventual)', (filter, expected) => {
    expect(run(filter, true)).toEqual(expected);
  });

  test.each([
    "displayName ne 'Megan Bowen'",
    "not startswith(displayName,'M')",
    "endswith(mail,'@contoso.com')",
    "contains(displayName,'an')",
    "businessPhones eq '+1'",
  ])('%s is Request_UnsupportedQuery without ConsistencyLevel', (filter) => {
    const e = errorOf(() => run(filter));
    expect([e.status, e.code]).toEqual([400, 'Request_UnsupportedQuery']);
  });

  test.each([
    "displayName eq 'O'Brien'", // undoubled quote
    "displayName eq 'unterminated",
    'displayName eq',
    "displayName eq 'a' or",
    "(displayName eq 'a'",
    "displayName eq 'a')",
    "startswith(displayName 'a')",
    "displayName = 'a'",
    "displayName eq 'a' %27",
    "displayName eq 'a'; drop table users",
    '',
    "displayName eq 'x' and and",
    '1e5 eq 1',
  ])('syntax error is Graph-shaped 400 BadRequest: %s', (filter) => {
    const e = errorOf(() => run(filter));
    expect(e.status).toBe(400);
    expect(e.code).toBe('BadRequest');
    expect(e.message).toMatch(/^Invalid filter clause: Syntax error at position \d+/);
  });

  test('unknown property names the type, as Graph does', () => {
    const e = errorOf(() => run("favouriteColour eq 'blue'"));
    expect(e.message).toBe("Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.");
  });

  test('a boolean compared with a string is an OData type error', () => {
    const e = errorOf(() => run("accountEnabled eq 'true'"));
    expect(e.message).toMatch(/incompatible types/);
  });

  test('deep nesting is refused, not a stack overflow', () => {
    const deep = '('.repeat(5000) + "displayName eq 'a'" + ')'.repeat(5000);
    expect(errorOf(() => run(deep)).status).toBe(400);
    expect(errorOf(() => run('not '.repeat(5000) + "displayName eq 'a'", true)).status).toBe(400);
  });

  test('a huge literal is handled', () => {
    expect(run(`displayName eq '${'x'.repeat(100_000)}'`)).toEqual([]);
  });

  test('parses to a tree, or above and', () => {
    expect(parseFilter("a eq 'x' or b eq 'y' and c eq 'z'")).toMatchObject({ type: 'or', right: { type: 'and' } });
  });

  test('indexed look-ups give candidates for eq, in and or, and none for a scan', () => {
    const looked: string[] = [];
    const indexed: FilterSchema = {
      ...schema,
      lookup: (name, value) => {
        looked.push(`${name}=${value}`);
        return name === 'mail' ? people.filter((p) => String(p.mail).toLowerCase() === value.toLowerCase()) : undefined;
      },
    };
    const candidates = (f: string) => compileFilter(parseFilter(f), indexed, false).candidates()?.map((p) => p.id) ?? null;
    expect(candidates("mail eq 'megan@contoso.com'")).toEqual(['B2']);
    expect(candidates("mail eq 'megan@contoso.com' or mail eq 'patrick@contoso.com'")).toEqual(['B2', 'A1']);
    expect(candidates("accountEnabled eq true and mail in ('patrick@contoso.com')")).toEqual(['A1']);
    expect(candidates("mail eq 'megan@contoso.com' or displayName eq 'x'")).toBeNull();
    expect(candidates("startswith(displayName,'M')")).toBeNull();
  });
});
