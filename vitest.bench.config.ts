import { defineConfig } from 'vitest/config';

// The benchmark's smoke run (part of `npm test`, after the other suites): it
// starts a server, autocannon and Chromium, which would take the CPU from the
// tests that measure event-loop stalls if they ran side by side.
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.test.ts'],
    setupFiles: ['tests/support/setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
});
