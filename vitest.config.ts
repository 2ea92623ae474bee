import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores here and in CI: two workers keep the suite fast without thrashing.
    pool: 'forks',
    maxWorkers: 2,
    // Generous: on two loaded cores a browser step or a worker start can take seconds; a
    // test that hangs still fails, only later.
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
