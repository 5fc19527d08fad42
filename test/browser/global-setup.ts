// Starts the real server once for the browser tests, the way `npm start` does (build, migrations,
// demo data, then the Worker in workerd), but on a free port and with a fresh state folder, so the
// tests never see or change a developer's local data. The Worker runs under Miniflare's API, not
// `wrangler dev` (./server.ts says why); its log goes to test-results/server.log.
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { TestProject } from 'vitest/node';
import { buildClient } from '../../scripts/build.ts';
import { randomSecret } from '../../scripts/dev-vars.ts';
import { applyMigrations } from '../../scripts/migrate.ts';
import { ROOT } from '../../scripts/process.ts';
import { seedDemoData } from '../../scripts/seed.ts';
import { type DirectServer, SERVER_LOG, startDirectServer } from './server.ts';

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

/** A request the server took this long to answer is named at the end of the run (what a step that timed out waited for). */
const SLOW_REQUEST_MS = 5_000;
/** Miniflare's line for a request it answered, e.g. `[mf:info] GET /api/chats 200 OK (12ms)`. */
const REQUEST_LINE = /^\[mf:\w+\] (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) .* \((\d+)ms\)$/;

/**
 * Names the requests the server answered slowly. One it never answered has no line in the log:
 * the failed test's own output (its pages' failed requests) is where that shows.
 */
function reportSlowRequests(): void {
  const slow = readFileSync(SERVER_LOG, 'utf8')
    .split('\n')
    .map((line) => stripVTControlCharacters(line).trimEnd())
    .filter((line) => Number(REQUEST_LINE.exec(line)?.[2] ?? 0) >= SLOW_REQUEST_MS);
  if (slow.length > 0) console.warn(`Requests the server took ${SLOW_REQUEST_MS / 1000} s or more to answer:\n${slow.join('\n')}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const persistTo = mkdtempSync(join(tmpdir(), 'switchboard-browser-'));
  mkdirSync(dirname(SERVER_LOG), { recursive: true });
  const log = createWriteStream(SERVER_LOG);

  // The tests check the client as it is now, not whatever an earlier build left in dist/client.
  await buildClient({ quiet: true });
  await applyMigrations({ persistTo, quiet: true });
  await seedDemoData({ persistTo, quiet: true });

  const mailDir = mkdtempSync(join(tmpdir(), 'switchboard-mail-'));
  const removeState = () => {
    rmSync(persistTo, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
  };
  // A server that outlived its stop (STOP_TIMEOUT_MS) may still write after the log is closed.
  log.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ERR_STREAM_WRITE_AFTER_END') throw err;
  });
  const identitySecret = randomSecret();
  let server: DirectServer;
  try {
    server = await startDirectServer({
      configPath: relaxedLimitsConfig(),
      persistTo,
      // Its own secrets, so the tests need no .dev.vars.
      vars: { TOKEN_SECRET: randomSecret(), IDENTITY_SECRET: identitySecret, WEBHOOK_SECRET: randomSecret() },
      mailDir,
      log,
    });
  } catch (err) {
    log.end();
    removeState();
    throw err;
  }
  const teardown = async () => {
    await server.stop();
    await new Promise((resolve) => log.end(resolve));
    reportSlowRequests();
    removeState();
  };
  project.provide('baseUrl', server.url);
  project.provide('mailDir', mailDir);
  project.provide('identitySecret', identitySecret);
  return teardown;
}
