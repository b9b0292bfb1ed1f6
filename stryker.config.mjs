// @ts-check
/**
 * `npm run test:mutants`: StrykerJS mutation testing of the decision-making code (policy, change planning,
 * sync authority, the assistant's flows and the store's SQL). Slow (tens of minutes), so not part of `npm test`
 * or .ci/run. Narrow it with `npm run test:mutants -- --mutate 'src/sync/*.ts'`.
 * Prints the clear-text report (mutation score per file and every surviving mutant); the HTML and JSON reports
 * go to reports/mutation/ (git-ignored).
 */
/**
 * MUTANTS_UNIT=1 judges the mutants by the pure modules' unit tests only (test/policy, test/changes, test/sync,
 * test/language, test/cards, test/text, test/i18n): a lower bound of the score, in minutes instead of hours, because
 * the whole-turn bot and attack tests that also cover these modules take seconds per mutant on two cores.
 */
const UNIT_ONLY = globalThis.process?.env.MUTANTS_UNIT === '1';
const UNIT_ROOTS = ['policy', 'changes', 'sync', 'language', 'cards', 'text', 'i18n'].map((d) => `<rootDir>/test/${d}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  testRunner: 'jest',
  // PGlite loads its WASM through a dynamic import: jest needs this flag, as in `npm test`.
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // Each mutant runs only the test files that import the mutated file (directly or not), and within them
    // only the tests that reached the mutant in the initial run (perTest coverage).
    enableFindRelatedTests: true,
    // jest finds related tests only through files in its roots: with src/ there too, a test that reaches a
    // mutated file through other modules (the bot and attack tests through src/app.ts) counts as related.
    // No test files live in src/, so this adds none.
    // scripts/strykerTestSequencer.mjs then skips, in each mutant run, the related files that hold none of the
    // selected tests (jest would load them and run nothing): the same tests run, several times faster.
    config: {
      roots: [...(UNIT_ONLY ? UNIT_ROOTS : ['<rootDir>/test']), '<rootDir>/src'],
      testSequencer: '<rootDir>/scripts/strykerTestSequencer.mjs',
      // jest's 'node' environment, plus a fix for Stryker's per-test coverage around skipped tests (see the file).
      testEnvironment: './scripts/strykerTestEnvironment.cjs',
    },
  },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/policy/**/*.ts',
    'src/changes/**/*.ts',
    'src/sync/**/*.ts',
    'src/assistant/**/*.ts',
    'src/store/sql*.ts',
  ],
  // Not copied into the sandbox.
  ignorePatterns: ['dist', 'coverage', 'reports', '.data', '*.zip'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // Per file: the score table and each surviving mutant (not the list of every test).
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The machine is shared (2 cores); raise with --concurrency on a bigger box.
  concurrency: 2,
  // A static mutant (one in code that runs only while a module loads, e.g. a table of constants) would need every
  // related test file run in full, minutes each here: such mutants are reported as Ignored, not counted in the
  // score. Mutants in code that also runs during tests are still tested.
  ignoreStatic: true,
  // A busy machine makes servers and PGlite slow: a mutant counts as a timeout only well past its normal time.
  timeoutMS: 15000,
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
export default config;
