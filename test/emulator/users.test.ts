import type { GraphEmulator } from '../../src/emulator';
import { call, eventual, ids, q, startTestEmulator } from './emulatorTestKit';

let emu: GraphEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const DEFAULT_KEYS = ['businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'];
const names = (r: { body: { value: { displayName: string }[] } }) => r.body.value.map((u) => u.displayName);

describe('GET /users/{id | userPrincipalName}', () => {
  test('without $select: Graph’s default set only, no onPremises* fields', async () => {
    const r = await call(emu, 'GET', `/users/${ids.megan}`);
    expect(r.status).toBe(200);
    const keys = Object.keys(r.body).filter((k) => !k.startsWith('@odata'));
    expect(keys.sort()).toEqual(DEFAULT_KEYS);
    expect(r.body).toMatchObject({ displayName: 'Megan Bowen', id: ids.megan });
    expect(r.body['@odata.context']).toBe(`${emu.baseUrl}/$metadata#users/$entity`);
  });

  test('with $select: exactly the named properties, null when not set, names made canonical', async () => {
    const r = await call(emu, 'GET', `/users/${ids.megan}?$select=id,onPremisesSyncEnabled,ONPREMISESSAMACCOUNTNAME,employeeType,usageLocation`);
    expect(r.body).toEqual({
      '@odata.context': `${emu.baseUrl}/$metadata#users(id,onPremisesSyncEnabled,onPremisesSamAccountName,employeeType,usageLocation)/$entity`,
      id: ids.megan, onPremisesSyncEnabled: true, onPremisesSamAccountName: 'meganb', employeeType: null, usageLocation: 'US',
    });
  });

  test.each([
    ['user principal name', 'megan.bowen@contoso.com'],
    ['upper-case UPN', 'MEGAN.BOWEN@CONTOSO.COM'],
    ['percent-encoded UPN', 'megan.bowen%40contoso.com'],
    ['upper-case id', ids.megan.toUpperCase()],
  ])('finds a user by %s', async (_what, key) => {
    const r = await call(emu, 'GET', `/users/${key}?$select=id`);
    expect(r.body.id).toBe(ids.megan);
  });

  test('a guest UPN with #EXT# works when encoded', async () => {
    const r = await call(emu, 'GET', `/users/${encodeURIComponent('adele_fabrikam.com#EXT#@contoso.onmicrosoft.com')}?$select=id`);
    expect(r.body.id).toBe(ids.adele);
  });

  test.each([
    ['unknown id', '00000000-0000-0000-0000-000000000000'],
    ['quote', "o'brien"],
    ['encoded quote', '%27%20or%201%20eq%201'],
    ['dot dot', '..%2F..%2Fetc'],
    ['long string', 'x'.repeat(5000)],
  ])('not found (%s) is Graph’s 404', async (_what, key) => {
    const r = await call(emu, 'GET', `/users/${key}`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('Request_ResourceNotFound');
    expect(r.body.error.message).toMatch(/^Resource '.*' does not exist or one of its queried reference-property objects are not present\.$/);
  });

  test('unknown $select property is a 400 naming the type', async () => {
    const r = await call(emu, 'GET', `/users/${ids.megan}?$select=id,shoeSize`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.");
  });

  test('$expand=manager, with and without an inner $select', async () => {
    const full = await call(emu, 'GET', `/users/${ids.megan}?$select=id&$expand=manager`);
    expect(full.body.manager).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: ids.fatima, displayName: 'Fatima El Amrani' });
    const narrow = await call(emu, 'GET', `/users/${ids.megan}?$select=id&$expand=manager($select=id,onPremisesSyncEnabled)`);
    expect(narrow.body.manager).toEqual({ '@odata.type': '#microsoft.graph.user', id: ids.fatima, onPremisesSyncEnabled: true });
    const none = await call(emu, 'GET', `/users/${ids.fatima}?$select=id&$expand=manager`);
    expect(none.body).not.toHaveProperty('manager');
  });
});

describe('GET /users with $filter', () => {
  test.each<[string, string[]]>([
    ["displayName eq 'Patrick O''Brien'", ["Patrick O'Brien"]],
    ["surname eq 'O''Brien'", ["Patrick O'Brien"]],
    ["displayName eq 'José Álvarez'", ['José Álvarez']],
    ["userPrincipalName eq 'MEGAN.BOWEN@contoso.com'", ['Megan Bowen']],
    ["mail eq 'alex.wilber@contoso.com' or userPrincipalName eq 'alex.wilber@contoso.com'", ['Alex Wilber']],
    [`id eq '${ids.pieter}'`, ['Pieter Bakker']],
    ["startswith(displayName,'pa') or startswith(surname,'pa')", ["Patrick O'Brien"]],
    ["onPremisesSamAccountName eq 'meganb'", ['Megan Bowen']],
    ["accountEnabled eq true and department eq 'Finance'", ['José Álvarez', 'Pieter Bakker']],
    ["(startswith(givenName,'M') or startswith(givenName,'F')) and onPremisesSyncEnabled eq true", ['Megan Bowen', 'Fatima El Amrani']],
    ["userType eq 'Guest'", ['Adele Vance (Fabrikam)']],
    [`assignedLicenses/any(x:x/skuId eq ${ids.e3})`, ['Megan Bowen', 'Fatima El Amrani']],
    ["userPrincipalName in ('pieter.bakker@contoso.com', 'jose.alvarez@contoso.com')", ['Pieter Bakker', 'José Álvarez']],
    ["displayName eq 'Nobody'", []],
  ])('%s', async (filter, expected) => {
    const r = await call(emu, 'GET', `/users${q({ $filter: filter, $select: 'displayName' })}`);
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(expected);
  });

  test('the filter also works unencoded as the JS client sends it', async () => {
    const r = await call(emu, 'GET', "/users?$filter=displayName eq 'Patrick O''Brien'&$select=id");
    expect(r.body.value).toEqual([{ id: ids.patrick }]);
  });

  test('an apostrophe sent as %27 is the same quote', async () => {
    const r = await call(emu, 'GET', '/users?$filter=displayName%20eq%20%27Patrick%20O%27%27Brien%27&$select=id');
    expect(r.body.value).toEqual([{ id: ids.patrick }]);
  });

  test.each([
    ["displayName eq 'O'Brien'", 'BadRequest'],
    ["displayName eq 'x' or", 'BadRequest'],
    ["displayName ne 'x'", 'Request_UnsupportedQuery'],
    ["shoeSize eq 42", 'BadRequest'],
  ])('a bad filter is a Graph-shaped 400: %s', async (filter, code) => {
    const r = await call(emu, 'GET', `/users${q({ $filter: filter })}`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.innerError['request-id']).toBe(r.headers.get('request-id'));
  });

  test('ne works as an advanced query', async () => {
    const r = await call(emu, 'GET', `/users${q({ $filter: "userType ne 'Member'", $select: 'displayName' })}`, { headers: eventual });
    expect(names(r)).toEqual(['Adele Vance (Fabrikam)']);
  });
});

describe('GET /users with $search, $count, $orderby and paging', () => {
  test('$search without ConsistencyLevel is Graph’s 400', async () => {
    const r = await call(emu, 'GET', `/users${q({ $search: '"displayName:megan"' })}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      code: 'Request_UnsupportedQuery',
      message: "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    });
  });

  test.each<[string, string[]]>([
    ['"displayName:megan"', ['Megan Bowen']],
    ['"displayName:bow"', ['Megan Bowen']], // prefix of a word
    ['"displayName:owen"', []], // not a word start
    ['"displayName:jose"', ['José Álvarez']], // diacritics folded
    ['"displayName:o\'brien"', ["Patrick O'Brien"]],
    ['"displayName:el amrani"', ['Fatima El Amrani']],
    ['"displayName:megan" OR "mail:alex"', ['Megan Bowen', 'Alex Wilber']],
    ['"displayName:megan" AND "mail:alex"', []],
    ['"mail:fabrikam"', ['Adele Vance (Fabrikam)']],
  ])('$search=%s', async (search, expected) => {
    const r = await call(emu, 'GET', `/users${q({ $search: search, $select: 'displayName' })}`, { headers: eventual });
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(expected);
  });

  test('$search with an escaped quote and a malformed clause', async () => {
    const ok = await call(emu, 'GET', `/users${q({ $search: '"displayName:\\"megan\\""' })}`, { headers: eventual });
    expect(ok.status).toBe(200);
    const bad = await call(emu, 'GET', `/users${q({ $search: 'displayName:megan' })}`, { headers: eventual });
    expect(bad.status).toBe(400);
  });

  test('$count=true gives @odata.count with ConsistencyLevel, and is ignored without', async () => {
    const path = `/users${q({ $count: 'true', $filter: "department eq 'Finance'", $select: 'id' })}`;
    expect((await call(emu, 'GET', path, { headers: eventual })).body['@odata.count']).toBe(2);
    expect((await call(emu, 'GET', path)).body).not.toHaveProperty('@odata.count');
  });

  test('/users/$count needs ConsistencyLevel and answers text', async () => {
    expect((await call(emu, 'GET', '/users/$count')).status).toBe(400);
    const r = await call(emu, 'GET', '/users/$count', { headers: eventual });
    expect([r.status, r.body]).toEqual([200, 7]);
  });

  test('$top pages with @odata.nextLink and $skiptoken until done', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${emu.baseUrl}/users?$top=3&$select=id`;
    let pages = 0;
    while (url) {
      const r = await fetch(url);
      const body = (await r.json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
      seen.push(...body.value.map((u) => u.id));
      expect(body.value.length).toBeLessThanOrEqual(3);
      url = body['@odata.nextLink'];
      if (url) expect(url).toContain('$skiptoken=');
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
  });

  test.each(['0', '1000', 'abc', '-1'])('$top=%s is refused', async (top) => {
    const r = await call(emu, 'GET', `/users?$top=${top}`);
    expect(r.status).toBe(400);
  });

  test('an invalid $skiptoken is a 400, duplicated options too', async () => {
    expect((await call(emu, 'GET', '/users?$skiptoken=garbage')).status).toBe(400);
    expect((await call(emu, 'GET', '/users?$top=1&$top=2')).status).toBe(400);
  });

  test('$orderby displayName, ascending and descending', async () => {
    const asc = await call(emu, 'GET', '/users?$orderby=displayName&$select=displayName&$top=2');
    expect(names(asc)).toEqual(['Adele Vance (Fabrikam)', 'Alex Wilber']);
    const desc = await call(emu, 'GET', '/users?$orderby=displayName desc&$select=displayName&$top=1');
    expect(names(desc)).toEqual(['Pieter Bakker']);
    const withFilter = await call(emu, 'GET', `/users${q({ $orderby: 'displayName', $filter: "department eq 'Finance'" })}`);
    expect(withFilter.body.error.code).toBe('Request_UnsupportedQuery');
  });
});
