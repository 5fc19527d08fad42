// `npm start` as a newcomer runs it, twice in a row, beside another `wrangler dev` already running
// on this machine (which holds the default devtools port): each run comes up, prints the URLs to
// open, and says plainly what its steps did: the first applies every migration and adds the demo
// chats (every feature of which test/cli/demo-features.ts finds while it runs), the second finds
// them done.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyMigrations, migrationFiles } from '../../scripts/migrate.ts';
import { ROOT } from '../../scripts/process.ts';
import { expectEveryDemoFeature } from './demo-features.ts';
import { freePort, startDevServer, waitUntilReady, type DevServer } from '../../scripts/serve.ts';

/** A wrangler dev start plus a client build, migrations and the demo data, on a slow machine. */
const START_TIMEOUT_MS = 150_000;

const otherState = mkdtempSync(join(tmpdir(), 'switchboard-other-'));
const ourState = mkdtempSync(join(tmpdir(), 'switchboard-start-'));
let other: DevServer;

beforeAll(async () => {
  // The other wrangler: default devtools port, its own data.
  await applyMigrations({ persistTo: otherState, quiet: true });
  other = startDevServer({ port: await freePort(), persistTo: otherState, quiet: true });
  await waitUntilReady(other);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await other?.stop();
  rmSync(otherState, { recursive: true, force: true });
  rmSync(ourState, { recursive: true, force: true });
});

/** Runs `npm start` until it says it is running, checks it answers, stops it; returns its output. */
async function npmStart(port: number, whileRunning?: (url: string) => Promise<void>): Promise<string> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), SWITCHBOARD_STATE: ourState },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!output.includes('Switchboard is running.') && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    expect(output).toContain('Switchboard is running.');
    expect((await fetch(`http://127.0.0.1:${port}/api/public/groups`)).status).toBe(200);
    await whileRunning?.(`http://127.0.0.1:${port}`);
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    await exited;
  }
  return output;
}

it('starts twice in a row beside another wrangler dev, printing the URLs and what each step did', async () => {
  const port = await freePort();
  // The first run's demo data shows every feature (test/cli/demo-features.ts).
  const first = await npmStart(port, expectEveryDemoFeature);
  const total = migrationFiles().length;
  expect(first).toContain(`Applied ${total} of ${total} migration(s)`);
  expect(first).toContain('A waiting chat, one idle past its warning, one under way');
  for (const page of ['/', '/demo.html', '/widget.html']) expect(first).toContain(`http://127.0.0.1:${port}${page}`);

  const second = await npmStart(port);
  expect(second).toContain(`All ${total} migrations were applied already; nothing to do.`);
  expect(second).toContain('Chats exist already: none added.');
  // The other wrangler was never disturbed.
  expect((await fetch(`${other.url}/api/public/groups`)).status).toBe(200);
}, 2 * START_TIMEOUT_MS + 120_000);
