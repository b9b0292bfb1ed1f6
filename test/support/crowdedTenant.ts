import { readFileSync } from 'node:fs';
import type { TenantFixtureInput } from '../../src/emulator';
import { DEMO_TENANT } from './botHarness';

/**
 * The demo tenant with `count` extra cloud security groups that `memberId` belongs to, listed before any role in
 * the member's memberships (as Graph may list them: it promises no order). An admin in 1,200 groups is common.
 */
export function crowdedTenant(memberId: string, count: number): TenantFixtureInput {
  const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8')) as TenantFixtureInput & { groups: Record<string, unknown>[] };
  const extra = Array.from({ length: count }, (_, n) => ({
    id: `bbbbbbbb-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    displayName: `Project ${n}`,
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
    members: [memberId],
  }));
  return { ...tenant, groups: [...extra, ...tenant.groups] };
}
