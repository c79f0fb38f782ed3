import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files share one server and one database, so they run one at a time,
 * by file name (each also copes with running alone: see support/accounts.ts).
 */
class ByFileName extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

// End-to-end: the built client and the real server in headless Chromium.
// `npm run test:e2e` runs `vite build` first; this config builds nothing.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    fileParallelism: false,
    sequence: { sequencer: ByFileName, shuffle: false },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
