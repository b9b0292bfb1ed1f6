import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, developmentConfig, loadProductionConfig } from '../../src/config';

const valid = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppTenantId: '645fce36-d422-4336-b5ec-f85a440f37df',
  MicrosoftAppPassword: 'not-a-real-secret',
  ALLOWED_TENANT_IDS: '645fce36-d422-4336-b5ec-f85a440f37df',
  GRAPH_CLIENT_SECRET: 'not-a-real-secret',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadProductionConfig(env, 'test');
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('production configuration', () => {
  it('accepts a complete configuration', () => {
    const config = loadProductionConfig(valid, 'test');
    expect(config.mode).toBe('production');
    expect(config.bot?.appId).toBe(valid.MicrosoftAppId);
    expect(config.graph.baseUrl).toBe('https://graph.microsoft.com');
    expect(config.store).toEqual({ dataDir: '.data' });
  });

  it('names every missing variable at once', () => {
    const list = problems({}).join('\n');
    for (const name of ['MicrosoftAppId', 'MicrosoftAppTenantId', 'MicrosoftAppPassword', 'ALLOWED_TENANT_IDS', 'GRAPH_CLIENT_SECRET']) {
      expect(list).toContain(name);
    }
  });

  it.each([
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppId must be a GUID'],
    [{ MicrosoftAppType: 'Anything' }, 'MicrosoftAppType must be'],
    [{ ALLOWED_TENANT_IDS: 'contoso' }, 'ALLOWED_TENANT_IDS must be a GUID'],
    [{ GRAPH_BASE_URL: 'http://127.0.0.1:5050' }, 'GRAPH_BASE_URL must use https'],
    [{ GRAPH_BASE_URL: 'https://evil.example.com' }, 'is not a Microsoft Graph cloud'],
    [{ GRAPH_AUTH: 'certificate' }, 'GRAPH_CERTIFICATE_PATH is required'],
    [{ PORT: 'eighty' }, 'PORT must be a port number'],
  ])('refuses %j', (override, message) => {
    expect(problems({ ...valid, ...override }).join('\n')).toContain(message);
  });

  it('needs no password for a user-assigned managed identity', () => {
    expect(problems({ ...valid, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: '', GRAPH_AUTH: 'managedIdentity' })).toEqual([]);
  });

  it('switches to PostgreSQL with DATABASE_URL', () => {
    expect(loadProductionConfig({ ...valid, DATABASE_URL: 'postgres://db/x' }, 't').store).toEqual({ databaseUrl: 'postgres://db/x' });
  });
});

describe('the production entry point', () => {
  it('exits non-zero with no configuration and lists the missing variables', () => {
    const root = join(__dirname, '..', '..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/index.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('MicrosoftAppId');
    expect(run.stderr).toContain('ALLOWED_TENANT_IDS');
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  }, 130_000);
});

describe('production configuration: password writeback and the policy file', () => {
  it('defaults to no password writeback and no policy file', () => {
    const config = loadProductionConfig(valid, 'test');
    expect(config.passwordWriteback).toBe(false);
    expect(config.policyFile).toBeUndefined();
  });

  it.each([['true', true], ['false', false], [' true ', true], ['', false]])('reads PASSWORD_WRITEBACK=%j as %s', (value, expected) => {
    expect(loadProductionConfig({ ...valid, PASSWORD_WRITEBACK: value }, 'test').passwordWriteback).toBe(expected);
  });

  it.each([['yes'], ['1'], ['TRUE'], ['on'], ['enabled']])('refuses PASSWORD_WRITEBACK=%j with a line naming the variable', (value) => {
    const list = problems({ ...valid, PASSWORD_WRITEBACK: value });
    expect(list).toEqual([`PASSWORD_WRITEBACK must be true or false (got '${value}')`]);
  });

  it('shortens a long wrong PASSWORD_WRITEBACK in the message', () => {
    const [line] = problems({ ...valid, PASSWORD_WRITEBACK: 'x'.repeat(500) });
    expect(line).toBe(`PASSWORD_WRITEBACK must be true or false (got '${'x'.repeat(40)}')`);
  });

  it('keeps a POLICY_FILE that exists', () => {
    const file = join(__dirname, '..', '..', 'package.json');
    expect(loadProductionConfig({ ...valid, POLICY_FILE: file }, 'test').policyFile).toBe(file);
  });

  it('refuses a POLICY_FILE that does not exist, naming the variable and the path', () => {
    const file = join(__dirname, 'no-such-policy.json');
    expect(problems({ ...valid, POLICY_FILE: file })).toEqual([`POLICY_FILE names a file that does not exist: ${file}`]);
  });

  it('lists both problems together with the others', () => {
    const list = problems({ ...valid, PASSWORD_WRITEBACK: 'maybe', POLICY_FILE: '/nonexistent/policy.json', MicrosoftAppId: '' });
    expect(list.some((p) => p.startsWith('PASSWORD_WRITEBACK '))).toBe(true);
    expect(list.some((p) => p.startsWith('POLICY_FILE '))).toBe(true);
    expect(list.some((p) => p.startsWith('MicrosoftAppId '))).toBe(true);
  });
});

describe('FILE_DOWNLOAD_HOSTS', () => {
  it('defaults to OneDrive for Business (*.sharepoint.com) in production', () => {
    expect(loadProductionConfig(valid, 'test').fileDownloadHosts).toEqual(['*.sharepoint.com']);
  });

  it('takes a comma-separated list of hosts and *.domain patterns', () => {
    const config = loadProductionConfig({ ...valid, FILE_DOWNLOAD_HOSTS: ' *.sharepoint.com , Contoso-My.SharePoint.com., files.contoso.example ' }, 'test');
    expect(config.fileDownloadHosts).toEqual(['*.sharepoint.com', 'contoso-my.sharepoint.com', 'files.contoso.example']);
  });

  it('refuses patterns that would let a link go anywhere, and the machine itself in production', () => {
    const found = problems({ ...valid, FILE_DOWNLOAD_HOSTS: '*,*.com,https://x.sharepoint.com,127.0.0.1,localhost,*.sharepoint.com' });
    const ours = found.filter((p) => p.startsWith('FILE_DOWNLOAD_HOSTS'));
    expect(ours).toHaveLength(5);
    expect(ours.join('\n')).toMatch(/'\*' is not a host name/);
    expect(ours.join('\n')).toMatch(/'\*\.com' covers a whole top-level domain/);
    expect(ours.join('\n')).toMatch(/'127\.0\.0\.1' is this machine/);
    expect(ours.join('\n')).toMatch(/'localhost' is this machine/);
  });

  it('refuses a list with no host in it', () => {
    expect(problems({ ...valid, FILE_DOWNLOAD_HOSTS: ' , ' })).toEqual(['FILE_DOWNLOAD_HOSTS must name at least one host (e.g. *.sharepoint.com)']);
  });

  it('in development also allows this machine, and takes FILE_DOWNLOAD_HOSTS when it is valid', () => {
    const opts = { graphBaseUrl: 'http://127.0.0.1:1', tenantId: valid.MicrosoftAppTenantId };
    expect(developmentConfig({}, 'test', opts).fileDownloadHosts).toEqual(['*.sharepoint.com', '127.0.0.1', 'localhost']);
    expect(developmentConfig({ FILE_DOWNLOAD_HOSTS: '127.0.0.1' }, 'test', opts).fileDownloadHosts).toEqual(['127.0.0.1']);
    expect(developmentConfig({ FILE_DOWNLOAD_HOSTS: '*' }, 'test', opts).fileDownloadHosts).toEqual(['*.sharepoint.com', '127.0.0.1', 'localhost']);
  });
});
