import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the packages' TypeScript sources directly; the CLI tests that spawn the
// real binary use the built dist/ (npm test builds first).
export default defineConfig({
  resolve: {
    alias: {
      // (more specific first: the subpath must not be read as index.ts + "/highlight")
      '@genai-qa/core/highlight': fileURLToPath(new URL('./packages/core/src/highlight.ts', import.meta.url)),
      '@genai-qa/core/store': fileURLToPath(new URL('./packages/core/src/store.ts', import.meta.url)),
      '@genai-qa/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
      '@genai-qa/cli': fileURLToPath(new URL('./packages/cli/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // The last line of a run says which checks were skipped for want of a Debian reader.
    reporters: ['default', './test/support/skipped-readers.ts'],
  },
});
