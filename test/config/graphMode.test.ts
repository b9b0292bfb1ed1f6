import { ConfigError, developmentConfig, loadProductionConfig } from '../../src/config';
import { createApp } from '../../src/app';
import { StartupError } from '../../src/errors';
import { memoryLogger } from '../../src/logger';

const valid = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppTenantId: '645fce36-d422-4336-b5ec-f85a440f37df',
  MicrosoftAppPassword: 'not-a-real-secret',
  ALLOWED_TENANT_IDS: '645fce36-d422-4336-b5ec-f85a440f37df',
  GRAPH_CLIENT_SECRET: 'not-a-real-secret',
};
const delegated = { ...valid, GRAPH_MODE: 'delegated', OAUTH_CONNECTION_NAME: 'graph-sso' };

function problems(env: Record<string, string>): string[] {
  try {
    loadProductionConfig(env, 'test');
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('GRAPH_MODE', () => {
  it('is application by default, with no sign-in', () => {
    const config = loadProductionConfig(valid, 'test');
    expect(config.graphMode).toBe('application');
    expect(config.sso).toBeNull();
  });

  it('ignores OAUTH_CONNECTION_NAME in application mode', () => {
    expect(loadProductionConfig({ ...valid, OAUTH_CONNECTION_NAME: 'graph-sso' }, 'test').sso).toBeNull();
  });

  it('refuses a mode it does not know', () => {
    expect(problems({ ...valid, GRAPH_MODE: 'user' })).toEqual(["GRAPH_MODE must be application or delegated (got 'user')"]);
  });

  it('delegated: Teams SSO through the OAuth connection, exchanged with the bot app\'s secret', () => {
    const config = loadProductionConfig(delegated, 'test');
    expect(config.graphMode).toBe('delegated');
    expect(config.sso).toEqual({
      connectionName: 'graph-sso',
      credential: { kind: 'clientSecret', tenantId: valid.MicrosoftAppTenantId, clientId: valid.MicrosoftAppId, clientSecret: 'not-a-real-secret' },
    });
  });

  it('delegated with a certificate', () => {
    const config = loadProductionConfig({ ...delegated, GRAPH_AUTH: 'certificate', GRAPH_CERTIFICATE_PATH: '/etc/bot/graph.pem', GRAPH_CLIENT_SECRET: '' }, 'test');
    expect(config.sso?.credential).toEqual({ kind: 'certificate', tenantId: valid.MicrosoftAppTenantId, clientId: valid.MicrosoftAppId, certificatePath: '/etc/bot/graph.pem' });
  });

  it('delegated needs OAUTH_CONNECTION_NAME', () => {
    const [line, ...rest] = problems({ ...delegated, OAUTH_CONNECTION_NAME: ' ' });
    expect(rest).toEqual([]);
    expect(line).toMatch(/^OAUTH_CONNECTION_NAME is required when GRAPH_MODE is delegated: .*OAuth connection on the Azure Bot/);
  });

  it('delegated cannot exchange with a managed identity', () => {
    const list = problems({ ...delegated, GRAPH_AUTH: 'managedIdentity', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: '' });
    expect(list).toEqual([
      expect.stringMatching(/^GRAPH_MODE=delegated needs a bot app registration with a secret or certificate/),
      expect.stringMatching(/^GRAPH_MODE=delegated needs GRAPH_AUTH clientSecret or certificate/),
    ]);
  });

  it('delegated needs Graph to be the bot\'s own app registration (the SSO token is issued to it)', () => {
    expect(problems({ ...delegated, GRAPH_CLIENT_ID: '99999999-2222-3333-4444-555555555555' })).toEqual([
      expect.stringMatching(/^GRAPH_MODE=delegated needs GRAPH_CLIENT_ID to be the bot's own MicrosoftAppId \(got '99999999-/),
    ]);
    expect(problems({ ...delegated, GRAPH_CLIENT_ID: valid.MicrosoftAppId.toUpperCase() })).toEqual([]);
  });

  it('development: GRAPH_MODE=delegated without Azure (the emulator signs users in)', () => {
    const opts = { graphBaseUrl: 'http://127.0.0.1:1', tenantId: valid.MicrosoftAppTenantId };
    expect(developmentConfig({}, 'test', opts)).toMatchObject({ graphMode: 'application', sso: null });
    expect(developmentConfig({ GRAPH_MODE: 'delegated', OAUTH_CONNECTION_NAME: 'x' }, 'test', opts)).toMatchObject({ graphMode: 'delegated', sso: null });
  });

  it('the app refuses to start in production delegated mode without Teams SSO, whatever built its configuration', async () => {
    const config = { ...loadProductionConfig(valid, 'test'), graphMode: 'delegated' as const, store: { dataDir: 'memory://' } };
    const attempt = createApp(config, { log: memoryLogger() });
    await expect(attempt).rejects.toBeInstanceOf(StartupError);
    await expect(attempt).rejects.toThrow(/GRAPH_MODE=delegated needs OAUTH_CONNECTION_NAME/);
  });
});
