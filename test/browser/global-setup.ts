// Starts the real server once for the browser tests, the way `npm start` does (build, migrations,
// demo data, `wrangler dev`), but on a free port and with a fresh state folder, so the tests never
// see or change a developer's local data. wrangler's output goes to test-results/wrangler-dev.log.
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildClient } from '../../scripts/build.ts';
import { randomSecret } from '../../scripts/dev-vars.ts';
import { applyMigrations } from '../../scripts/migrate.ts';
import { ROOT } from '../../scripts/process.ts';
import { seedDemoData } from '../../scripts/seed.ts';
import { freePort, startDevServer, waitUntilReady } from '../../scripts/serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server under test answers, e.g. http://127.0.0.1:41234 */
    baseUrl: string;
    /**
     * The server's TMPDIR: miniflare writes each email sent through send_email to
     * `<mailDir>/miniflare-<random>/files/email-text/<id>.txt` instead of sending it.
     */
    mailDir: string;
    /** The server's IDENTITY_SECRET, so a test can sign identities as a website's server does. */
    identitySecret: string;
  }
}

export const LOG_DIR = join(ROOT, 'test-results');

/**
 * wrangler.toml with its per-address rate limits raised: every browser test comes from
 * 127.0.0.1 and starts more chats a minute than a person could. The limits themselves are
 * tested in test/workers/abuse.test.ts. Written beside wrangler.toml (its paths are relative to
 * it) and ignored by git.
 */
function relaxedLimitsConfig(): string {
  const path = join(ROOT, '.wrangler-browser-tests.toml');
  const relaxed = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8').replace(/simple = \{ limit = \d+, period = (\d+) \}/g, 'simple = { limit = 100000, period = $1 }');
  if (!relaxed.includes('limit = 100000')) throw new Error('wrangler.toml has no [[ratelimits]] to relax');
  writeFileSync(path, relaxed);
  return path;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const persistTo = mkdtempSync(join(tmpdir(), 'switchboard-browser-'));
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, 'wrangler-dev.log'));

  // The tests check the client as it is now, not whatever an earlier build left in dist/client.
  await buildClient({ quiet: true });
  await applyMigrations({ persistTo, quiet: true });
  await seedDemoData({ persistTo, quiet: true });

  const mailDir = mkdtempSync(join(tmpdir(), 'switchboard-mail-'));
  const identitySecret = randomSecret();
  const port = await freePort();
  const inspectorPort = await freePort();
  // wrangler inherits this process's environment; TMPDIR is set just for the spawn.
  const ownTmp = process.env['TMPDIR'];
  process.env['TMPDIR'] = mailDir;
  const server = startDevServer({
    configPath: relaxedLimitsConfig(),
    port,
    inspectorPort,
    persistTo,
    // Its own secret, so the tests need no .dev.vars.
    vars: { TOKEN_SECRET: randomSecret(), IDENTITY_SECRET: identitySecret, WEBHOOK_SECRET: randomSecret() },
    quiet: true,
  });
  if (ownTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = ownTmp;
  server.child.stdout?.pipe(log);
  server.child.stderr?.pipe(log);

  const teardown = async () => {
    await server.stop();
    log.end();
    rmSync(persistTo, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(server);
  } catch (err) {
    await teardown();
    throw err;
  }
  project.provide('baseUrl', server.url);
  project.provide('mailDir', mailDir);
  project.provide('identitySecret', identitySecret);
  return teardown;
}
