import type { CachedValue } from '../cachedValue';
import type { Clock } from '../clock';
import type { Directory, Organization, SubscribedSku } from '../directory/directory';
import type { Logger } from '../logger';
import type { RoleCache } from '../policy/roleCache';
import type { AuditLog, PlanStore } from '../store';
import type { PendingPicks } from './pendingPicks';

/** What every use case may depend on; built once at start-up (see createAssistant). */
export interface AssistantContext {
  directory: Directory;
  roles: RoleCache;
  skus: CachedValue<SubscribedSku[]>;
  organization: CachedValue<Organization>;
  picks: PendingPicks;
  plans: PlanStore;
  audit: AuditLog;
  /** Ids or UPNs (lower case) nobody may change through the bot. */
  protectedAccounts: ReadonlySet<string>;
  /** The tenant has password writeback (a deployer's setting: Graph does not tell an app). */
  passwordWriteback: boolean;
  clock: Clock;
  log: Logger;
}
