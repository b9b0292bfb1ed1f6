/**
 * Jest test environment for `npm run test:mutants` only (stryker.config.mjs sets it; `npm test` keeps 'node').
 * It is jest's node environment with two additions, both inert outside Stryker:
 *
 * 1. A fix for Stryker's per-test coverage. Stryker's jest runner records which test reaches each mutant: it sets
 *    the current test on jest's `test_start` and clears it on `test_done`. A skipped test (`describe.skip`, e.g.
 *    the PostgreSQL tests without TEST_DATABASE_URL) gets `test_start` and then `test_skip`, never `test_done`,
 *    so it stayed "current": every module loaded by the test files after it counted as covered by that skipped
 *    test, and those mutants then ran only that test and were reported as survivors. Cleared here on skip/todo.
 *
 * 2. Bail in mutant runs. Jest cannot bail when run programmatically (Stryker turns `bail` off: it would exit the
 *    process), so a mutant covered by 200 bot tests ran all 200 even after the first had failed. Once a test fails
 *    while a mutant is active, the rest of that mutant's tests are skipped (with their files' beforeAll/afterAll
 *    hooks). A mutant's status does not change (one failing test kills it); only `killedBy` lists one test, and a
 *    mutant that would also have hung a later test is reported Killed instead of Timeout (both count as detected).
 *    Stryker's --disableBail is not honoured.
 */
/* global require, module, process */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest and Stryker load environments with require()
const { TestEnvironment: NodeEnvironment } = require('jest-environment-node');

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
/** The mutant whose run has seen a failure; on `process`, so it outlives this module and each test file. */
const FAILED_MUTANT = Symbol.for('account-assistant.stryker.failedMutant');

function failedAlready() {
  const mutant = process.env[ACTIVE_MUTANT];
  return mutant !== undefined && process[FAILED_MUTANT] === mutant;
}

/** Marks every test that has not run yet as skipped; a describe block with no test left runs no hooks. */
function skipRemaining(block) {
  for (const child of block.children) {
    if (child.type === 'describeBlock') skipRemaining(child);
    else if (child.status == null && child.startedAt == null) child.mode = 'skip';
  }
}

class StrykerNodeEnvironment extends NodeEnvironment {
  async handleTestEvent(event, state) {
    await super.handleTestEvent?.(event, state);
    switch (event.name) {
      case 'test_skip':
      case 'test_todo': {
        const context = this.global[this.global.__strykerGlobalNamespace__ ?? '__stryker__'];
        if (context) context.currentTestId = undefined;
        break;
      }
      case 'run_start':
        if (failedAlready()) skipRemaining(state.rootDescribeBlock);
        break;
      case 'test_start':
        if (failedAlready()) event.test.mode = 'skip';
        break;
      case 'test_done':
        if (event.test.errors.length > 0 && process.env[ACTIVE_MUTANT] !== undefined) {
          process[FAILED_MUTANT] = process.env[ACTIVE_MUTANT];
          skipRemaining(state.rootDescribeBlock);
        }
        break;
    }
  }
}

module.exports = StrykerNodeEnvironment;
