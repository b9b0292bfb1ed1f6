import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildPlaygroundConfig, DEMO_ADMIN_ID, playgroundYaml, writePlaygroundConfig, type PlaygroundConfig } from '../../scripts/playgroundConfig';

// js-yaml is in node_modules through jest's own dependencies; it has no bundled types.
 
const yaml = require('js-yaml') as { load(text: string): unknown };

const TENANT = join(__dirname, '../../fixtures/demo-tenant.json');
const SCHEMA_ID = '"$id":"https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json"';

/** The playground's own config schema, as embedded in its bundle (it validates the file with it and exits on errors). */
function playgroundSchema(): object {
  const bundle = readFileSync(require.resolve('@microsoft/m365agentsplayground/dist/index.js'), 'utf8');
  const at = bundle.indexOf(SCHEMA_ID);
  const start = bundle.lastIndexOf("JSON.parse('", at);
  const end = bundle.indexOf("')", at);
  if (at < 0 || start < 0 || end < 0) throw new Error('config schema 0.1.1 not found in the playground bundle: was the package upgraded?');
  return JSON.parse(runInNewContext(bundle.slice(start + 'JSON.parse('.length, end + 1)) as string) as object;
}

describe('scripts/playgroundConfig.ts', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'aa-playground-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes YAML that parses, matches the playground schema and chats as the demo admin', () => {
    const outPath = join(dir, '.m365agentsplayground.yml');
    writePlaygroundConfig({ tenantPath: TENANT, outPath });
    const parsed = yaml.load(readFileSync(outPath, 'utf8')) as PlaygroundConfig;

    expect(Object.keys(parsed).sort()).toEqual(['bot', 'currentUser', 'groupChat', 'personalChat', 'team', 'tenantId', 'users', 'version']);
    expect(parsed.version).toBe('0.1.1');
    expect(parsed.currentUser).toMatchObject({ aadObjectId: DEMO_ADMIN_ID, userPrincipleName: 'daan.visser@fabrikam.nl', name: 'Daan Visser' });
    expect(parsed.team.channels).toHaveLength(1);

    const validate = addFormats(new Ajv({ strict: false })).compile(playgroundSchema());
    expect(validate(parsed) ? [] : validate.errors).toEqual([]);

    const tenant = JSON.parse(readFileSync(TENANT, 'utf8')) as { organization: { id: string }; users: { id: string }[] };
    expect(parsed.tenantId).toBe(tenant.organization.id);
    const ids = new Set(tenant.users.map((u) => u.id));
    for (const u of [parsed.currentUser, ...parsed.users]) expect(ids.has(u.aadObjectId)).toBe(true);
    const userIds = [parsed.currentUser, ...parsed.users].map((u) => u.id);
    expect(new Set(userIds).size).toBe(userIds.length);
    const conversationIds = [parsed.personalChat.id, parsed.groupChat.id, parsed.team.id, ...parsed.team.channels.map((c) => c.id)];
    expect(new Set(conversationIds).size).toBe(conversationIds.length);
  });

  it('keeps apostrophes and diacritics intact and leaves out guests and disabled accounts', () => {
    const tenant = JSON.parse(readFileSync(TENANT, 'utf8'));
    const siobhan = tenant.users.find((u: { displayName: string }) => u.displayName === "Siobhán O'Brien");
    const config = buildPlaygroundConfig(tenant, siobhan.id);
    const parsed = yaml.load(playgroundYaml(config)) as typeof config;
    expect(parsed).toEqual(config);
    expect(parsed.currentUser).toMatchObject({ name: "Siobhán O'Brien", surname: "O'Brien" });
    // Her manager Tom Baker comes first; the guest and Ruud Kramer (disabled) never appear.
    expect(parsed.users[0].name).toBe('Tom Baker');
    expect(parsed.users.map((u) => u.name)).not.toEqual(expect.arrayContaining(['Oliver Schmidt']));
  });

  it('falls back to an admin of another tenant, and names a missing user', () => {
    const users = ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => ({ id: `id-${k}`, userPrincipalName: `${k}@contoso.com`, displayName: null }));
    const tenant = { organization: { id: 'tenant-1' }, users, directoryRoles: [{ members: ['id-c'] }] };
    const config = buildPlaygroundConfig(tenant);
    expect(config.currentUser).toMatchObject({ aadObjectId: 'id-c', name: 'c@contoso.com', email: 'c@contoso.com', surname: '' });
    expect(config.users).toHaveLength(5);
    expect(buildPlaygroundConfig(tenant, 'E@contoso.com').currentUser.aadObjectId).toBe('id-e');
    expect(() => buildPlaygroundConfig(tenant, 'nobody')).toThrow('no user with id or userPrincipalName nobody');
    expect(() => buildPlaygroundConfig({ ...tenant, users: users.slice(0, 3) })).toThrow('at least 5 enabled members');
  });
});
