import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs `scripts/parse.ts` the way `npm run parse` does, with `input` on standard input. */
function runCli(input: string): { lines: string[]; status: number | null } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'parse.ts')], {
    cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000,
  });
  return { lines: run.stdout.split('\n').filter((l) => l !== ''), status: run.status };
}

describe('npm run parse', () => {
  it('writes exactly one JSON object per input line, in order, empty lines included', () => {
    const { lines, status } = runCli("blokkeer Pieter Bakker\n\nshow Kenji\n<at>Bot</at>\n\u0000\n");
    expect(status).toBe(0);
    expect(lines.map((l) => JSON.parse(l) as { intent: string })).toEqual([
      { intent: 'change', target: 'Pieter Bakker', changes: [{ property: 'accountEnabled', value: false }], object: null, language: 'nl' },
      { intent: 'help', target: null, changes: [], object: null, language: 'en' },
      { intent: 'show', target: 'Kenji', changes: [], object: null, language: 'en' },
      { intent: 'help', target: null, changes: [], object: null, language: 'en' },
      { intent: 'help', target: null, changes: [], object: null, language: 'en' },
    ]);
  });

  it('streams thousands of lines without losing or reordering any, with or without a final newline', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `set the title of Person ${i} to Role ${i}`);
    const { lines } = runCli(texts.join('\r\n'));
    expect(lines).toHaveLength(texts.length);
    lines.forEach((line, i) => expect(JSON.parse(line)).toMatchObject({ target: `Person ${i}`, changes: [{ value: `Role ${i}` }] }));
  });
});
