/**
 * Jest test sequencer for `npm run test:mutants` only (stryker.config.mjs sets it; `npm test` does not use it).
 *
 * For each mutant Stryker runs jest over the test files related to the mutated file, with a test-name pattern
 * that selects the tests which reached the mutant in the initial run. Jest would still load every related file
 * to find out that most of their tests do not match: for a file under src/assistant/ that is some twenty bot and
 * attack suites. This sequencer records, in the initial run, which file each test name came from and how long
 * each file took; in a mutant run it keeps only the files holding a test the pattern selects (jest would run
 * nothing in the others), quickest first, so that scripts/strykerTestEnvironment.cjs can stop at the first
 * failure sooner. Outside a Stryker mutant run it behaves as jest's default sequencer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import TestSequencerModule from '@jest/test-sequencer';

const BaseSequencer = TestSequencerModule.default ?? TestSequencerModule;
/** Set by Stryker's jest runner while a mutant is active (mutant runs, not the initial run). */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

export default class StrykerTestSequencer extends BaseSequencer {
  constructor(options) {
    super(options);
    this.globalConfig = options.globalConfig;
    this.recordFile = join(options.globalConfig.rootDir, '.stryker-test-files.json');
  }

  sort(tests) {
    if (process.env[ACTIVE_MUTANT] === undefined) return super.sort(tests);
    let record;
    try {
      record = JSON.parse(readFileSync(this.recordFile, 'utf8'));
    } catch {
      return super.sort(tests); // nothing recorded: as without this sequencer
    }
    const pattern = this.globalConfig.testNamePattern;
    let selected = tests;
    if (pattern) {
      // The same match jest makes (case-insensitive, anywhere in the full name).
      const selects = new RegExp(pattern, 'i');
      const wanted = new Set();
      for (const [fullName, files] of Object.entries(record.filesByTest)) {
        if (selects.test(fullName)) for (const file of files) wanted.add(file);
      }
      if (wanted.size > 0) selected = tests.filter((test) => wanted.has(test.path));
    }
    const duration = (test) => record.durationByFile[test.path] ?? Number.MAX_SAFE_INTEGER;
    return [...selected].sort((a, b) => duration(a) - duration(b));
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    // Record only the initial run: every related test, no pattern, no mutant.
    if (this.globalConfig.testNamePattern || process.env[ACTIVE_MUTANT] !== undefined) return;
    const filesByTest = {};
    const durationByFile = {};
    for (const file of results.testResults) {
      durationByFile[file.testFilePath] = file.perfStats.runtime;
      for (const test of file.testResults) (filesByTest[test.fullName] ??= []).push(file.testFilePath);
    }
    writeFileSync(this.recordFile, JSON.stringify({ filesByTest, durationByFile }));
  }
}
