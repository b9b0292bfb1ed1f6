import { readFileSync, writeFileSync } from 'node:fs';

/*
 * Writes `.m365agentsplayground.yml` for the Microsoft 365 Agents Playground from a tenant file, so the
 * chat client's users are real accounts of the tenant (the bot looks them up by aadObjectId).
 * The playground validates the file against its own JSON schema (config 0.1.1, bundled in
 * @microsoft/m365agentsplayground) and exits if anything is off. That schema wants: every key below;
 * `userPrincipleName` spelled so; exactly 5 `users` besides `currentUser`; givenName/surname/email as
 * strings; a bot name of at most 42 characters; at most one extra channel; no other keys. IDs of the
 * personal chat, group chat, team and channel must differ, and so must user ids.
 */

/** The account the demo runs as unless told otherwise (see fixtures/README.md). */
export const DEMO_ADMIN_ID = 'c2d4a037-922c-45fd-8286-ec9d58f61fb6';
const PLAYGROUND_USER_COUNT = 5;

interface TenantUser {
  id: string;
  userPrincipalName: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  userType?: string | null;
  accountEnabled?: boolean | null;
  manager?: string | null;
}
interface TenantFile {
  organization: { id: string };
  users: TenantUser[];
  groups?: { id: string; displayName: string; groupTypes?: string[]; members?: string[] }[];
  directoryRoles?: { members?: string[] }[];
}

export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface PlaygroundConfig {
  version: '0.1.1';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

function pickCurrentUser(tenant: TenantFile, wanted: string | undefined): TenantUser {
  const byId = (ref: string): TenantUser | undefined => tenant.users.find((u) => refersTo(ref, u));
  if (wanted) {
    const user = byId(wanted);
    if (!user) throw new Error(`playground: no user with id or userPrincipalName ${wanted} in the tenant file`);
    return user;
  }
  const members = tenant.users.filter((u) => u.accountEnabled !== false && u.userType !== 'Guest');
  const admins = new Set((tenant.directoryRoles ?? []).flatMap((r) => r.members ?? []));
  const user = byId(DEMO_ADMIN_ID) ?? members.find((u) => admins.has(u.id)) ?? members[0];
  if (!user) throw new Error('playground: the tenant file has no enabled member account to chat as');
  return user;
}

/** Whether a reference (the fixture's `manager`: an id or a userPrincipalName) names this user. */
function refersTo(ref: string | null | undefined, u: TenantUser): boolean {
  const r = ref?.toLowerCase();
  return !!r && (r === u.id.toLowerCase() || r === u.userPrincipalName.toLowerCase());
}

function toPlaygroundUser(u: TenantUser): PlaygroundUser {
  const name = u.displayName || u.userPrincipalName;
  return {
    id: `29:${u.id}`,
    name,
    userPrincipleName: u.userPrincipalName,
    aadObjectId: u.id,
    givenName: u.givenName ?? name.split(' ')[0],
    surname: u.surname ?? '',
    email: u.mail ?? u.userPrincipalName,
  };
}

/**
 * The playground config for a tenant. The current user is `currentUserId`, else the demo admin when the tenant
 * has that account, else its first enabled member holding a directory role, else its first enabled member.
 * The other users are the current user's manager, then their direct reports, then the tenant's other enabled
 * members in file order. The team is the first Microsoft 365 group the current user belongs to, if any.
 */
export function buildPlaygroundConfig(tenant: TenantFile, currentUserId?: string): PlaygroundConfig {
  const current = pickCurrentUser(tenant, currentUserId);
  const eligible = (u: TenantUser): boolean => u.id !== current.id && u.accountEnabled !== false && u.userType !== 'Guest';
  const ordered = [
    ...tenant.users.filter((u) => refersTo(current.manager, u)),
    ...tenant.users.filter((u) => refersTo(u.manager, current)),
    ...tenant.users,
  ].filter(eligible);
  const others = [...new Map(ordered.map((u) => [u.id, u])).values()].slice(0, PLAYGROUND_USER_COUNT);
  if (others.length < PLAYGROUND_USER_COUNT) {
    throw new Error(`playground: the tenant needs at least ${PLAYGROUND_USER_COUNT} enabled members besides the current user`);
  }
  const team = (tenant.groups ?? []).find((g) => g.groupTypes?.includes('Unified') && g.members?.includes(current.id));
  return {
    version: '0.1.1',
    tenantId: tenant.organization.id,
    bot: { id: '00000000-0000-0000-0000-000000000000', name: 'Account Assistant' },
    currentUser: toPlaygroundUser(current),
    users: others.map(toPlaygroundUser),
    personalChat: { id: 'a:account-assistant-personal-chat' },
    groupChat: { id: '19:account-assistant-group-chat@thread.v2', name: 'Account changes' },
    team: {
      id: '19:account-assistant-team@thread.tacv2',
      name: team?.displayName ?? 'IT Service Desk',
      aadGroupId: team?.id ?? '00000000-0000-0000-0000-000000000031',
      channels: [{ id: '19:account-assistant-requests@thread.tacv2', name: 'Account requests' }],
    },
  };
}

/** A YAML scalar: always double-quoted JSON, which YAML reads back as the same string. */
const q = (s: string): string => JSON.stringify(s);

function userYaml(u: PlaygroundUser, first: string, rest: string): string[] {
  return Object.entries(u).map(([k, v], i) => `${i === 0 ? first : rest}${k}: ${q(v)}`);
}

/** The config as YAML text (hand-written: every string quoted, so names like O'Brien or "#EXT#" stay intact). */
export function playgroundYaml(c: PlaygroundConfig): string {
  const lines = [
    '# Generated from the tenant file by scripts/playgroundConfig.ts: edit the tenant file, not this one.',
    `version: ${q(c.version)}`,
    `tenantId: ${q(c.tenantId)}`,
    'bot:',
    `  id: ${q(c.bot.id)}`,
    `  name: ${q(c.bot.name)}`,
    'currentUser:',
    ...userYaml(c.currentUser, '  ', '  '),
    'users:',
    ...c.users.flatMap((u) => userYaml(u, '  - ', '    ')),
    'personalChat:',
    `  id: ${q(c.personalChat.id)}`,
    'groupChat:',
    `  id: ${q(c.groupChat.id)}`,
    `  name: ${q(c.groupChat.name)}`,
    'team:',
    `  id: ${q(c.team.id)}`,
    `  name: ${q(c.team.name)}`,
    `  aadGroupId: ${q(c.team.aadGroupId)}`,
    '  channels:',
    ...c.team.channels.flatMap((ch) => [`    - id: ${q(ch.id)}`, `      name: ${q(ch.name)}`]),
  ];
  return lines.join('\n') + '\n';
}

/** Reads the tenant file and writes the playground config; returns what it wrote. `currentUserId` may also be a UPN. */
export function writePlaygroundConfig(opts: { tenantPath: string; outPath: string; currentUserId?: string }): PlaygroundConfig {
  const tenant = JSON.parse(readFileSync(opts.tenantPath, 'utf8')) as TenantFile;
  const config = buildPlaygroundConfig(tenant, opts.currentUserId);
  writeFileSync(opts.outPath, playgroundYaml(config));
  return config;
}
