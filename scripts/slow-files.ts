// A Vitest reporter that names the test files still running after a while. When the Workers pool
// stops mid-run with no output (cloudflare/workers-sdk#15498), the run's log then says which files
// had started and never ended, instead of only the last file that did (scripts/stall-guard.ts).
// Each file is named once, so a stalled run stays silent afterwards and the stall guard still
// sees the silence.
import type { Reporter, TestModule } from 'vitest/node';

/** A file this long under way is named (the slowest file takes about 12 s; testTimeout is 30 s). */
export const SLOW_FILE_MS = 60_000;

export class SlowFiles implements Reporter {
  readonly #running = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly afterMs = SLOW_FILE_MS,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  onTestModuleStart(module: TestModule): void {
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
    clearTimeout(this.#running.get(name));
    this.#running.delete(name);
  }

  onTestRunEnd(): void {
    for (const timer of this.#running.values()) clearTimeout(timer);
    this.#running.clear();
  }
}
