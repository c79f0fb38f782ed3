import { defineConfig } from 'vitest/config';

// The load test (npm run test:load): a minute or more of mixed traffic
// against a real server process, kept out of `npm test` for its length.
export default defineConfig({
  test: {
    include: ['tests/load/**/*.test.ts'],
    setupFiles: ['tests/support/setup.ts'],
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
