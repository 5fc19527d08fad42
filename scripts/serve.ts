// Runs the Worker locally under `wrangler dev` and tells when it answers. wrangler runs in its own
// process group so that stopping it also stops the workerd it starts, and so a terminal's Ctrl-C
// reaches it once, through us, rather than twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { persistArgs, ROOT, WRANGLER_ENV } from './process.ts';
import { CLI_NODE_ARGS, devCliScript } from './wrangler-dev.ts';

/** The first `wrangler dev` bundles the Worker and starts workerd; on a slow machine that takes a while. */
const READY_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 250;
/** How long wrangler gets to shut workerd down before the whole group is killed. */
const STOP_GRACE_MS = 10_000;
/** How much of wrangler's output a failure message quotes when the output is not shown. */
const OUTPUT_TAIL_CHARS = 4000;
/** A route that answers only once the Worker, its assets and the local D1 are all up. */
const READY_PATH = '/api/public/groups';

export interface ServeOptions {
  port: number;
  ip?: string;
  persistTo?: string;
  /** Devtools port; by default wrangler's own choice. Set it to run beside another wrangler dev. */
  inspectorPort?: number;
  /** Keep wrangler's output to ourselves (quoted on failure) instead of showing it. */
  quiet?: boolean;
}

export interface DevServer {
  url: string;
  child: ChildProcess;
  /** Settles when wrangler has exited, with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Asks wrangler to stop, then kills its process group if it has not gone within the grace time. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** wrangler's output so far (when quiet). */
  output(): string;
}

/** Fails clearly when something already listens on the port (say, an earlier `npm start`). */
export function assertPortFree(port: number, ip = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${ip} is already in use. Stop whatever runs there, or choose another: PORT=8788 npm start`)
          : err,
      ),
    );
    probe.listen(port, ip, () => probe.close(() => resolve()));
  });
}

/** A port nothing listens on right now (the system picks it). */
export function freePort(ip = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, ip, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // A negative pid addresses the process group that `detached: true` gave wrangler.
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
  } catch {
    // Already gone.
  }
}

export function startDevServer(options: ServeOptions): DevServer {
  const ip = options.ip ?? '127.0.0.1';
  const args = [
    ...CLI_NODE_ARGS,
    // wrangler's CLI, amended so that one failed request does not stop the server (wrangler-dev.ts).
    devCliScript(),
    'dev',
    '--port',
    String(options.port),
    '--ip',
    ip,
    '--show-interactive-dev-session=false',
    ...persistArgs(options.persistTo),
    ...(options.inspectorPort ? ['--inspector-port', String(options.inspectorPort)] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...WRANGLER_ENV },
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    detached: process.platform !== 'win32',
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let running = true;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      running = false;
      // workerd may outlive a wrangler that died badly; nothing of the group should stay behind.
      killGroup(child, 'SIGKILL');
      resolve(code);
    });
    child.on('error', () => {
      running = false;
      resolve(null);
    });
  });
  // If our own process ends first (a crash, an uncaught error), take the server down with it.
  const onExit = () => running && killGroup(child, 'SIGKILL');
  process.on('exit', onExit);
  void exited.then(() => process.off('exit', onExit));

  return {
    url: `http://${ip}:${options.port}`,
    child,
    exited,
    output: () => output,
    async stop(signal = 'SIGINT') {
      if (!running) return;
      child.kill(signal);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until the server answers READY_PATH with 200; fails if wrangler exits or time runs out. */
export async function waitUntilReady(server: DevServer, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`wrangler dev exited (code ${exitCode}) before it answered.\n${server.output()}`);
    }
    try {
      const res = await fetch(`${server.url}${READY_PATH}`, { signal: AbortSignal.timeout(READY_POLL_MS * 20) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  throw new Error(`wrangler dev did not answer ${READY_PATH} within ${timeoutMs} ms (last: ${last}).\n${server.output()}`);
}
