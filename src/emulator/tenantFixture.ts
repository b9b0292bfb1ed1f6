import { readFileSync } from 'node:fs';
import { z } from 'zod';

/*
 * The tenant file (see ../shared/reference/tenant-fixture.md, beside this repository): Graph v1.0 objects as Graph returns them,
 * plus a few fixture-only fields (`manager`, `members`, `passwordWritebackEnabled`). Objects are loose on
 * purpose: any further Graph property in the file is served as it is.
 */

const guidLike = z.string().min(1).max(128);
const nullableString = z.string().nullable().optional();
const nullableBool = z.boolean().nullable().optional();

const organizationSchema = z.looseObject({
  id: guidLike,
  displayName: z.string(),
  verifiedDomains: z.array(z.looseObject({ name: z.string().min(1), isDefault: z.boolean().optional() })).default([]),
  onPremisesSyncEnabled: nullableBool,
  onPremisesLastSyncDateTime: nullableString,
  passwordWritebackEnabled: z.boolean().optional().default(false),
});

const userSchema = z.looseObject({
  id: guidLike,
  userPrincipalName: z.string().min(3).includes('@'),
  displayName: nullableString,
  mail: nullableString,
  givenName: nullableString,
  surname: nullableString,
  jobTitle: nullableString,
  department: nullableString,
  businessPhones: z.array(z.string()).optional(),
  usageLocation: nullableString,
  accountEnabled: nullableBool,
  assignedLicenses: z.array(z.looseObject({ skuId: guidLike, disabledPlans: z.array(z.string()).default([]) })).optional(),
  onPremisesSyncEnabled: nullableBool,
  /** Fixture-only: id (or userPrincipalName) of the manager. */
  manager: z.string().nullable().optional(),
});

const groupSchema = z.looseObject({
  id: guidLike,
  displayName: z.string(),
  mailNickname: nullableString,
  mailEnabled: z.boolean().default(false),
  securityEnabled: z.boolean().default(true),
  groupTypes: z.array(z.string()).default([]),
  onPremisesSyncEnabled: nullableBool,
  /** Fixture-only: ids of member users or groups. */
  members: z.array(z.string()).default([]),
  /** Fixture-only: ids of the users who own the group (they manage its members in delegated mode). */
  owners: z.array(z.string()).optional(),
});

const skuSchema = z.looseObject({
  skuId: guidLike,
  skuPartNumber: z.string(),
  capabilityStatus: z.string().default('Enabled'),
  prepaidUnits: z.looseObject({
    enabled: z.number().int().nonnegative(),
    suspended: z.number().int().nonnegative().default(0),
    warning: z.number().int().nonnegative().default(0),
  }),
  consumedUnits: z.number().int().nonnegative(),
  servicePlans: z.array(z.unknown()).default([]),
});

const directoryRoleSchema = z.looseObject({
  id: guidLike,
  roleTemplateId: guidLike,
  displayName: z.string(),
  description: nullableString,
  /** Fixture-only: ids of member users (or role-assignable groups). */
  members: z.array(z.string()).default([]),
});

/** A PIM eligibility as Graph's `roleManagement/directory/roleEligibilityScheduleInstances` returns it. */
const roleEligibilitySchema = z.looseObject({
  id: guidLike,
  principalId: guidLike,
  /** For built-in roles, the role template id. */
  roleDefinitionId: guidLike,
  directoryScopeId: z.string().default('/'),
  appScopeId: nullableString,
  memberType: z.string().default('Direct'),
  startDateTime: nullableString,
  endDateTime: nullableString,
  roleEligibilityScheduleId: nullableString,
});

/**
 * A role assignment beyond the directory roles' members, in Graph's shape: one scoped to an administrative unit
 * (`directoryScopeId: "/administrativeUnits/…"`) or to an app (`directoryScopeId: null`, `appScopeId` set).
 */
const roleAssignmentSchema = z.looseObject({
  id: guidLike,
  principalId: guidLike,
  roleDefinitionId: guidLike,
  directoryScopeId: z.string().nullable().default('/'),
  appScopeId: nullableString,
});

export const tenantFixtureSchema = z.object({
  /**
   * Fixture-only: the moment the file's dates describe. When present, the emulator moves every date-time in the
   * tenant by the time since then at load (see tenantAsOf.ts), so the file reads the same on any day.
   */
  asOf: z.iso.datetime({ offset: true }).optional(),
  organization: organizationSchema,
  users: z.array(userSchema),
  groups: z.array(groupSchema).default([]),
  subscribedSkus: z.array(skuSchema).default([]),
  directoryRoles: z.array(directoryRoleSchema).default([]),
  /** Eligible (not active) role assignments, as Privileged Identity Management keeps them. */
  roleEligibilityScheduleInstances: z.array(roleEligibilitySchema).default([]),
  /** Role assignments other than tenant-wide directory role membership (scoped ones). */
  roleAssignments: z.array(roleAssignmentSchema).default([]),
});

/** The tenant file as written (fixture-only fields may be left out). */
export type TenantFixtureInput = z.input<typeof tenantFixtureSchema>;
/** The tenant after validation, defaults filled in. */
export type TenantFixture = z.output<typeof tenantFixtureSchema>;
export type FixtureUser = TenantFixture['users'][number];
export type FixtureGroup = TenantFixture['groups'][number];
export type FixtureSku = TenantFixture['subscribedSkus'][number];
export type FixtureDirectoryRole = TenantFixture['directoryRoles'][number];

/** The tenant file is wrong: the message names the file, the field and what is expected there. */
export class TenantFixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantFixtureError';
  }
}

/** Validates a tenant object (shape and cross references). Throws TenantFixtureError. */
export function parseTenantFixture(data: unknown, source = 'tenant fixture'): TenantFixture {
  const parsed = tenantFixtureSchema.safeParse(data);
  if (!parsed.success) {
    throw new TenantFixtureError(`${source} is not a valid tenant file:\n${z.prettifyError(parsed.error)}`);
  }
  const problems = crossReferenceProblems(parsed.data);
  if (problems.length > 0) {
    throw new TenantFixtureError(`${source} is not a valid tenant file:\n${problems.map((p) => `✖ ${p}`).join('\n')}`);
  }
  return parsed.data;
}

/** Reads and validates a tenant JSON file. Throws TenantFixtureError with the path in the message. */
export function loadTenantFixture(path: string): TenantFixture {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TenantFixtureError(`Cannot read tenant file ${path}: ${(e as Error).message}. Set TENANT_FIXTURE to a tenant JSON file.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TenantFixtureError(`Tenant file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseTenantFixture(data, `Tenant file ${path}`);
}

/** Ids must be unique and every reference must point at something in the file. */
function crossReferenceProblems(t: TenantFixture): string[] {
  const problems: string[] = [];
  const userIds = new Set<string>();
  const upns = new Set<string>();
  for (const u of t.users) {
    const id = u.id.toLowerCase();
    if (userIds.has(id)) problems.push(`users: duplicate id ${u.id}`);
    userIds.add(id);
    const upn = u.userPrincipalName.toLowerCase();
    if (upns.has(upn)) problems.push(`users: duplicate userPrincipalName ${u.userPrincipalName}`);
    upns.add(upn);
  }
  const groupIds = new Set(t.groups.map((g) => g.id.toLowerCase()));
  for (const u of t.users) {
    if (u.manager && !userIds.has(u.manager.toLowerCase()) && !upns.has(u.manager.toLowerCase())) {
      problems.push(`users[${u.userPrincipalName}].manager: no user with id or userPrincipalName ${u.manager}`);
    }
    if (u.manager && [u.id, u.userPrincipalName].some((k) => k.toLowerCase() === u.manager!.toLowerCase())) {
      problems.push(`users[${u.userPrincipalName}].manager: a user cannot be their own manager`);
    }
  }
  const skuIds = new Set(t.subscribedSkus.map((s) => s.skuId.toLowerCase()));
  for (const u of t.users) {
    for (const l of u.assignedLicenses ?? []) {
      if (!skuIds.has(l.skuId.toLowerCase())) problems.push(`users[${u.userPrincipalName}].assignedLicenses: unknown skuId ${l.skuId}`);
    }
  }
  const owners: [string, { id: string; members: string[] }[]][] = [['groups', t.groups], ['directoryRoles', t.directoryRoles]];
  for (const [kind, list] of owners) {
    for (const g of list) {
      for (const m of g.members) {
        const key = m.toLowerCase();
        if (!userIds.has(key) && !groupIds.has(key)) problems.push(`${kind}[${g.id}].members: no user or group with id ${m}`);
      }
    }
  }
  for (const g of t.groups) {
    for (const o of g.owners ?? []) if (!userIds.has(o.toLowerCase())) problems.push(`groups[${g.id}].owners: no user with id ${o}`);
  }
  for (const e of [...t.roleEligibilityScheduleInstances, ...t.roleAssignments]) {
    const key = e.principalId.toLowerCase();
    if (!userIds.has(key) && !groupIds.has(key)) problems.push(`role assignment or eligibility ${e.id}: principalId: no user or group with id ${e.principalId}`);
  }
  return problems;
}
