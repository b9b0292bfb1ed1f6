/**
 * Jest test sequencer for `npm run test:mutants` only (stryker.config.mjs sets it; `npm test` does not use it).
 *
 * For each mutant Stryker runs jest over the test files related to the mutated file, with a test-name pattern
 * that selects the tests which reached the mutant in the initial run. Jest still loads every related file to
 * find out that most of their tests do not match: for a file under src/assistant/ that is some twenty bot and
 * attack suites, ~30 s per mutant. This sequencer records which file each test name came from in the initial
 * run, and in mutant runs keeps only the files holding a test the pattern selects. The same tests run with the
 * same outcome: it only skips files in which jest would have run nothing.
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
    this.mapFile = join(options.globalConfig.rootDir, '.stryker-test-files.json');
  }

  isInitialRun() {
    return !this.globalConfig.testNamePattern && process.env[ACTIVE_MUTANT] === undefined;
  }

  sort(tests) {
    const pattern = this.globalConfig.testNamePattern;
    if (!pattern || process.env[ACTIVE_MUTANT] === undefined) return super.sort(tests);
    let filesByTest;
    try {
      filesByTest = JSON.parse(readFileSync(this.mapFile, 'utf8'));
    } catch {
      return super.sort(tests); // no record: run every related file, as without this sequencer
    }
    // The same match jest makes (case-insensitive, anywhere in the full name).
    const selects = new RegExp(pattern, 'i');
    const wanted = new Set();
    for (const [fullName, files] of Object.entries(filesByTest)) {
      if (selects.test(fullName)) for (const file of files) wanted.add(file);
    }
    if (wanted.size === 0) return super.sort(tests);
    return super.sort(tests.filter((test) => wanted.has(test.path)));
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    if (!this.isInitialRun()) return;
    const filesByTest = {};
    for (const file of results.testResults) {
      for (const test of file.testResults) (filesByTest[test.fullName] ??= []).push(file.testFilePath);
    }
    writeFileSync(this.mapFile, JSON.stringify(filesByTest));
  }
}
