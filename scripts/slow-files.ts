// A Vitest reporter for the stall guard (scripts/stall-guard.ts). It tells the guard of progress
// on the guard's own channel (STALL_GUARD_FD) as each test and file ends, so that Durable Objects
// still logging in a stalled run do not pass for progress. And it names the test files still
// running after a while: when the Workers pool stops mid-run (cloudflare/workers-sdk#15498), the
// run's log then says which files had started and never ended, not only the last that did.
import { writeSync } from 'node:fs';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** A file this long under way is named (the slowest file takes about 13 s; testTimeout is 30 s). */
export const SLOW_FILE_MS = 60_000;

/** The environment variable naming the stall guard's progress channel (a file descriptor). */
export const PROGRESS_FD_VAR = 'STALL_GUARD_FD';
/** How a progress note says a test file passed (the rest of its line names the file). */
export const PASSED = 'passed ';

/** The stall guard's progress channel, when the run is under it. */
function progressChannel(): ((note: string) => void) | undefined {
  const fd = Number(process.env[PROGRESS_FD_VAR]);
  if (!Number.isInteger(fd) || fd < 3) return undefined;
  return (note) => {
    try {
      writeSync(fd, note);
    } catch {
      // The guard is gone: nobody to tell.
    }
  };
}

export class SlowFiles implements Reporter {
  readonly #running = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly afterMs = SLOW_FILE_MS,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly progress: ((note: string) => void) | undefined = progressChannel(),
  ) {}

  onTestCaseResult(_test: TestCase): void {
    this.progress?.('.');
  }

  onTestModuleStart(module: TestModule): void {
    this.progress?.('.');
    const name = module.relativeModuleId;
    clearTimeout(this.#running.get(name));
    const timer = setTimeout(() => {
      this.#running.delete(name);
      this.write(`slow-files: ${name} still running after ${this.afterMs / 1000} s`);
    }, this.afterMs);
    // A forgotten timer must not keep Vitest's process alive.
    timer.unref?.();
    this.#running.set(name, timer);
  }

  onTestModuleEnd(module: TestModule): void {
    const name = module.relativeModuleId;
    // A file that passed is left out if the guard runs the suite again (scripts/stall-guard.ts).
    this.progress?.(module.state() === 'passed' ? `\n${PASSED}${name}\n` : '.');
    clearTimeout(this.#running.get(name));
    this.#running.delete(name);
  }

  onTestRunEnd(): void {
    for (const timer of this.#running.values()) clearTimeout(timer);
    this.#running.clear();
  }
}
