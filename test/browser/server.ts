// The server the browser tests drive: the Worker of wrangler.toml, every binding as wrangler
// configures it (assets, Durable Objects, D1, R2, Queues, rate limits, send_email), run by
// Miniflare's API directly rather than under `wrangler dev`. wrangler dev puts a proxy in front of
// the Worker (its ProxyWorker, a second workerd); on this 2-core machine that proxy now and then
// answered a request with a 500 "Network connection lost." or left it unanswered for 20 s, and the
// browser suite failed on that about one clean-clone CI run in two. `npm start` still runs
// wrangler dev (scripts/serve.ts); the state folder here has its layout (`<persistTo>/v3/<kind>`),
// so the migrations and demo data wrangler writes before the start are what this server reads.
import type { WriteStream } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from 'wrangler';
import { bundleWorker } from '../../scripts/bundle.ts';
import { ROOT } from '../../scripts/process.ts';
import { withTimeout } from '../../scripts/timeout.ts';

/** The server's log: Miniflare's lines (each request served, each email written) and the Worker's console. */
export const SERVER_LOG = join(ROOT, 'test-results', 'server.log');
/** How long Miniflare may take to start, and to stop, before we give up on it (vitest's teardownTimeout is longer). */
const START_TIMEOUT_MS = 60_000;
export const STOP_TIMEOUT_MS = 15_000;

export interface DirectServerOptions {
  /** A wrangler configuration (the browser tests' copy of wrangler.toml). */
  configPath: string;
  /** The state folder, as `wrangler --persist-to` takes it. */
  persistTo: string;
  /** Secrets and other variables, beside the configuration's [vars]. */
  vars: Record<string, string>;
  /** Where send_email writes each email (Miniflare's temporary folder is made inside it). */
  mailDir: string;
  /** Miniflare's log, the requests it served and the Worker's own console output. */
  log: WriteStream;
}

export interface DirectServer {
  url: string;
  stop(): Promise<void>;
}

/** Miniflare's log lines, written to the test log instead of the terminal. */
class StreamLog extends Log {
  readonly #out: WriteStream;

  constructor(out: WriteStream) {
    super(LogLevel.INFO);
    this.#out = out;
  }

  protected override log(message: string): void {
    this.#out.write(`${message}\n`);
  }
}

export async function startDirectServer(options: DirectServerOptions): Promise<DirectServer> {
  // There is no internet here: Miniflare must not try to fetch the `cf` object.
  process.env['CLOUDFLARE_CF_FETCH_ENABLED'] = 'false';
  const bundleDir = mkdtempSync(join(tmpdir(), 'switchboard-bundle-'));
  const removeBundle = () => rmSync(bundleDir, { recursive: true, force: true });
  let mf: Miniflare;
  try {
    const scriptPath = join(bundleDir, 'worker.mjs');
    await bundleWorker(join(ROOT, 'worker/index.ts'), scriptPath);
    const config = unstable_readConfig({ config: options.configPath });
    const { workerOptions, externalWorkers } = unstable_getMiniflareWorkerOptions(config);
    // Miniflare makes its temporary folder (where send_email's files go) in os.tmpdir() when it
    // is constructed: TMPDIR is set for that moment only.
    const ownTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = options.mailDir;
    try {
      mf = new Miniflare({
        host: '127.0.0.1',
        port: 0,
        log: new StreamLog(options.log),
        handleRuntimeStdio(stdout: Readable, stderr: Readable) {
          stdout.pipe(options.log, { end: false });
          stderr.pipe(options.log, { end: false });
        },
        defaultPersistRoot: join(options.persistTo, 'v3'),
        workers: [
          {
            ...workerOptions,
            // As wrangler dev names it (the objects' storage and the assets service are keyed by it).
            name: config.name,
            modules: true,
            scriptPath,
            modulesRoot: bundleDir,
            bindings: { ...workerOptions.bindings, ...options.vars },
          },
          ...externalWorkers,
        ],
      });
    } finally {
      if (ownTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = ownTmp;
    }
  } catch (err) {
    removeBundle();
    throw err;
  }
  const stop = async () => {
    await withTimeout(mf.dispose(), STOP_TIMEOUT_MS, 'stopping Miniflare').catch(() => undefined);
    removeBundle();
  };
  try {
    const url = await withTimeout(mf.ready, START_TIMEOUT_MS, 'starting Miniflare');
    return { url: url.origin, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
