import type { Privileges } from '../directory';
import { DirectoryError } from '../../errors';
import { sendInBatches } from './batchSend';
import { graphPath, odataString, queryString } from './graphPath';
import { fromResponse, type GraphTransport } from './graphTransport';
import { settledAll } from './listsTogether';
import { readAllPages } from './pages';

const ASSIGNMENT_SELECT = 'principalId,roleDefinitionId,directoryScopeId';

interface Assignment {
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string | null;
}

/**
 * `getPrivileges` for the whole tenant, built from the same facts, in requests that grow with the number of roles and
 * role-assignable groups (20 to a `$batch`), not of users:
 * - the role definitions (one page or two), then each one's active assignments as `$batch` items: Graph lists
 *   `roleAssignments` only filtered on a principal or a role definition, never all at once;
 * - with `eligibility`, every PIM eligibility instance (that list may be read whole);
 * - every role-assignable group (`isAssignableToRole eq true`), then each one's members as `$batch` items: such
 *   groups cannot contain groups, so their direct members are all their members. All of them, not only those holding
 *   a role: getPrivileges reports membership of one as protecting by itself.
 * A read that fails or is cut short throws: a person left out would be taken for one who holds nothing.
 */
export async function readAllPrivileges(
  graph: GraphTransport, options: { eligibility: boolean }, batch: { sleep?: (ms: number) => Promise<void> } = {},
): Promise<Map<string, Privileges>> {
  // Two rounds of `$batch`: the lists that need no ids (definitions, eligibilities, role-assignable groups), then what
  // each definition and group holds. A change to a thousand people pays two requests for everyone's roles, not five.
  const firstRound = [
    '/roleManagement/directory/roleDefinitions' + queryString({ $select: 'id' }),
    '/groups' + queryString({ $filter: 'isAssignableToRole eq true', $select: 'id,displayName', $top: '999' }),
    ...(options.eligibility ? ['/roleManagement/directory/roleEligibilityScheduleInstances' + queryString({ $select: ASSIGNMENT_SELECT })] : []),
  ];
  const [definitions, groups, eligibleRows = []] = (await readEach<Record<string, unknown>>(graph, firstRound, batch)) as [
    { id?: string }[], { id?: string; displayName?: string }[], Partial<Assignment>[]?,
  ];
  const eligible = eligibleRows.map(normalize);
  const assignmentPaths = definitions.map((d) => '/roleManagement/directory/roleAssignments'
    + queryString({ $filter: `roleDefinitionId eq ${odataString(String(d.id))}`, $select: ASSIGNMENT_SELECT }));
  const memberPaths = groups.map((g) => graphPath`/groups/${String(g.id)}/members/microsoft.graph.user` + queryString({ $select: 'id', $top: '999' }));
  const secondRound = await readEach<Record<string, unknown>>(graph, [...assignmentPaths, ...memberPaths], batch);
  const assignments = (secondRound.slice(0, assignmentPaths.length) as Partial<Assignment>[][]).flat().map(normalize);
  const members = secondRound.slice(assignmentPaths.length) as { id?: string }[][];

  const key = (id: string) => id.toLowerCase();
  const byPrincipal = (list: Assignment[]) => {
    const map = new Map<string, Assignment[]>();
    for (const a of list) map.set(key(a.principalId), [...(map.get(key(a.principalId)) ?? []), a]);
    return map;
  };
  const active = byPrincipal(assignments);
  const eligibleBy = byPrincipal(eligible);
  const groupIds = new Set(groups.map((g) => key(String(g.id))));
  const groupsOf = new Map<string, { id: string; displayName: string }[]>();
  groups.forEach((g, i) => {
    for (const m of members[i]) {
      const id = String(m.id);
      groupsOf.set(key(id), [...(groupsOf.get(key(id)) ?? []), { id: String(g.id), displayName: String(g.displayName ?? '') }]);
    }
  });

  // Every principal that holds anything, under its id as Graph spells it; role-assignable groups are not people.
  const principals = new Map<string, string>();
  for (const list of [assignments, eligible]) for (const a of list) if (!groupIds.has(key(a.principalId))) principals.set(key(a.principalId), a.principalId);
  groups.forEach((_, i) => members[i].forEach((m) => principals.set(key(String(m.id)), String(m.id))));

  const ids = (list: Assignment[]) => [...new Set(list.map((a) => a.roleDefinitionId.toLowerCase()))];
  const out = new Map<string, Privileges>();
  for (const [k, id] of principals) {
    const roleGroups = groupsOf.get(k) ?? [];
    const held = [...(active.get(k) ?? []), ...roleGroups.flatMap((g) => active.get(key(g.id)) ?? [])];
    out.set(id, {
      // Only a tenant-wide assignment lets the holder act on any account; one scoped to an administrative unit still protects.
      activeRoleIds: ids(held.filter((a) => a.directoryScopeId === '/')),
      heldRoleIds: ids([...held, ...(eligibleBy.get(k) ?? [])]),
      roleAssignableGroups: roleGroups,
      eligibilityRead: options.eligibility,
    });
  }
  return out;
}

/** A missing scope is not the tenant: only an explicit '/' lets the holder act everywhere (fail closed). */
function normalize(r: Partial<Assignment>): Assignment {
  return { principalId: String(r.principalId ?? ''), roleDefinitionId: String(r.roleDefinitionId ?? ''), directoryScopeId: r.directoryScopeId ?? null };
}

/** Many lists, each read whole: the first pages as `$batch` items, further pages (rare) followed one by one. */
async function readEach<T>(graph: GraphTransport, paths: string[], batch: { sleep?: (ms: number) => Promise<void> }): Promise<T[][]> {
  const outcomes = await sendInBatches(graph, paths.map((url) => ({ method: 'GET', url })), { idempotent: true, sleep: batch.sleep });
  return settledAll(outcomes.map(async (outcome, i) => {
    if (outcome.kind === 'failed') throw outcome.error;
    if (outcome.status < 200 || outcome.status >= 300) throw fromResponse(outcome.status, outcome.body, outcome.requestId);
    if (outcome.body === null) throw new DirectoryError('GRAPH_INCOMPLETE', `an empty $batch answer: ${paths[i].split('?')[0]}`, outcome.status, null, outcome.requestId);
    return readAllPages<T>(graph, paths[i], undefined, outcome);
  }));
}
