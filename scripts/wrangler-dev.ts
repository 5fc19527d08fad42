// `wrangler dev` without its one fatal reflex. In the wrangler this project is pinned to (4.86.0,
// the last that runs on Node 20), a single request that fails between wrangler's ProxyWorker and
// the local Worker ("Network connection lost.", which a busy 2-core machine produces now and then
// when a browser drops a request) is treated as fatal: wrangler prints an empty `✘ [ERROR]` and
// exits, and every later request is refused (cloudflare/workers-sdk#15317, #15451; upstream keeps
// it request-scoped since #15252, in wranglers that need a newer Node). That was the browser
// suite's "page that never rendered". We run wrangler's own CLI with that one condition widened to
// the branch wrangler already has for its other non-fatal proxy errors (logged at debug level):
// the request fails, the server keeps serving.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** wrangler's own test for proxy errors it only logs (DevEnv.handleErrorEvent). */
export const NON_FATAL_PROXY_ERRORS =
  'event.source === "ProxyController" && (event.reason.startsWith("Failed to send message to") || event.reason.startsWith("Could not connect to InspectorProxyWorker"))';
/** The same, with a failed proxied request among them. */
export const NON_FATAL_WITH_REQUESTS =
  'event.source === "ProxyController" && (event.reason.startsWith("Failed to send message to") || event.reason.startsWith("Could not connect to InspectorProxyWorker") || event.reason.startsWith("Error inside ProxyWorker"))';

/** The name of the amended copy, beside wrangler's cli.js (whose relative paths it shares). */
const AMENDED_NAME = 'cli.switchboard-dev.js';

const require = createRequire(import.meta.url);

/** wrangler's CLI script (what its `bin/wrangler.js` runs). */
export function wranglerCli(): string {
  return join(dirname(require.resolve('wrangler/package.json')), 'wrangler-dist', 'cli.js');
}

/** The CLI source with a failed proxied request no longer fatal; null if wrangler's code is not the one expected. */
export function amendCli(source: string): string | null {
  const at = source.indexOf(NON_FATAL_PROXY_ERRORS);
  if (at < 0 || source.indexOf(NON_FATAL_PROXY_ERRORS, at + 1) >= 0) return null;
  return source.replace(NON_FATAL_PROXY_ERRORS, NON_FATAL_WITH_REQUESTS);
}

/**
 * The script to run for `wrangler dev`: the amended copy (written beside cli.js when missing or
 * out of date), or wrangler's own when its code is not the expected one (say, after an upgrade
 * that fixed this upstream), with a warning.
 */
export function devCliScript(warn: (line: string) => void = console.warn): string {
  const original = wranglerCli();
  const amended = amendCli(readFileSync(original, 'utf8'));
  if (amended === null) {
    warn('scripts/wrangler-dev.ts: this wrangler is not the one expected; running it as it is (a failed request may stop it).');
    return original;
  }
  const target = join(dirname(original), AMENDED_NAME);
  if (!existsSync(target) || readFileSync(target, 'utf8') !== amended) {
    // Whole or not at all: two servers starting at once never run a half-written copy.
    const partial = `${target}.${process.pid}.tmp`;
    writeFileSync(partial, amended);
    renameSync(partial, target);
  }
  return target;
}

/** Node's arguments before the script, as wrangler's `bin/wrangler.js` passes them to cli.js. */
export const CLI_NODE_ARGS = ['--no-warnings', '--experimental-vm-modules'];
