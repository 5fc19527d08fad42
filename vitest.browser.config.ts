// End-to-end tests in a real browser: a global setup runs the real server (the Worker and its
// bindings in workerd, set up as `npm start` sets them up, on a free port with its own state
// folder) and the tests drive Chromium through playwright-core. They run one file at a time against that one server.
import { defineConfig } from 'vitest/config';

/** The Worker's bundle, workerd's start and a browser launch all fit well inside this. */
const SLOW_STEP_MS = 120_000;

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/browser/global-setup.ts'],
    setupFiles: ['test/browser/setup.ts'],
    testTimeout: SLOW_STEP_MS,
    hookTimeout: SLOW_STEP_MS,
    // The global teardown stops the server, which may take up to STOP_TIMEOUT_MS (test/browser/server.ts).
    teardownTimeout: 30_000,
    fileParallelism: false,
  },
});
