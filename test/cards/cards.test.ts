import type * as ACTypes from 'adaptivecards';
import { changePlanCard } from '../../src/cards/changePlanCard';
import { bulkPlanCard } from '../../src/cards/bulkPlanCard';
import { offboardFormCard } from '../../src/cards/offboardFormCard';
import { consolidatedScript, countBulk, type BulkPlan } from '../../src/bulk/bulkPlan';
import { planChanges, planRequest } from '../../src/changes/planChanges';
import { requestCard } from '../../src/cards/requestCard';
import { requestFormCard } from '../../src/cards/requestFormCard';
import { DEFAULT_MANAGER_PROPERTIES } from '../../src/policy/policyFile';
import { choosePersonCard } from '../../src/cards/choosePersonCard';
import { chooseGroupCard } from '../../src/cards/chooseGroupCard';
import { welcomeCard } from '../../src/cards/welcomeCard';
import { helpCard } from '../../src/cards/helpCard';
import { plainText } from '../../src/cards/plainText';
import { profileCard } from '../../src/cards/profileCard';
import { TEMPLATES, type AdaptiveCard } from '../../src/cards/renderCard';
import { abilitiesOf } from '../../src/policy/changePolicy';
import { ROLE } from '../../src/policy/roles';
import { syncStatusCard } from '../../src/cards/syncStatusCard';
import type { Account } from '../../src/directory/account';
import { ACCOUNT_SELECT } from '../../src/directory/account';
import { translator } from '../../src/i18n/translate';
import { sourceOfAuthority } from '../../src/sync/sourceOfAuthority';

// The package's lib/ build is ES modules that import swiper (ESM); its dist bundle loads in Node as it is.
 
const AC: typeof ACTypes = require('adaptivecards/dist/adaptivecards.js');

const now = new Date('2026-11-25T09:00:00Z');

function account(over: Partial<Account> = {}): Account {
  const a = Object.fromEntries(ACCOUNT_SELECT.map((k) => [k, null])) as unknown as Account;
  return {
    ...a,
    id: '0b0b0b0b-0000-4000-8000-000000000001',
    userPrincipalName: 'siobhan.obrien@fabrikam.nl',
    displayName: "Siobhán O'Brien",
    jobTitle: 'Director, Research & Development',
    businessPhones: ['+31 20 555 0101'],
    assignedLicenses: [],
    onPremisesSyncEnabled: true,
    onPremisesLastSyncDateTime: '2026-11-20T07:40:00Z',
    onPremisesSamAccountName: 'sobrien',
    onPremisesDomainName: 'fabrikam.local',
    onPremisesDistinguishedName: "CN=Siobhán O'Brien,OU=Staff,DC=fabrikam,DC=local",
    onPremisesProvisioningErrors: [{ category: 'PropertyConflict', propertyCausingError: 'ProxyAddress', value: 'smtp:s@fabrikam.nl' }],
    ...over,
  };
}

/** Every template, expanded with sample data through its real builder, in both languages. */
function samples(): [string, AdaptiveCard][] {
  const out: [string, AdaptiveCard][] = [];
  for (const lang of ['en', 'nl'] as const) {
    const t = translator(lang);
    const synced = account();
    const cloud = account({ onPremisesSyncEnabled: null, onPremisesImmutableId: null, onPremisesProvisioningErrors: [] });
    out.push([`profile ${lang}`, profileCard({ account: synced, manager: null, source: sourceOfAuthority(synced, now), licences: ['Microsoft 365 E3'] }, t)]);
    out.push([`syncStatus synced ${lang}`, syncStatusCard(synced, sourceOfAuthority(synced, now), t)]);
    out.push([`syncStatus cloud ${lang}`, syncStatusCard(cloud, sourceOfAuthority(cloud, now), t)]);
    out.push([`help ${lang}`, helpCard({ roleNames: ['User Administrator'], isManager: true, can: abilitiesOf([ROLE.userAdministrator]), decides: true }, t)]);
    out.push([`choosePerson ${lang}`, choosePersonCard('Tom', [
      { id: 'a1', displayName: 'Tom Baker', userPrincipalName: 'tom.baker@fabrikam.nl', mail: null, jobTitle: 'Buyer', department: 'Logistics' },
      { id: 'a2', displayName: 'Tom Hendriks', userPrincipalName: 'tom.hendriks@fabrikam.nl', mail: null, jobTitle: null, department: null },
    ], 'p1', t)]);
    out.push([`welcome admin ${lang}`, welcomeCard({ roleNames: ['User Administrator'], directReports: 3, known: true, can: abilitiesOf([ROLE.userAdministrator]), decides: true }, t)]);
    out.push([`welcome unknown ${lang}`, welcomeCard({ roleNames: [], directReports: 0, known: false, can: abilitiesOf([]), decides: false }, t)]);
    out.push([`chooseGroup ${lang}`, chooseGroupCard("No group is called 'Servce Desk'. Did you mean:", [
      { id: 'g1', displayName: 'IT Service Desk', mail: 'servicedesk@fabrikam.nl', mailEnabled: false, securityEnabled: true, groupTypes: [], onPremisesSyncEnabled: null, onPremisesSamAccountName: null, membershipRule: null, isAssignableToRole: false },
      { id: 'g2', displayName: '[Service](https://evil.example) Desk Admins', mail: null, mailEnabled: false, securityEnabled: true, groupTypes: [], onPremisesSyncEnabled: true, onPremisesSamAccountName: 'sda', membershipRule: null, isAssignableToRole: true },
    ], 'p1', t)]);
    const plan = planChanges({ ...synced, accountEnabled: true, usageLocation: 'NL' }, [
      { property: 'jobTitle', value: '[Click](https://evil.example) **now**' },
      { property: 'usageLocation', value: 'JP' },
      { property: 'accountEnabled', value: false },
      { property: 'department', value: 'x'.repeat(80) },
      { property: 'displayName', value: 'Someone' },
    ], { allowed: (p) => (p === 'displayName' ? 'role' : true) });
    out.push([`changePlan confirm ${lang}`, changePlanCard({ targetName: "Siobhán O'Brien", plan, planId: 'p1' }, t)]);
    out.push([`changePlan outcome ${lang}`, changePlanCard({
      targetName: "Siobhán O'Brien", plan, planId: 'p1',
      outcomes: [{ property: 'usageLocation', ok: true, requestId: 'r1' }, { property: 'accountEnabled', ok: false, code: 'GRAPH_FORBIDDEN' }],
      doneBy: { actor: 'daan.visser@fabrikam.nl', time: '2026-11-25 09:00' },
    }, t)]);
    out.push([`changePlan password ${lang}`, changePlanCard({
      targetName: 'Noah Peeters', plan: planRequest(cloud, [], { op: 'resetPassword' }, { allowed: () => true, personalChat: true }), planId: 'p2',
      outcomes: [{ property: 'password', ok: true, requestId: 'r2' }], doneBy: { actor: 'daan.visser@fabrikam.nl', time: '2026-11-25 09:00' },
      temporaryPassword: 'Tq7#mVx2pLw9!kRz',
    }, t)]);
    const bulk: BulkPlan = {
      people: [
        { lines: [2], person: 'Noah Peeters', account: { id: 'u1', upn: 'noah.peeters@fabrikam.nl', name: 'Noah Peeters' }, plan: planChanges(cloud, [{ property: 'department', value: 'Operations' }], { allowed: () => true }) },
        { lines: [3], person: "Siobhán O'Brien", account: { id: 'u2', upn: 'sobrien@fabrikam.nl', name: "Siobhán O'Brien" }, plan: planChanges(synced, [{ property: 'department', value: 'Operations' }], { allowed: () => true }) },
      ],
      stopped: [{ line: 4, person: '[Jan](https://evil.example)', reason: 'ambiguous', detail: 'Jan de Vries, Jan **Bakker**' }],
    };
    const bulkView = { what: 'department: Operations', plan: bulk, counts: countBulk(bulk), planId: 'p3', script: consolidatedScript(bulk) };
    out.push([`offboardForm ${lang}`, offboardFormCard({ today: '2026-12-05' }, t)]);
    out.push([`offboardForm error ${lang}`, offboardFormCard({ today: '2026-12-05', values: { person: '[Noah](https://evil.example)', date: 'x', forwardTo: '' }, error: 'Name the person' }, t)]);
    out.push([`bulkPlan preview ${lang}`, bulkPlanCard(bulkView, t)]);
    out.push([`bulkPlan progress ${lang}`, bulkPlanCard({ ...bulkView, progress: { done: 1, total: 1 } }, t)]);
    out.push([`bulkPlan outcome ${lang}`, bulkPlanCard({ ...bulkView, outcomes: { u1: [{ property: 'department', ok: false, code: 'GRAPH_THROTTLED', requestId: 'r9' }] }, notice: 'Done' }, t)]);
    const reports = [
      { id: 'r1', displayName: 'Milan Kowalski', userPrincipalName: 'milan.kowalski@fabrikam.nl', mail: null, jobTitle: 'Agent', department: 'Customer Service' },
      { id: 'r2', displayName: '**Daniel** Okafor', userPrincipalName: 'daniel.okafor@fabrikam.nl', mail: null, jobTitle: null, department: null },
    ];
    out.push([`requestForm ${lang}`, requestFormCard({ reports, properties: DEFAULT_MANAGER_PROPERTIES, today: '2026-11-25', latest: '2026-12-02' }, t)]);
    out.push([`requestForm error ${lang}`, requestFormCard({
      reports, properties: DEFAULT_MANAGER_PROPERTIES, today: '2026-11-25', latest: '2026-12-02',
      values: { reportId: 'r2', property: 'department', value: 'Support & "Ops"', reason: 'New team' }, error: 'Give a reason',
    }, t)]);
    const requestView = {
      requestId: 'q1', targetName: 'Milan Kowalski', requesterName: 'noor.hassan@fabrikam.nl', createdAt: '2026-11-25T09:00:00Z',
      reason: 'Moved to [support](https://evil.example)', effectiveDate: '2026-11-26', plan, canDecide: false, canCancel: false,
    };
    out.push([`request approver ${lang}`, requestCard({ ...requestView, state: 'pending', canDecide: true }, t)]);
    out.push([`request decided ${lang}`, requestCard({
      ...requestView, state: 'partlyApplied', decision: { byUpn: 'daan.visser@fabrikam.nl', at: '2026-11-25T10:00:00Z', comment: 'ok' },
      outcomes: [{ property: 'usageLocation', ok: true, requestId: 'r1' }, { property: 'accountEnabled', ok: false, code: 'GRAPH_FORBIDDEN' }],
      notice: 'The requester could not be reached',
    }, t)]);
  }
  return out;
}

const TEAMS_CODE_BLOCK = 'Unknown element type "CodeBlock". Fallback will be used if present.';

describe('card templates', () => {
  it('has a sample for every template', () => {
    const covered = new Set(samples().map(([name]) => name.split(' ')[0]));
    expect([...covered].sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  it.each(samples())('%s expands fully and parses without errors or warnings', (_name, card) => {
    const json = JSON.stringify(card);
    expect(json).not.toContain('${');
    const parsed = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    parsed.parse(card, context);
    const errors = context.eventCount ? Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i)) : [];
    // Teams' own CodeBlock is unknown to the Adaptive Cards library: allowed, as long as every one has a fallback.
    expect(errors.map((e) => e.message).filter((m) => m !== TEAMS_CODE_BLOCK)).toEqual([]);
    for (const block of json.match(/"type":"CodeBlock"[^]*?(?="type":"(?:CodeBlock|Input|ActionSet)|$)/g) ?? []) expect(block).toContain('"fallback"');
    expect(parsed.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
    expect(Number(card.version)).toBeLessThanOrEqual(1.5);
  });

  it('no text is drawn in the Warning colour (yellow on white is hard to read): warnings sit in a warning-styled container', () => {
    for (const [, card] of samples()) expect(JSON.stringify(card)).not.toMatch(/"color":"Warning"/);
  });

  it('does not evaluate template syntax in user data', () => {
    const evil = account({ displayName: '${$root.accountId} ${if(true, "x", "y")}' });
    const json = JSON.stringify(syncStatusCard(evil, sourceOfAuthority(evil, now), translator('en')));
    expect(json).toContain('${$root.accountId}');
  });

  it('Action.Execute data carries only ids', () => {
    const card = choosePersonCard('Tom', [{ id: 'a1', displayName: 'Tom', userPrincipalName: 'tom@x', mail: null, jobTitle: null, department: null }], 'p1', translator('en'));
    const data = JSON.stringify(card).match(/"data":\{[^}]*\}/g);
    expect(data).toEqual(['"data":{"pendingId":"p1","accountId":"a1"}']);
  });
});

describe('plainText', () => {
  it.each([
    ['[Approve](https://evil.example)', '\\[Approve\\](https\u200B://evil.example)'],
    ['**urgent**', '\\*\\*urgent\\*\\*'],
    ['Director, Research & Development', 'Director, Research & Development'],
    ['Jr. Designer (EMEA)', 'Jr. Designer (EMEA)'],
    ['line\nbreak', 'line break'],
  ])('%j → %j', (input, output) => {
    expect(plainText(input)).toBe(output);
  });
});
