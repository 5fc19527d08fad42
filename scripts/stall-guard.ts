// `tsx scripts/stall-guard.ts <command> [args…]`: runs a test command and watches its output. The
// Workers Vitest pool can stop mid-run with no error and no further output, the test files after
// it never starting (cloudflare/workers-sdk#15498, open; seen here once, after 21 of 31 files, with
// workerd and vitest idle for 17 minutes). A test that hangs is not that: it fails at the suite's
// testTimeout (30 s) and prints so. So a run silent for STALL_MS is killed with everything it
// started and run once more; a run that fails is never run again, and its exit code is passed on.
import { spawn } from 'node:child_process';

/** Silence this long is a stalled run (the slowest test file takes about 12 s; testTimeout is 30 s). */
const STALL_MS = Number(process.env.STALL_GUARD_MS ?? 180_000);
/** Runs in all, the first included. */
const ATTEMPTS = 2;

interface Outcome {
  code: number;
  stalled: boolean;
}

function runOnce(command: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    // A process group of its own, so a stall takes down workerd and every worker the run started.
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stalled = false;
    let timer: NodeJS.Timeout | undefined;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        process.stderr.write(`\nstall-guard: no output for ${STALL_MS / 1000} s: stopping the run (cloudflare/workers-sdk#15498)\n`);
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, STALL_MS);
    };
    watch();
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      watch();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      watch();
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      process.stderr.write(`stall-guard: could not start ${command}: ${err.message}\n`);
      resolve({ code: 127, stalled: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stalled });
    });
  });
}

const [command, ...args] = process.argv.slice(2);
if (!command || !Number.isFinite(STALL_MS) || STALL_MS <= 0) {
  process.stderr.write('usage: tsx scripts/stall-guard.ts <command> [args…]  (STALL_GUARD_MS: a positive number of ms)\n');
  process.exit(2);
}
for (let attempt = 1; ; attempt++) {
  const { code, stalled } = await runOnce(command, args);
  if (!stalled) process.exit(code);
  if (attempt >= ATTEMPTS) {
    process.stderr.write(`stall-guard: the run stalled ${ATTEMPTS} times: giving up\n`);
    process.exit(1);
  }
  process.stderr.write(`stall-guard: running it again (${attempt + 1} of ${ATTEMPTS})\n`);
}
