import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFlags } from '../../bench/support/startFlags';

describe('startFlags (the node flags the benchmarks run our bot with)', () => {
  it('reads them from npm start, and node accepts them', () => {
    const flags = startFlags();
    expect(flags).toContain('--max-semi-space-size=32');
    // node refuses a flag it does not know: a typo in package.json would stop `npm start` itself.
    const run = spawnSync(process.execPath, [...flags, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('takes only the flags, and refuses a start script that is not node', () => {
    const root = mkdtempSync(join(tmpdir(), 'start-flags-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { start: 'node --a=1  --b dist/src/index.js' } }));
    expect(startFlags(root)).toEqual(['--a=1', '--b']);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { start: 'tsx src/index.ts' } }));
    expect(() => startFlags(root)).toThrow(/not "node <flags> <entry point>"/);
  });
});
