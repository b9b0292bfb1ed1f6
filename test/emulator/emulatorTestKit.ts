import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from '../../src/emulator';

/** The small tenant every emulator test uses (synced, cloud-only, apostrophe, diacritics, every group kind). */
export const TENANT_PATH = join(__dirname, 'fixtures', 'tenant.json');

/** Ids in fixtures/tenant.json, named for what each object is there to test. */
export const ids = {
  megan: '11111111-1111-4111-8111-000000000001', // synced, licensed, manager = fatima
  alex: '11111111-1111-4111-8111-000000000002', // cloud-only, usageLocation US, Helpdesk Administrator
  patrick: '11111111-1111-4111-8111-000000000003', // cloud-only, "Patrick O'Brien"
  jose: '11111111-1111-4111-8111-000000000004', // "José Álvarez", once synced (false), no usageLocation
  fatima: '11111111-1111-4111-8111-000000000005', // synced manager, User Administrator
  pieter: '11111111-1111-4111-8111-000000000006', // synced
  adele: '11111111-1111-4111-8111-000000000007', // guest, UPN with #EXT#
  salesTeam: '22222222-2222-4222-8222-000000000001', // cloud security group
  marketing: '22222222-2222-4222-8222-000000000002', // Microsoft 365 group
  hqStaff: '22222222-2222-4222-8222-000000000003', // synced group
  financeMailSecurity: '22222222-2222-4222-8222-000000000004', // mail-enabled security group
  newsletter: '22222222-2222-4222-8222-000000000005', // distribution list
  allEmployees: '22222222-2222-4222-8222-000000000006', // dynamic group
  commercial: '22222222-2222-4222-8222-000000000007', // contains Sales Team (nesting)
  e3: 'cccccccc-0000-4000-8000-0000000000e3', // 25 units, 2 used
  powerBi: 'cccccccc-0000-4000-8000-0000000000b1', // 1 unit, 1 used: full
  userAdministrator: '33333333-3333-4333-8333-000000000001',
};

export function startTestEmulator(options: Partial<GraphEmulatorOptions> = {}): Promise<GraphEmulator> {
  return startGraphEmulator({ tenant: TENANT_PATH, ...options });
}

export interface CallResult {
  status: number;
  headers: Headers;
   
  body: any;
}

/** One Graph call over real HTTP with the global fetch. `path` is below /v1.0 and sent as written. */
export async function call(
  emu: GraphEmulator,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let payload: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(emu.baseUrl + path, { method, headers, body: payload });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // text/plain answers ($count) stay text
  }
  return { status: response.status, headers: response.headers, body };
}

/** `$filter` and friends, percent-encoded the way a careful client sends them. */
export function q(params: Record<string, string | number>): string {
  return '?' + Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
}

export const eventual = { ConsistencyLevel: 'eventual' };
