/**
 * `npm run bench:graph`: how many Microsoft Graph requests each operation costs, through whole bot turns
 * (the message that plans it, then Apply) against the Graph emulator. Graph throttles per app and tenant,
 * so requests are the bot's real cost. The target: a one-property change of a cloud-only account
 * costs one read and one write at Apply, once the caller's roles are cached.
 *
 * Each operation runs twice as the same admin; the second run is the one reported (roles cached, as in
 * a working day). Prints a table and exits non-zero if the target is missed.
 */
import { people, startHarness } from '../test/support/botHarness';

interface Operation {
  name: string;
  message: string;
  /** A second message that restores the account, so the measured run plans the same change again. */
  undo?: string;
}

const OPERATIONS: Operation[] = [
  { name: 'job title, cloud-only', message: 'set the job title of noah.peeters@fabrikam.nl to Platform Lead', undo: 'set the job title of noah.peeters@fabrikam.nl to Software Engineer' },
  { name: 'job title + usage location, synced', message: 'set the job title of fatima.zahra@fabrikam.nl to Head of Data and usage location to Japan', undo: 'set the usage location of fatima.zahra@fabrikam.nl to NL' },
  { name: 'manager, cloud-only', message: 'set the manager of noah.peeters@fabrikam.nl to hendrik.mulder@fabrikam.nl', undo: 'set the manager of noah.peeters@fabrikam.nl to daan.visser@fabrikam.nl' },
  { name: 'licence (Visio), cloud-only', message: 'give milan.kowalski@fabrikam.nl Visio', undo: 'remove Visio from milan.kowalski@fabrikam.nl' },
  { name: 'add to group, cloud-only', message: 'add milan.kowalski@fabrikam.nl to the IT Service Desk group', undo: 'remove milan.kowalski@fabrikam.nl from the IT Service Desk group' },
  { name: 'sign out everywhere', message: 'sign noah.peeters@fabrikam.nl out everywhere' },
  { name: 'block (+ sign-out), cloud-only', message: 'block milan.kowalski@fabrikam.nl', undo: 'unblock milan.kowalski@fabrikam.nl' },
  { name: 'password reset, cloud-only', message: 'reset the password of noah.peeters@fabrikam.nl' },
];

async function main(): Promise<void> {
  const h = await startHarness();
  const count = () => {
    const log = h.emulator.requestLog;
    return { reads: log.filter((e) => e.method === 'GET').length, writes: log.filter((e) => e.method !== 'GET').length };
  };
  const planIdOf = (activity: unknown) => JSON.stringify(activity).match(/"planId":"([^"]+)"/)?.[1];
  const run = async (message: string) => {
    h.emulator.clearLog();
    const [reply] = await h.say(message, people.daan);
    const plan = count();
    const planId = planIdOf(reply.activity);
    h.emulator.clearLog();
    if (planId) await h.act('change.apply', { planId }, people.daan);
    return { plan, apply: planId ? count() : null };
  };

  const rows: string[][] = [];
  let missed = false;
  try {
    for (const op of OPERATIONS) {
      await run(op.message); // first run: fills the role cache
      if (op.undo) await run(op.undo);
      const { plan, apply } = await run(op.message);
      rows.push([op.name, `${plan.reads} / ${plan.writes}`, apply ? `${apply.reads} / ${apply.writes}` : '—']);
      if (op.name === 'job title, cloud-only' && (apply?.reads !== 1 || apply?.writes !== 1)) missed = true;
    }
  } finally {
    await h.close();
  }
  const widths = [36, 22, 22];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('');
  console.log(line(['operation', 'plan: reads / writes', 'apply: reads / writes']));
  rows.forEach((r) => console.log(line(r)));
  console.log(missed ? 'target missed: a one-property cloud-only change must cost 1 read + 1 write at Apply' : 'target met: a one-property cloud-only change costs 1 read + 1 write at Apply');
  process.exitCode = missed ? 1 : 0;
}

void main();
