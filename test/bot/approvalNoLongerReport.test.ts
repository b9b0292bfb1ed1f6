import { translate } from '../../src/i18n/translate';
import { people, startHarness, type Harness } from '../support/botHarness';
import { writesIn } from '../support/graphWrites';

// A manager may only request changes for their own direct reports, and that is checked again when an admin
// approves: a report who has since left the manager (no manager at all, or another one) is not changed.

/** Noor Hassan manages Milan Kowalski; she holds no admin role. */
const noor = '1c580610-a05b-4fe7-8778-1facee361fbf';
const NOOR_UPN = 'noor.hassan@fabrikam.nl';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (const id of [people.daan, noor]) await h.say('help', id);
});
afterAll(() => h.close());
beforeEach(() => {
  h.emulator.state.setManager(people.milan, noor);
  h.connector.clear();
  h.emulator.clearLog();
});

const writes = () => writesIn(h.emulator.requestLog);
const requestIdOf = (card: unknown) => JSON.stringify(card).match(/"requestId":"([^"]+)"/)![1];
const noLongerReport = translate('en', 'request.noLongerReport', { name: 'Milan Kowalski', requester: NOOR_UPN });

/** Calls the emulator as Graph: what an admin elsewhere does to the report while the request waits. */
async function graph(method: string, path: string, body?: unknown): Promise<number> {
  const r = await fetch(`${h.emulator.baseUrl}${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.status;
}

describe('approving a request for someone who is no longer the requester\'s report', () => {
  it.each([
    ['the report has no manager any more', 'Warehouse', () => graph('DELETE', `/users/${people.milan}/manager/$ref`)],
    ['the report has another manager', 'Logistics Hub', () => graph('PUT', `/users/${people.milan}/manager/$ref`, { '@odata.id': `${h.emulator.baseUrl}/users/${people.daan}` })],
  ])('%s: refused with the reason, nothing written, the request still pending', async (_name, value, move) => {
    const department = h.emulator.state.getUser(people.milan)?.department;
    const submitted = await h.act('request.submit', { reportId: people.milan, property: 'department', value, reason: 'Moved teams', effectiveDate: '' }, noor);
    const requestId = requestIdOf(submitted.body.value);
    expect(await move()).toBe(204);
    h.emulator.clearLog();

    const approved = await h.act('request.approve', { requestId }, people.daan);

    expect(JSON.stringify(approved.body)).toContain(JSON.stringify(noLongerReport).slice(1, -1));
    expect(writes()).toEqual([]);
    expect(h.emulator.state.getUser(people.milan)?.department).toBe(department);
    expect((await h.app.store.requests.get(requestId))?.state).toBe('pending');
    expect((await h.app.store.audit.listForTarget(people.milan, 100)).filter((r) => r.requestId === requestId)).toEqual([]);
  });
});
