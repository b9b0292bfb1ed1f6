import { ConfigError, developmentConfig, loadProductionConfig } from '../../src/config';

const valid = {
  MicrosoftAppId: '00000000-0000-4000-8000-000000000001', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: '00000000-0000-4000-8000-000000000002',
  ALLOWED_TENANT_IDS: '00000000-0000-4000-8000-000000000002', GRAPH_CLIENT_SECRET: 'graph-secret',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadProductionConfig(env, 'test');
    return [];
  } catch (e) {
    return e instanceof ConfigError ? e.problems : [String(e)];
  }
}

describe('UNDO_HOURS', () => {
  it('defaults to 24 hours, in production and in development', () => {
    expect(loadProductionConfig(valid, 'test').undoHours).toBe(24);
    expect(developmentConfig({}, 'test', { graphBaseUrl: 'http://127.0.0.1:1', tenantId: 't' }).undoHours).toBe(24);
  });

  it('takes a whole number of hours from 1 to 720', () => {
    expect(loadProductionConfig({ ...valid, UNDO_HOURS: '72' }, 'test').undoHours).toBe(72);
    expect(developmentConfig({ UNDO_HOURS: '2' }, 'test', { graphBaseUrl: 'http://127.0.0.1:1', tenantId: 't' }).undoHours).toBe(2);
  });

  it.each(['0', '721', '1.5', 'a day'])('refuses UNDO_HOURS=%j with a line naming the variable', (value) => {
    expect(problems({ ...valid, UNDO_HOURS: value })).toEqual([`UNDO_HOURS must be a whole number of hours from 1 to 720 (got '${value}')`]);
  });
});
