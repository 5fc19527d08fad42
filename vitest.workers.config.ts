// Integration tests that touch a binding (Durable Objects, D1) run inside workerd through the
// Workers Vitest pool, against the real wrangler.toml and the real migrations.
import { mkdirSync } from 'node:fs';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { SlowFiles } from './scripts/slow-files.ts';

// wrangler.toml serves static assets from dist/client; the API tests do not need them built.
mkdirSync('dist/client', { recursive: true });

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TOKEN_SECRET: 'test-token-secret-not-for-production',
          IDENTITY_SECRET: 'test-identity-secret-not-for-production',
          WEBHOOK_SECRET: 'test-webhook-secret-not-for-production',
          // Every group's lobby in two shards, so each lobby story also crosses shards (a
          // deployment runs with one until a group outgrows it: docs/scale.md).
          LOBBY_SHARDS_PER_GROUP: '2',
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
        },
        // The Worker's outbound fetches (manual events' webhooks: the only ones it makes) reach a
        // receiving Worker of the tests' own, which keeps what it got: a real POST over the
        // runtime's fetch, signed and retried by the real consumer, with nothing mocked.
        outboundService: 'webhook-receiver',
        // Lets a test hand the Worker's queue handler one delivery attempt at a time
        // (`SELF.queue()`) and read what it decided, retry delays included, as the Queue would:
        // the real retries wait 10 s to 30 min. A flag for tests only: it cannot be deployed.
        compatibilityFlags: ['service_binding_extra_handlers'],
        workers: [
          {
            name: 'webhook-receiver',
            modules: true,
            scriptPath: './test/workers/manual-events/receiver.js',
            compatibilityDate: '2026-04-20',
            kvNamespaces: ['RECEIVED'],
          },
        ],
      },
    })),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    setupFiles: ['test/workers/setup.ts'],
    // Some stories drive many requests through workerd; none waits on a clock.
    testTimeout: 30_000,
    // Console output goes straight to workerd's log instead of through Vitest. Intercepted, each
    // console call from a Durable Object, an alarm or a `SELF` handler is an RPC to Vitest sent
    // from another I/O context, and Vitest waits for every such call before a file may end: one
    // that never settles stops the whole run with no output (cloudflare/workers-sdk#15498, whose
    // open fix is exactly this path; #15719 likewise). The lines still print, unattributed.
    disableConsoleIntercept: true,
    reporters: ['default', new SlowFiles()],
  },
});
