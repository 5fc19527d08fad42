// The administrator's command line, run for real (`npm run admin`) against a local D1 database
// in a temporary folder: plain Node, no browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/cli/**/*.test.ts'],
    environment: 'node',
    // Each command starts wrangler (a second or two); a story runs several.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
