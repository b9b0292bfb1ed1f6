import type { GraphEmulator } from '../../src/emulator';
import { userFilterSchema } from '../../src/emulator/directorySchemas';
import { compileFilter } from '../../src/emulator/filterPredicate';
import { parseFilter } from '../../src/emulator/odataFilter';
import { call, eventual, q } from './emulatorTestKit';
import { largeTenant } from './largeTenant';
import { startGraphEmulator } from '../../src/emulator';

/*
 * 100,000 users, as the benchmarks will seed. Time bounds are loose on purpose (shared CI machines);
 * what must hold is that look-ups by id / userPrincipalName / mail go through the indexes, not a scan.
 */
jest.setTimeout(180_000);

let emu: GraphEmulator;
beforeAll(async () => {
  emu = await startGraphEmulator({ tenant: largeTenant(100_000) });
});
afterAll(() => emu?.close());

test('eq on userPrincipalName, mail and id is answered from the indexes', () => {
  const schema = userFilterSchema(emu.state);
  const candidates = (f: string) => compileFilter(parseFilter(f), schema, false).candidates();
  expect(candidates("userPrincipalName eq 'user99999@contoso.com' or mail eq 'user99999@contoso.com'")).toHaveLength(1);
  expect(candidates("id eq 'aaaaaaaa-0000-4000-8000-00000001869f' and accountEnabled eq true")).toHaveLength(1);
  expect(candidates("startswith(displayName,'Zoë')")).toBeNull();
});

test('look-ups by UPN stay fast with 100,000 users', async () => {
  const started = Date.now();
  for (let i = 0; i < 50; i++) {
    const n = 1000 + i * 1777;
    const r = await call(emu, 'GET', `/users${q({ $filter: `userPrincipalName eq 'user${n}@contoso.com'`, $select: 'id' })}`);
    expect(r.body.value).toHaveLength(1);
  }
  expect(Date.now() - started).toBeLessThan(30_000);
});

test('a scanning filter, a search with $count, paging at $top=999 and $orderby all work at this size', async () => {
  const scan = await call(emu, 'GET', `/users${q({ $filter: "startswith(displayName,'Zoë Müller 997')", $select: 'id' })}`);
  expect(scan.body.value.length).toBeGreaterThan(0);
  const search = await call(emu, 'GET', `/users${q({ $search: '"displayName:muller"', $count: 'true', $top: 5, $select: 'id' })}`, { headers: eventual });
  expect(search.body['@odata.count']).toBe(10_000);
  const page = await call(emu, 'GET', `/users${q({ $top: 999, $select: 'id' })}`);
  expect(page.body.value).toHaveLength(999);
  expect(page.body['@odata.nextLink']).toContain('$skiptoken=');
  const sorted = await call(emu, 'GET', `/users${q({ $orderby: 'displayName desc', $top: 1, $select: 'displayName' })}`);
  expect(sorted.body.value[0].displayName).toMatch(/^Zoë/);
});

test('manager chains and directReports at this size', async () => {
  const r = await call(emu, 'GET', '/users/user20@contoso.com/directReports?$select=userPrincipalName');
  expect(r.body.value).toEqual([{ '@odata.type': '#microsoft.graph.user', userPrincipalName: 'user30@contoso.com' }]);
});
