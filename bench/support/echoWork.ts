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
import { openStore } from '../../src/store/openStore';
import { DEMO_MIX, type Turn } from './activities';
import { benchDirectory } from './benchDirectory';

/** The turn's kind, as the benchmark's mix gives it for this text (activities.ts). */
function kindOf(text: string): Turn['kind'] {
  const turn = DEMO_MIX.find((t) => t.text === text);
  if (!turn) throw new Error(`not a turn of the benchmark's mix: ${text}`);
  return turn.kind;
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
  const graph = benchDirectory(graphUrl, tenantId);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-echo-work-'));
  const store = await openStore({ dataDir });
  return {
    async run(text, callerId) {
      const [person] = await graph.directory.findAccounts({ by: 'name', value: 'Fatima Zahra' }, 2);
      if (!person) throw new Error('the echo bot\'s read found nobody');
      if (kindOf(text) !== 'change') return;
      await graph.directory.getPrivileges(person.id, { eligibility: true });
      await store.plans.create({ id: randomUUID(), actorId: callerId, targetId: person.id, conversationId: callerId, payload: PAYLOAD, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    },
    async close() {
      await graph.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
