// Integration tests that touch a binding (Durable Objects, D1) run inside workerd through the
// Workers Vitest pool, against the real wrangler.toml and the real migrations.
import { mkdirSync } from 'node:fs';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

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
          // Every group's lobby in two shards, so each lobby story also crosses shards (a
          // deployment runs with one until a group outgrows it: docs/scale.md).
          LOBBY_SHARDS_PER_GROUP: '2',
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
        },
      },
    })),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    setupFiles: ['test/workers/setup.ts'],
    // Some stories drive many requests through workerd; none waits on a clock.
    testTimeout: 30_000,
  },
});
