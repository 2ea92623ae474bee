// Mutation testing (npm run test:mutation): Stryker breaks one line of the product at a time and
// checks that a unit test fails. Run through scripts/mutation.mjs, which picks one scope at a time
// (TSTRADER_MUTATION_SCOPE) so each scope keeps its own incremental file and report.
import { mutationScopes } from './scripts/mutation-scopes.mjs';

const scopeName = process.env.TSTRADER_MUTATION_SCOPE ?? 'oms';
const scope = mutationScopes[scopeName];
if (!scope) throw new Error(`unknown mutation scope "${scopeName}" (known: ${Object.keys(mutationScopes).join(', ')})`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  // Unit tests only: integration and E2E tests start processes and browsers, too slow per mutant.
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: scope.mutate,
  // One test runner: the machine has two cores shared with other work, and the checker takes the other.
  concurrency: 1,
  // Static mutants (module-level constants) would need the whole related suite per mutant.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `reports/mutation/${scopeName}.incremental.json`,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${scopeName}.html` },
  jsonReporter: { fileName: `reports/mutation/${scopeName}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  // Only what the unit tests need goes into the sandbox copy.
  ignorePatterns: ['dist', 'release', 'native/build', 'reports', 'test-results', 'test/e2e', '.vntrader'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  timeoutMS: 10_000,
  thresholds: { high: 90, low: 75, break: null },
};
