import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { approverIds } from '../../src/policy/approvers';
import { EMPTY_POLICY } from '../../src/policy/policyFile';
import { DEMO_TENANT, people } from '../support/botHarness';
import { emulatorDirectory } from '../support/emulatorDirectory';

const priya = '44cc9b20-de45-4c9c-b8f7-ac58f7971691';
const breakGlass = 'breakglass@fabrikam.onmicrosoft.com';

let emu: GraphEmulator;
let dir: ReturnType<typeof emulatorDirectory>;

beforeAll(async () => {
  emu = await startGraphEmulator({ tenant: DEMO_TENANT });
  dir = emulatorDirectory(emu.url);
});
afterAll(() => emu.close());

describe('approverIds: who gets approval cards', () => {
  it('without a policy list: the User Administrators and Global Administrators, each once', async () => {
    const ids = await approverIds(dir, EMPTY_POLICY);
    expect(ids).toEqual(expect.arrayContaining([people.daan, priya, people.hendrik]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(people.ciaran); // a Helpdesk Administrator
  });

  it('the policy list: object ids as given, sign-in names looked up, unknown names left out', async () => {
    const breakGlassId = (await dir.findAccounts({ by: 'upnOrMail', value: breakGlass }, 1))[0].id;
    const ids = await approverIds(dir, { ...EMPTY_POLICY, approvers: [people.ciaran, breakGlass, 'nobody@fabrikam.nl'] });
    expect(ids).toEqual([people.ciaran, breakGlassId]);
  });
});
