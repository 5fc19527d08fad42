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
    // Two files at once: they mostly wait for wrangler to start. Vitest's default on a 2-core
    // machine is one at a time (the suite took 297 s so; 184 s two at a time).
    maxWorkers: 2,
  },
});
