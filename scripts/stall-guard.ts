// `tsx scripts/stall-guard.ts <command> [args…]`: runs a test command and watches it. The
// Workers Vitest pool can stop mid-run with no error and no further output, the test files after
// it never starting (cloudflare/workers-sdk#15498, open; seen here once, after 21 of 31 files, with
// workerd and vitest idle for 17 minutes; in CI twice in a row, and once in a clean clone here,
// each time as a file was to start after test/workers/chats/coaching.test.ts). A test that hangs is
// not that: it fails at the suite's testTimeout (30 s) and prints so. So a run that makes no
// progress for STALL_MS is killed with everything it started and run again, up to ATTEMPTS runs in
// all; a run that fails is never run again, and its exit code is passed on.
//
// Progress: a command may say it is moving on a channel of its own, the file descriptor named by
// STALL_GUARD_FD (the Workers suite's reporter, scripts/slow-files.ts, writes there as each test
// ends). Once it has, only that channel counts: Durable Objects in a stalled run may still log
// on a timer (workerd's console goes straight to the output), which is not progress. A command
// that never writes there is judged by its output. A line `passed <file>` there says a test file
// passed: the next run leaves it out (`--exclude <file>`, Vitest's), so each run goes on from
// where the last stalled.
import { spawn } from 'node:child_process';
import { PASSED, PROGRESS_FD_VAR } from './slow-files.ts';

/**
 * This long without progress is a stalled run: twice the suite's testTimeout (30 s), within which a
 * hanging test fails and so reports; the slowest test takes about 12 s.
 */
const STALL_MS = Number(process.env.STALL_GUARD_MS ?? 60_000);
/** The progress channel's file descriptor in the command (its fourth stdio entry). */
const PROGRESS_FD = 3;
/** Runs in all, the first included. */
const ATTEMPTS = 3;

interface Outcome {
  code: number;
  stalled: boolean;
}

function runOnce(command: string, args: string[], passed: Set<string>): Promise<Outcome> {
  return new Promise((resolve) => {
    // A process group of its own, so a stall takes down workerd and every worker the run started.
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, [PROGRESS_FD_VAR]: String(PROGRESS_FD) },
    });
    const stdout = child.stdout!;
    const stderr = child.stderr!;
    const progress = child.stdio[PROGRESS_FD] as NodeJS.ReadableStream & { destroy(): void };
    let stalled = false;
    /** Whether the command has spoken on the progress channel: then its output no longer counts. */
    let reportsProgress = false;
    let timer: NodeJS.Timeout | undefined;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        const what = reportsProgress ? 'no progress' : 'no output';
        process.stderr.write(`\nstall-guard: ${what} for ${STALL_MS / 1000} s: stopping the run (cloudflare/workers-sdk#15498)\n`);
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, STALL_MS);
    };
    watch();
    stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (!reportsProgress) watch();
    });
    stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      if (!reportsProgress) watch();
    });
    let notes = '';
    progress.on('data', (chunk: Buffer) => {
      reportsProgress = true;
      watch();
      notes += chunk.toString('utf8');
      const lines = notes.split('\n');
      notes = lines.pop()!;
      for (const line of lines) if (line.startsWith(PASSED)) passed.add(line.slice(PASSED.length));
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      process.stderr.write(`stall-guard: could not start ${command}: ${err.message}\n`);
      resolve({ code: 127, stalled: false });
    });
    // On exit, not on `close`: a process the command started may hold the progress channel open
    // after it (it is inherited). Its output is read to the end first.
    const ended = (stream: NodeJS.ReadableStream) => new Promise<void>((done) => stream.once('end', done).once('error', () => done()));
    const outputEnded = Promise.all([ended(stdout), ended(stderr)]);
    child.on('exit', (code) => {
      clearTimeout(timer);
      progress.destroy();
      void outputEnded.then(() => resolve({ code: code ?? 1, stalled }));
    });
  });
}

const [command, ...args] = process.argv.slice(2);
if (!command || !Number.isFinite(STALL_MS) || STALL_MS <= 0) {
  process.stderr.write('usage: tsx scripts/stall-guard.ts <command> [args…]  (STALL_GUARD_MS: a positive number of ms)\n');
  process.exit(2);
}
const passed = new Set<string>();
for (let attempt = 1; ; attempt++) {
  const without = [...passed].flatMap((file) => ['--exclude', file]);
  const { code, stalled } = await runOnce(command, [...args, ...without], passed);
  if (!stalled) process.exit(code);
  if (attempt >= ATTEMPTS) {
    process.stderr.write(`stall-guard: the run stalled ${ATTEMPTS} times: giving up\n`);
    process.exit(1);
  }
  const left = passed.size > 0 ? `, without the ${passed.size} file(s) that passed` : '';
  process.stderr.write(`stall-guard: running it again (${attempt + 1} of ${ATTEMPTS})${left}\n`);
}
