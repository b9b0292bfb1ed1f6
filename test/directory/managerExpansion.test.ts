import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { createCredential } from '../../src/directory/graph/credential';
import { createGraphClient } from '../../src/directory/graph/graphClient';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { GraphTransport } from '../../src/directory/graph/graphTransport';
import { managerOf } from '../../src/directory/managerOf';
import { DEMO_TENANT, people } from '../support/botHarness';

/** Daan Visser manages Noah Peeters; Marloes van Dijk (the CEO) has no manager. */
const daan = people.daan;
const marloes = 'Marloes van Dijk';

let emu: GraphEmulator;
let dir: GraphDirectory;

beforeAll(async () => {
  emu = await startGraphEmulator({ tenant: DEMO_TENANT });
  const client = createGraphClient({ baseUrl: emu.url, credential: createCredential({ kind: 'development' }) });
  dir = new GraphDirectory(new GraphTransport(client));
});
afterAll(() => emu.close());
beforeEach(() => emu.clearLog());

describe('the manager comes with the account: one round trip, not two', () => {
  it('getAccount expands the manager, and managerOf needs no further read', async () => {
    const noah = (await dir.getAccount(people.noah))!;
    expect(noah.manager).toMatchObject({ id: daan, displayName: 'Daan Visser' });
    expect(await managerOf(dir, noah)).toEqual(noah.manager);
    expect(emu.requestLog).toHaveLength(1);
    expect(emu.requestLog[0].query.$expand).toMatch(/^manager\(\$select=id,displayName/);
  });

  it('an account without a manager has manager null, which is an answer, not a reason to ask again', async () => {
    const [ceo] = await dir.findAccounts({ by: 'name', value: marloes }, 5);
    expect(ceo.manager).toBeNull();
    expect(await managerOf(dir, ceo)).toBeNull();
    expect(emu.requestLog).toHaveLength(1);
  });

  it('look-ups by sign-in name carry the manager too', async () => {
    const [noah] = await dir.findAccounts({ by: 'upnOrMail', value: 'noah.peeters@fabrikam.nl' }, 2);
    expect(noah.manager?.id).toBe(daan);
  });

  it('a $search (an advanced query) does not expand: managerOf reads the manager then', async () => {
    const found = await dir.findAccounts({ by: 'search', words: ['Noa', 'Pee'] }, 5);
    const noah = found.find((a) => a.id === people.noah)!;
    expect(noah.manager).toBeUndefined();
    expect(emu.requestLog[0].query.$expand).toBeUndefined();
    expect((await managerOf(dir, noah))?.id).toBe(daan);
    expect(emu.requestLog.map((e) => e.path)).toEqual(['/v1.0/users', `/v1.0/users/${people.noah}/manager`]);
  });
});
