import { defineConfig } from 'vitest/config';

// The test set Stryker runs against each mutant (npm run test:mutation): the unit tests, which
// run in-process. Integration and E2E tests start real processes and browsers; a mutant they
// alone would catch shows up as a survivor and gets a unit test.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['test/unit/native/**', 'test/unit/shell/**'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
