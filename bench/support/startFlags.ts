import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Node's flags in `npm start` (package.json's "start": `node <flags> dist/src/index.js`): the benchmarks run our bot
 * with the flags production runs it with, read from the one place they are set.
 */
export function startFlags(root = join(__dirname, '..', '..')): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const words = (pkg.scripts?.start ?? '').split(/\s+/).filter(Boolean);
  if (words[0] !== 'node') throw new Error(`npm start is not "node <flags> <entry point>": ${pkg.scripts?.start}`);
  return words.slice(1).filter((w) => w.startsWith('--'));
}
