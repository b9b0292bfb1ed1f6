/**
 * `npm run test:mutations`: proves the attack suite guards each defence. For every threat class it removes
 * the defence from the source (one textual edit), runs the attack cases about it, and expects them to FAIL;
 * the file is restored afterwards whatever happens. `ONLY=<regex>` limits it to some defences. Prints one line per defence and exits non-zero if a
 * suite still passes without its defence. Slow (one jest run per defence), so not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { MUTATIONS } from './attackMutationList';

const root = join(__dirname, '..');
// ONLY=<regex> checks just the defences whose threat matches.
const only = process.env.ONLY ? new RegExp(process.env.ONLY, 'i') : null;
const chosen = MUTATIONS.filter((m) => !only || only.test(m.threat));
let failed = 0;
for (const m of chosen) {
  const originals = new Map<string, string>();
  for (const e of m.edits) if (!originals.has(e.file)) originals.set(e.file, readFileSync(join(root, e.file), 'utf8'));
  const missing = m.edits.find((e) => !originals.get(e.file)!.includes(e.find));
  if (missing) {
    console.log(`?  ${m.threat}: the defence's text was not found in ${missing.file} (update this script)`);
    failed++;
    continue;
  }
  // Only the first occurrence is edited: a text found twice may mutate another place and prove nothing (it did once,
  // when a second method took the same line as the defence).
  const twice = m.edits.find((e) => originals.get(e.file)!.split(e.find).length > 2);
  if (twice) {
    console.log(`?  ${m.threat}: the defence's text is found more than once in ${twice.file} (make it unique)`);
    failed++;
    continue;
  }
  try {
    const mutated = new Map(originals);
    for (const e of m.edits) mutated.set(e.file, mutated.get(e.file)!.replace(e.find, e.replace));
    for (const [file, text] of mutated) writeFileSync(join(root, file), text);
    const run = spawnSync(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', 'test/attack', '-t', m.cases], { cwd: root, encoding: 'utf8' });
    const summary = /Tests:\s+(.*)/.exec(run.stderr)?.[1] ?? 'no summary';
    // A mutation that does not compile proves nothing: it must fail on behaviour, not on types.
    const broken = /error TS\d+|Test suite failed to run/.test(run.stderr);
    const caught = !broken && run.status !== 0 && /failed/.test(summary);
    // The second line: these cases pass without the defence (and a run that matched none proves nothing).
    let held = true;
    let heldSummary = '';
    if (m.survives && caught) {
      const second = spawnSync(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', 'test/attack', '-t', m.survives], { cwd: root, encoding: 'utf8' });
      heldSummary = /Tests:\s+(.*)/.exec(second.stderr)?.[1] ?? 'no summary';
      held = second.status === 0 && /\d+ passed/.test(heldSummary) && !/failed/.test(heldSummary);
    }
    if (!caught || !held) failed++;
    const secondLine = m.survives && caught ? `; the second line ("${m.survives}") ${held ? 'holds' : 'does NOT hold'} → ${heldSummary}` : '';
    console.log(`${caught && held ? '✓' : '✗'}  ${m.threat}: without it → ${broken ? 'the mutation does not compile' : summary}${secondLine}`);
  } finally {
    for (const [file, text] of originals) writeFileSync(join(root, file), text);
  }
}
console.log(failed ? `${failed} defence(s) not guarded by a failing test` : `all ${chosen.length} defences are guarded: each removal fails the attack suite`);
process.exit(failed ? 1 : 0);
