/**
 * The work every bot like ours must do on a turn, done by the echo bot when asked (ECHO_WORK=matched): the Graph
 * requests and the store write our bot's turn of that kind cannot do without, through our own Graph client, middleware,
 * undici pool and PGlite store — and nothing else (no parsing, planning, templating nor card). Against an echo bot doing
 * this, a throughput ratio measures our own work rather than the work any such bot must do (issue #17; no target).
 *
 * Per kind, as `npm run bench:graph` counts our bot's: a show or sync-status turn reads one person by name; a change
 * turn reads the person by name and their roles (role assignments, role-assignable memberships and PIM eligibilities in
 * one `$batch`), and stores a plan of about the size ours stores.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentConfig } from '../../src/config';
import { createCredential } from '../../src/directory/graph/credential';
import { createGraphClient } from '../../src/directory/graph/graphClient';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { GraphTransport } from '../../src/directory/graph/graphTransport';
import { PooledHttpHandler } from '../../src/directory/graph/pooledHttpHandler';
import { migrate } from '../../src/store/migrations';
import { PgliteClient } from '../../src/store/pgliteClient';
import { SqlPlanStore } from '../../src/store/sqlPlanStore';

/** The turn's kind, from the benchmark's own texts (activities.ts): English and Dutch. */
function kindOf(text: string): 'read' | 'change' {
  return /^(show|toon)\b|\bsync(ed|hronized)\b|gesynchroniseerd/i.test(text) ? 'read' : 'change';
}

/** A plan payload of the size our change turns store (about 2 KB of JSON). */
const PAYLOAD = {
  kind: 'change',
  changes: [{ property: 'jobTitle', value: 'Platform Lead' }],
  plan: { items: Array.from({ length: 6 }, (_, i) => ({ kind: 'cloud', property: `p${i}`, from: 'x'.repeat(40), to: 'y'.repeat(40), note: 'z'.repeat(120) })), script: 'Set-ADUser -Identity noah -Title "Platform Lead"\n'.repeat(8) },
  language: 'en',
};

export interface EchoWork {
  /** Does the turn's work for a message with this text from this caller. */
  run(text: string, callerId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startEchoWork(graphUrl: string, tenantId: string): Promise<EchoWork> {
  const config = developmentConfig({}, 'bench', { graphBaseUrl: graphUrl, tenantId });
  const connections = new PooledHttpHandler();
  const client = createGraphClient({ baseUrl: config.graph.baseUrl, credential: createCredential(config.graph.credential) }, connections);
  const directory = new GraphDirectory(new GraphTransport(client), new URL(config.graph.baseUrl).origin);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-echo-work-'));
  const db = await PgliteClient.open(dataDir);
  await migrate(db);
  const plans = new SqlPlanStore(db);
  return {
    async run(text, callerId) {
      const [person] = await directory.findAccounts({ by: 'name', value: 'Fatima Zahra' }, 2);
      if (!person) throw new Error('the echo bot\'s read found nobody');
      if (kindOf(text) === 'read') return;
      await directory.getPrivileges(person.id, { eligibility: true });
      await plans.create({ id: randomUUID(), actorId: callerId, targetId: person.id, conversationId: callerId, payload: PAYLOAD, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    },
    async close() {
      await connections.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
