import { join } from 'node:path';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { SignInRequired, type DelegatedTokenSource } from '../../src/directory/delegatedTokens';
import type { BatchWrite, Directory } from '../../src/directory/directory';
import { BearerOverrideOption, BearerTokenMiddleware } from '../../src/directory/graph/bearerTokenMiddleware';
import { createCredential } from '../../src/directory/graph/credential';
import { createGraphClient } from '../../src/directory/graph/graphClient';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { GraphTransport } from '../../src/directory/graph/graphTransport';
import { DEFAULT_RETRY } from '../../src/directory/graph/retryBudgetMiddleware';
import { startGraphEmulator, type GraphEmulator } from '../../src/emulator';
import { DirectoryError } from '../../src/errors';
import { writesIn } from '../support/graphWrites';

/*
 * GraphDirectory in delegated mode over real HTTP (the bot's Graph client and middleware) against the emulator, whose
 * local issuer gives the tokens and which enforces the signed-in user's roles as Entra does.
 */

const DEMO_TENANT = join(__dirname, '..', '..', 'fixtures', 'demo-tenant.json');
const people = {
  daan: 'c2d4a037-922c-45fd-8286-ec9d58f61fb6', // User Administrator
  milan: 'd6d523e2-b8df-491a-bf02-a6449ef192f5', // no role
  sven: '0b7e2c1d-5a8f-4e3b-9c6d-2f1a8b7c9d01', // Global Administrator, PIM-eligible only
  breakglass: '17cfa68c-7c76-4bbe-9ad5-44615a2efe48', // Global Administrator
  noah: 'ae49f001-dfc8-4f88-9ff6-7c3274fb8c11', // ordinary, cloud-only
  femke: 'a263a32c-8de0-44fe-8711-000f1d948d78', // ordinary, cloud-only
  hendrik: 'fc965c71-4f96-41b8-b210-ca6d973363bd', // Global Administrator, synced
};
const groups = {
  logisticsPlanners: 'ef6022ab-ebd2-48bd-946d-6040da471d5a', // cloud security group
  itServiceDesk: '5dcc9b76-4ab9-45eb-a025-412aa3e41136', // Microsoft 365 group, noah is a member
  privilegedItAdmins: '381ed904-0476-48ae-997f-b5d9d283d193', // role-assignable
  allNetherlandsStaff: '0e9cdef7-1ad1-4f65-91e2-787b83270d32', // dynamic
};
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

/** The development token source in miniature: the emulator's issuer, cached per user; SignInRequired for strangers. */
class EmulatorTokens implements DelegatedTokenSource {
  readonly asked: string[] = [];
  private readonly cache = new Map<string, string>();
  constructor(private readonly issuerUrl: () => string, private readonly signedIn: Set<string>) {}

  async tokenFor(userId: string): Promise<string> {
    this.asked.push(userId);
    if (!this.signedIn.has(userId)) throw new SignInRequired(userId);
    const held = this.cache.get(userId);
    if (held) return held;
    const response = await fetch(`${this.issuerUrl()}/_oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId }) });
    if (!response.ok) throw new SignInRequired(userId);
    const token = ((await response.json()) as { access_token: string }).access_token;
    this.cache.set(userId, token);
    return token;
  }

  async forget(userId: string): Promise<void> {
    this.cache.delete(userId);
  }

  /** Every token handed out, to look for in the logs. */
  held(): string[] {
    return [...this.cache.values()];
  }
}

/** A source that hands out a fixed token (tampered, expired). */
const fixedToken = (token: string): DelegatedTokenSource => ({ tokenFor: async () => token, forget: async () => undefined });

let emu: GraphEmulator;
let clock: Date;
let tokens: EmulatorTokens;
let transport: GraphTransport;
let directory: GraphDirectory;
const RETRY = { ...DEFAULT_RETRY, attemptTimeoutMs: 2_000, budgetMs: 4_000 };

beforeAll(async () => {
  clock = new Date('2026-12-01T09:30:00.000Z');
  emu = await startGraphEmulator({ tenant: DEMO_TENANT, now: () => clock });
  transport = new GraphTransport(createGraphClient({ baseUrl: emu.url, credential: createCredential({ kind: 'development' }), retry: RETRY }));
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  tokens = new EmulatorTokens(() => emu.url, new Set([people.daan, people.milan, people.sven, people.breakglass]));
  directory = new GraphDirectory(transport, new URL(emu.url).origin, { sleep: async () => undefined }, { delegated: tokens });
});

const writes = () => writesIn(emu.requestLog);
const expectRefused = async (p: Promise<unknown>) => {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DirectoryError);
  expect(error).toMatchObject({ code: 'ENTRA_REFUSED', status: 403, graphCode: 'Authorization_RequestDenied' });
};

describe('asUser in delegated mode', () => {
  test('a write carries the acting admin\'s token; a read in the same view carries the app\'s', async () => {
    const asDaan = directory.asUser(people.daan);
    await asDaan.updateAccount(people.noah, { jobTitle: 'Planner' });
    const account = await asDaan.getAccount(people.noah);
    expect(account?.jobTitle).toBe('Planner');
    const [patch, read] = emu.requestLog;
    expect(patch).toMatchObject({ method: 'PATCH', path: `/v1.0/users/${people.noah}`, delegatedUserId: people.daan, hasAuth: true, status: 204 });
    expect(read).toMatchObject({ method: 'GET', path: `/v1.0/users/${people.noah}`, hasAuth: true, status: 200 });
    expect(read).not.toHaveProperty('delegatedUserId');
    expect(tokens.asked).toEqual([people.daan]);
  });

  const everyWrite: [string, (d: Directory) => Promise<unknown>][] = [
    ['updateAccount', (d) => d.updateAccount(people.noah, { department: 'Logistics' })],
    ['setManager', (d) => d.setManager(people.femke, people.daan)],
    ['setManager(null)', (d) => d.setManager(people.noah, null)],
    ['addGroupMember', (d) => d.addGroupMember(groups.logisticsPlanners, people.noah)],
    ['removeGroupMember', (d) => d.removeGroupMember(groups.itServiceDesk, people.noah)],
    ['assignLicenses', (d) => d.assignLicenses(people.noah, [], [E3])],
    ['revokeSignInSessions', (d) => d.revokeSignInSessions(people.noah)],
    ['setTemporaryPassword', (d) => d.setTemporaryPassword(people.noah, 'Xy7!pQr2#mNb-Tq')],
    ['resetPasswordWithWriteback', (d) => d.resetPasswordWithWriteback(people.noah, 'Xy7!pQr2#mNb-Tq')],
    ['writeBatch', (d) => d.writeBatch([{ userId: people.noah, write: { op: 'revokeSessions' } }])],
  ];

  test.each(everyWrite)('%s carries the acting admin\'s token and succeeds for a User Administrator', async (_name, run) => {
    await run(directory.asUser(people.daan));
    expect(writes().length).toBeGreaterThan(0);
    expect(writes().every((e) => e.delegatedUserId === people.daan && e.status < 300)).toBe(true);
  });

  test.each(everyWrite)('%s by a user without a role: Entra refuses, ENTRA_REFUSED with Graph\'s code kept', async (name, run) => {
    if (name === 'writeBatch') {
      const [result] = (await run(directory.asUser(people.milan))) as Awaited<ReturnType<Directory['writeBatch']>>;
      expect(result).toEqual({ ok: false, code: 'ENTRA_REFUSED', status: 403, graphCode: 'Authorization_RequestDenied', requestId: expect.any(String), mayHaveLanded: false });
    } else {
      await expectRefused(run(directory.asUser(people.milan)));
    }
    expect(writes().filter((e) => e.batchRequestId !== undefined || e.path !== '/v1.0/$batch').every((e) => e.delegatedUserId === people.milan && e.status === 403)).toBe(true);
  });

  test('a Global Administrator who is only eligible (PIM, not activated) is refused', async () => {
    await expectRefused(directory.asUser(people.sven).updateAccount(people.noah, { jobTitle: 'Planner' }));
    expect(emu.state.getUser(people.noah)!.jobTitle).not.toBe('Planner');
  });

  test('a User Administrator is refused on a Global Administrator\'s account; a Global Administrator is not', async () => {
    await expectRefused(directory.asUser(people.daan).updateAccount(people.breakglass, { jobTitle: 'x' }));
    await directory.asUser(people.breakglass).updateAccount(people.daan, { jobTitle: 'Lead' });
    expect(emu.state.getUser(people.daan)!.jobTitle).toBe('Lead');
  });

  test('writeBatch: allowed and refused items side by side, each judged on its own under the admin\'s token', async () => {
    const items: BatchWrite[] = [
      { userId: people.noah, write: { op: 'patch', patch: { jobTitle: 'Planner' } } },
      { userId: people.breakglass, write: { op: 'patch', patch: { jobTitle: 'x' } } },
      { userId: people.noah, write: { op: 'membership', groupId: groups.privilegedItAdmins, add: true } },
      { userId: people.noah, write: { op: 'membership', groupId: groups.logisticsPlanners, add: true } },
      { userId: people.hendrik, write: { op: 'revokeSessions' } },
      { userId: people.femke, write: { op: 'licence', skuId: E3, assign: false } },
    ];
    const results = await directory.asUser(people.daan).writeBatch(items);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'ENTRA_REFUSED', 'ENTRA_REFUSED', 'ok', 'ENTRA_REFUSED', 'ok']);
    expect(results[1]).toMatchObject({ graphCode: 'Authorization_RequestDenied', status: 403, mayHaveLanded: false });
    const batchItems = emu.requestLog.filter((e) => e.batchRequestId !== undefined);
    expect(batchItems).toHaveLength(6);
    expect(batchItems.every((e) => e.delegatedUserId === people.daan)).toBe(true);
    expect(emu.state.getGroupMemberIds(groups.privilegedItAdmins)).not.toContain(people.noah);
    expect(emu.state.getGroupMemberIds(groups.logisticsPlanners)).toContain(people.noah);
  });

  test('SignInRequired from the token source comes out unchanged, and nothing is sent', async () => {
    const stranger = directory.asUser(people.noah);
    const single = await stranger.updateAccount(people.femke, { jobTitle: 'x' }).then(() => null, (e: unknown) => e);
    expect(single).toBeInstanceOf(SignInRequired);
    expect(single).toMatchObject({ code: 'SIGN_IN_REQUIRED', userId: people.noah });
    await expect(stranger.writeBatch([{ userId: people.femke, write: { op: 'revokeSessions' } }])).rejects.toBeInstanceOf(SignInRequired);
    await expect(stranger.resetPasswordWithWriteback(people.femke, 'Xy7!pQr2#mNb-Tq')).rejects.toBeInstanceOf(SignInRequired);
    expect(writes()).toEqual([]);
    // Reads need no sign-in: they carry the app's token.
    expect(await stranger.getAccount(people.femke)).not.toBeNull();
  });

  test('a tampered token is GRAPH_AUTH_FAILED (401), nothing written', async () => {
    const good = emu.issueDelegatedToken(people.milan);
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, oid: people.breakglass })).toString('base64url')}.${s}`;
    const tampered = new GraphDirectory(transport, new URL(emu.url).origin, {}, { delegated: fixedToken(forged) });
    await expect(tampered.asUser(people.milan).updateAccount(people.noah, { jobTitle: 'x' })).rejects.toMatchObject({ code: 'GRAPH_AUTH_FAILED', status: 401, graphCode: 'InvalidAuthenticationToken' });
    const [result] = await tampered.asUser(people.milan).writeBatch([{ userId: people.noah, write: { op: 'revokeSessions' } }]);
    expect(result).toMatchObject({ ok: false, code: 'GRAPH_AUTH_FAILED', status: 401 });
    expect(emu.state.getSignInRevocations(people.noah)).toEqual([]);
  });

  test('an expired token is GRAPH_AUTH_FAILED (401)', async () => {
    const expired = new GraphDirectory(transport, new URL(emu.url).origin, {}, { delegated: fixedToken(emu.issueDelegatedToken(people.daan, { expiresInSeconds: 0 })) });
    await expect(expired.asUser(people.daan).revokeSignInSessions(people.noah)).rejects.toMatchObject({ code: 'GRAPH_AUTH_FAILED', status: 401 });
  });

  test('a token source that fails otherwise is GRAPH_AUTH_FAILED, its message not kept', async () => {
    const broken = new GraphDirectory(transport, new URL(emu.url).origin, {}, {
      delegated: { tokenFor: async () => { throw new Error('secret-ish detail'); }, forget: async () => undefined },
    });
    const error = await broken.asUser(people.daan).updateAccount(people.noah, { jobTitle: 'x' }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'GRAPH_AUTH_FAILED', status: 0 });
    expect((error as Error).message).not.toContain('secret-ish');
  });

  test('no token ever reaches the request log', async () => {
    const asDaan = directory.asUser(people.daan);
    await asDaan.updateAccount(people.noah, { jobTitle: 'Planner' });
    await asDaan.writeBatch([{ userId: people.noah, write: { op: 'revokeSessions' } }]);
    await directory.asUser(people.milan).updateAccount(people.noah, { jobTitle: 'x' }).catch(() => undefined);
    const log = JSON.stringify(emu.requestLog);
    expect(tokens.held()).toHaveLength(2);
    for (const token of tokens.held()) {
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.split('.')[2]);
    }
  });
});

describe('application mode', () => {
  test('without a token source, asUser is the directory itself and writes carry the app\'s token', async () => {
    const app = new GraphDirectory(transport, new URL(emu.url).origin);
    expect(app.asUser(people.milan)).toBe(app);
    await app.asUser(people.milan).updateAccount(people.breakglass, { jobTitle: 'Break glass' });
    expect(writes()).toEqual([expect.objectContaining({ method: 'PATCH', status: 204, hasAuth: true })]);
    expect(writes()[0]).not.toHaveProperty('delegatedUserId');
  });

  test('a 403 under the app\'s token stays GRAPH_FORBIDDEN', async () => {
    const app = new GraphDirectory(transport, new URL(emu.url).origin);
    await expect(app.addGroupMember(groups.allNetherlandsStaff, people.noah)).rejects.toMatchObject({ code: 'GRAPH_FORBIDDEN', status: 403 });
  });

  test('the delegated directory itself (not a view) writes with the app\'s token', async () => {
    await directory.updateAccount(people.breakglass, { jobTitle: 'Break glass' });
    expect(writes()[0]).not.toHaveProperty('delegatedUserId');
    expect(tokens.asked).toEqual([]);
  });
});

describe('BearerTokenMiddleware', () => {
  /** The link under test, with a recording next link. */
  function run(url: string, override?: string): Promise<Record<string, string>> {
    const provider = { getAccessToken: async () => 'app-token' };
    const link = new BearerTokenMiddleware(provider, 'https://graph.microsoft.com');
    let seen: Record<string, string> = {};
    link.setNext({ execute: async (c: Context) => void (seen = c.options?.headers as Record<string, string>) } as Middleware);
    const options = override ? [new BearerOverrideOption(async () => override)] : [];
    const context = {
      request: url, options: { headers: {} },
      middlewareControl: { getMiddlewareOptions: (fn: unknown) => options.find((o) => o.constructor === fn) },
    } as unknown as Context;
    return link.execute(context).then(() => seen);
  }

  test('a request\'s own token replaces the app\'s, for the Graph origin', async () => {
    expect((await run('https://graph.microsoft.com/v1.0/users/x', 'user-token')).authorization).toBe('Bearer user-token');
    expect((await run('https://graph.microsoft.com/v1.0/users/x')).authorization).toBe('Bearer app-token');
  });

  test('and, like the app\'s, never goes to another origin', async () => {
    expect((await run('https://graph.microsoft.com.evil.example/v1.0/users', 'user-token')).authorization).toBeUndefined();
  });
});
