import { defineConfig } from 'vitest/config';

// Unit tests (beside the code and in tests/) and the API contract tests.
// Each worker gets its own database: see tests/support/database.ts.
export default defineConfig({
  test: {
    include: ['scripts/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'tests/api/**/*.test.ts', 'tests/reliability/**/*.test.ts', 'tests/reference/**/*.test.ts', 'tests/lint/**/*.test.ts'],
    setupFiles: ['tests/support/setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
});
